import CZeroMQ

/// A ZeroMQ socket with safe defaults: linger 0, optional send/receive timeouts, EINTR retried,
/// messages as byte arrays (multi-frame messages as arrays of frames).
///
/// A socket is not thread-safe: use it from one thread at a time (handing it to another thread
/// through a lock is fine). Close it before its context terminates.
///
/// ```swift
/// let socket = try context.socket(.dealer)
/// try socket.setReceiveTimeout(milliseconds: 2000)
/// try socket.connect("tcp://127.0.0.1:5555")
/// try socket.send([[], Array(#"{"v":1,"id":1,"op":"ping"}"#.utf8)])
/// let reply = try socket.receive()
/// ```
public final class ZMQSocket: @unchecked Sendable {
    // @unchecked Sendable: libzmq sockets may move between threads when a full memory barrier separates
    // their uses; callers use a socket from one thread at a time (owning thread or under a lock).

    /// The socket types DSEGym uses.
    public enum Kind: Sendable {
        case request, reply, dealer, router, push, pull

        var raw: Int32 {
            switch self {
            case .request: ZMQ_REQ
            case .reply: ZMQ_REP
            case .dealer: ZMQ_DEALER
            case .router: ZMQ_ROUTER
            case .push: ZMQ_PUSH
            case .pull: ZMQ_PULL
            }
        }
    }

    let handle: UnsafeMutableRawPointer
    /// Kept so the context outlives the socket.
    let context: ZMQContext
    private var closed = false

    init(context: ZMQContext, kind: Kind) throws {
        guard let handle = zmq_socket(context.handle, kind.raw) else { throw ZMQError.last("zmq_socket") }
        self.handle = handle
        self.context = context
        try setOption(ZMQ_LINGER, Int32(0))
    }

    func setOption(_ option: Int32, _ value: Int32) throws {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int32>.size) == 0 else { throw ZMQError.last("zmq_setsockopt") }
    }

    func setOption(_ option: Int32, _ value: Int64) throws {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int64>.size) == 0 else { throw ZMQError.last("zmq_setsockopt") }
    }

    /// Receive calls fail with ``ZMQError/timeout`` after this long (-1: wait forever).
    public func setReceiveTimeout(milliseconds: Int32) throws { try setOption(ZMQ_RCVTIMEO, milliseconds) }
    /// Send calls fail with ``ZMQError/timeout`` after this long (-1: wait forever).
    public func setSendTimeout(milliseconds: Int32) throws { try setOption(ZMQ_SNDTIMEO, milliseconds) }
    /// Peers sending a frame larger than this are disconnected (ZMQ_MAXMSGSIZE, per frame); use on server sockets.
    public func setMaximumMessageSize(bytes: Int64) throws { try setOption(ZMQ_MAXMSGSIZE, bytes) }
    /// Most messages queued for sending to one peer (ZMQ_SNDHWM); a ROUTER drops messages beyond it.
    public func setSendHighWaterMark(messages: Int32) throws { try setOption(ZMQ_SNDHWM, messages) }
    /// Most messages queued on receipt from one peer (ZMQ_RCVHWM); the peer is then held back.
    public func setReceiveHighWaterMark(messages: Int32) throws { try setOption(ZMQ_RCVHWM, messages) }
    /// A REQ socket that may resend after a timeout and matches replies to requests.
    public func setRelaxedRequest() throws {
        try setOption(ZMQ_REQ_RELAXED, Int32(1))
        try setOption(ZMQ_REQ_CORRELATE, Int32(1))
    }

    public func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError.last("zmq_bind \(endpoint)") }
    }

    public func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else { throw ZMQError.last("zmq_connect \(endpoint)") }
    }

    /// The endpoint actually bound (e.g. the port chosen for `tcp://127.0.0.1:*`).
    public var lastEndpoint: String {
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Sends one message made of `frames` (all or nothing for the caller: a timeout on the first frame).
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws {
        for (index, frame) in frames.enumerated() {
            let message = ZMQMessage(bytes: frame)
            var flags: Int32 = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            if dontWait { flags |= ZMQ_DONTWAIT }
            while zmq_msg_send(&message.raw, handle, flags) < 0 {
                if zmq_errno() == EINTR { continue }
                throw ZMQError.last("zmq_msg_send")
            }
        }
    }

    /// Sends a single-frame message.
    public func send(_ bytes: [UInt8]) throws { try send([bytes]) }

    /// Receives one message: all its frames.
    public func receive(dontWait: Bool = false) throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        while true {
            let message = ZMQMessage()
            while zmq_msg_recv(&message.raw, handle, dontWait ? ZMQ_DONTWAIT : 0) < 0 {
                if zmq_errno() == EINTR { continue }
                throw ZMQError.last("zmq_msg_recv")
            }
            frames.append(message.bytes)
            if !message.hasMore { return frames }
        }
    }

    /// Receives one message, keeping its frames while their total stays within `limit` bytes; the
    /// frames after that are read and discarded (never copied). `totalBytes` is the whole message's
    /// size, so `totalBytes > limit` says frames were dropped.
    public func receive(dontWait: Bool = false, limit: Int) throws -> (frames: [[UInt8]], totalBytes: Int) {
        var frames: [[UInt8]] = []
        var total = 0
        while true {
            let message = ZMQMessage()
            while zmq_msg_recv(&message.raw, handle, dontWait ? ZMQ_DONTWAIT : 0) < 0 {
                if zmq_errno() == EINTR { continue }
                throw ZMQError.last("zmq_msg_recv")
            }
            let size = zmq_msg_size(&message.raw)
            total = total.addingReportingOverflow(size).overflow ? .max : total + size
            if total <= limit { frames.append(message.bytes) }
            if !message.hasMore { return (frames, total) }
        }
    }

    /// Waits up to `milliseconds` for a message to read (-1: forever); `false` on timeout.
    public func poll(milliseconds: Int) throws -> Bool {
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        while true {
            let count = zmq_poll(&item, 1, milliseconds)
            if count >= 0 { return count > 0 }
            if zmq_errno() == EINTR { continue }
            throw ZMQError.last("zmq_poll")
        }
    }

    /// Closes the socket now (also done on deinit).
    public func close() {
        guard !closed else { return }
        closed = true
        zmq_close(handle)
    }

    deinit { close() }
}

/// Waits until one of `sockets` has a message to read; returns the readable ones' indices.
func pollReadable(_ sockets: [ZMQSocket], milliseconds: Int) throws -> [Int] {
    var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
    while true {
        let count = zmq_poll(&items, Int32(items.count), milliseconds)
        if count >= 0 { return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 } }
        if zmq_errno() == EINTR { continue }
        throw ZMQError.last("zmq_poll")
    }
}
