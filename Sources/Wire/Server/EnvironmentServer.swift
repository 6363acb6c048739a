import CZeroMQ
import Environments
import Foundation
import GymCore
import Synchronization

/// Serves every environment of a registry over ZeroMQ (protocol v1, see `docs/protocol.md`).
///
/// A ROUTER socket accepts many clients on a router thread that never runs work a request can make
/// large: it answers only requests that cost microseconds whatever they hold (`ping`, `hello`,
/// `close`, malformed requests, and `step` on a session whose steps measured fast) and queues every
/// other one (`make`, `reset`, `step_batch`, slow steps) for a pool of worker threads, whichever is
/// free first. So a 3,000-design `step_batch` on one session never delays another client's `ping`.
/// Limits (``ServerOptions``): message size across frames, requests in flight and replies unread per
/// peer, designs per batch and wall time per request. All sockets live on the router thread (workers
/// hand replies back through a locked inproc socket), never on the Swift concurrency pool, so
/// ``stop()`` returns promptly even while a worker is still inside a long simulation.
///
/// ```swift
/// let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*"))
/// print(server.endpoint)   // tcp://127.0.0.1:41234
/// server.stop()
/// ```
public final class EnvironmentServer: Sendable {
    /// The bound address (with the port chosen when the options asked for `*`).
    public let endpoint: String
    public let options: ServerOptions
    let context: ZMQContext
    let sessions: SessionTable
    let handler: RequestHandler
    private let stopping = StopFlag()
    private let stopped = StopFlag()
    private let queue: JobQueue
    /// Left when the router thread has ended.
    private let routerFinished: DispatchGroup
    private let failure = FailureNote()

    /// Binds and starts serving; returns once the socket is bound (throws if it cannot be, or if an
    /// option is out of its range).
    /// `recorder` records the runs clients open with `open_run` (`nil`: the server refuses them).
    public init(registry: EnvironmentRegistry = .standard, options: ServerOptions = ServerOptions(),
                recorder: (any RunRecorder)? = nil) throws {
        let options = try options.validated()
        let context = try ZMQContext()
        let sessions = SessionTable(maxSessions: options.maxSessions, idleTimeout: .milliseconds(Int64(options.idleTimeoutSeconds * 1000)),
                                    recorder: recorder)
        let stopping = self.stopping
        let handler = RequestHandler(registry: registry, sessions: sessions, maxRequestBytes: options.maxRequestBytes,
                                     maxBatchDesigns: options.maxBatchDesigns, stopping: stopping)
        let queue = JobQueue(waiters: options.workers)
        let results = "inproc://dsegym-results-\(UUID().uuidString)"
        let bound = BoundSignal()
        let routerFinished = DispatchGroup()
        self.context = context
        self.sessions = sessions
        self.handler = handler
        self.options = options
        self.queue = queue
        self.routerFinished = routerFinished
        let failure = self.failure

        routerFinished.enter()
        let router = Thread {
            defer { routerFinished.leave() }
            let loop = RouterLoop(context: context, options: options, resultsAddress: results, sessions: sessions,
                                  handler: handler, queue: queue, stopping: stopping)
            if let message = loop.run(bound: bound) {
                failure.set(message)
                stopping.set()
                queue.close()
            }
        }
        router.name = "dsegym-router"
        router.start()
        let (endpoint, replies) = try bound.wait()
        self.endpoint = endpoint
        for index in 0..<options.workers {
            let worker = Thread {
                while let job = queue.take() {
                    guard !stopping.isSet else { return }
                    replies.send(handler.handle(frames: job.frames, deadline: job.deadline))
                }
            }
            worker.name = "dsegym-worker-\(index)"
            worker.start()
        }
    }

    /// Number of live sessions.
    public var sessionCount: Int { sessions.count }

    /// Why the server stopped by itself (persistent socket errors), or `nil`.
    public var failureReason: String? { failure.message }

    /// Stops serving: the router thread closes every socket (linger 0: undelivered replies are
    /// dropped), the bound address is free again and every session is closed. Returns without waiting
    /// for a worker inside a long simulation: its `step_batch` stops at the next design, its reply is
    /// dropped. Idempotent.
    public func stop() {
        guard stopped.set() else { return }
        stopping.set()
        queue.close()
        context.shutdown()
        routerFinished.wait()
        context.terminate()   // the router closed every socket; this waits until libzmq has released the port
        sessions.removeAll()
    }

    /// Answers one ROUTER message (`[identity, (empty,) json]`) as the server's threads do, without
    /// any socket: for `dsegym perf wire`, which times the protocol's own work apart from the transport.
    package func answer(frames: [[UInt8]]) -> [[UInt8]] { handler.handle(frames: frames) }

    /// Blocks the calling thread until the server stops (``stop()``, or persistent socket errors: see
    /// ``failureReason``), for `dsegym serve`.
    public func wait() { routerFinished.wait() }

    deinit { stop() }
}

/// The router thread: reads every message, answers the cheap ones, queues the rest for the workers
/// and sends their replies back, enforcing the per-message and per-peer limits.
private struct RouterLoop {
    let context: ZMQContext
    let options: ServerOptions
    let resultsAddress: String
    let sessions: SessionTable
    let handler: RequestHandler
    let queue: JobQueue
    let stopping: StopFlag

    /// Serves until stopped; returns a message when it gave up on persistent errors.
    func run(bound: BoundSignal) -> String? {
        let router: ZMQSocket, results: ZMQSocket, replies: ReplyChannel
        do {
            router = try context.socket(.router)
            try router.setMaximumMessageSize(bytes: Int64(options.maxMessageBytes))
            try router.setSendHighWaterMark(messages: Int32(clamping: options.maxQueuedReplies))
            try router.setReceiveHighWaterMark(messages: Int32(clamping: options.maxInFlightPerPeer))
            try router.setSendTimeout(milliseconds: 0)
            try router.setReceiveTimeout(milliseconds: 500)  // wakes the loop to expire idle sessions
            try router.bind(options.endpoint)
            results = try context.socket(.pull)
            try results.setOption(ZMQ_RCVHWM, Int32(0))
            try results.bind(resultsAddress)
            let push = try context.socket(.push)
            try push.setOption(ZMQ_SNDHWM, Int32(0))
            try push.connect(resultsAddress)
            replies = ReplyChannel(push)
            bound.signal(.success((router.lastEndpoint, replies)))
        } catch {
            bound.signal(.failure(error))
            return nil
        }
        defer {
            replies.close()
            results.close()
            router.close()
        }
        var state = RouterState()
        var errors = LoopErrors(name: "router")
        var lastSweep = ContinuousClock.now
        while !stopping.isSet {
            do {
                if state.outstanding == 0 {
                    // No reply can come back from the workers: block on the router alone.
                    do { try route(try router.receive(limit: options.maxMessageBytes), router, &state) } catch ZMQError.timeout {}
                } else {
                    let readable = try pollReadable([router, results], milliseconds: 500)
                    if readable.contains(0) {
                        // Drain what is queued so one busy client cannot starve the others' forwarding.
                        for _ in 0..<1000 {
                            guard let message = try receiveIfAny(router) else { break }
                            try route(message, router, &state)
                        }
                    }
                    if readable.contains(1) {
                        for _ in 0..<1000 {
                            // Our workers' replies: whole, whatever their size (a 3,000-design batch answers ~1.5 MB).
                            guard let (frames, _) = try receiveIfAny(results, limit: .max) else { break }
                            state.finished(frames.first ?? [])
                            send(frames, router)
                        }
                    }
                }
                if ContinuousClock.now - lastSweep > .seconds(1) {
                    sessions.expire()
                    lastSweep = .now
                }
                errors.succeeded()
            } catch ZMQError.terminated {
                return nil
            } catch {
                if let message = errors.record(error) { return message }
            }
        }
        return nil
    }

    /// A waiting message, its frames kept up to `limit` bytes in all (default: the request limit).
    private func receiveIfAny(_ socket: ZMQSocket, limit: Int? = nil) throws -> (frames: [[UInt8]], totalBytes: Int)? {
        do { return try socket.receive(dontWait: true, limit: limit ?? options.maxMessageBytes) } catch ZMQError.timeout { return nil }
    }

    /// Answers one message inline or queues it for a worker.
    private func route(_ message: (frames: [[UInt8]], totalBytes: Int), _ router: ZMQSocket, _ state: inout RouterState) throws {
        let frames = message.frames
        guard let identity = frames.first else { return }
        if message.totalBytes > options.maxMessageBytes {
            let delimited = frames.count > 1 && frames[1].isEmpty
            let error = WireError(.tooLarge, "message of \(message.totalBytes) bytes over all its frames; the limit is \(options.maxMessageBytes)")
            send((delimited ? [identity, []] : [identity]) + [RequestHandler.encode(.failure(id: nil, error))], router)
            return
        }
        if let reply = handler.answerInline(frames: frames) {
            send(reply, router)
            return
        }
        guard state.inFlight[identity, default: 0] < options.maxInFlightPerPeer else {
            let (envelope, payload) = RequestHandler.split(frames) ?? ([identity], nil)
            let error = WireError(.busy, "this connection already has \(options.maxInFlightPerPeer) requests in progress; wait for their replies")
            send(envelope + [RequestHandler.encode(.failure(id: payload.flatMap(RequestHandler.salvageID), error))], router)
            return
        }
        state.started(identity)
        queue.push(Job(frames: frames, deadline: .now + .milliseconds(Int64(options.requestTimeoutSeconds * 1000))))
    }

    /// Sends a reply; a peer that left or stopped reading (its queue is full) loses it, by design.
    private func send(_ frames: [[UInt8]], _ router: ZMQSocket) {
        _ = try? router.send(frames, dontWait: true)
    }
}

/// What the router thread tracks: requests with the workers, in all and per peer.
private struct RouterState {
    var outstanding = 0
    var inFlight: [[UInt8]: Int] = [:]

    mutating func started(_ identity: [UInt8]) {
        outstanding += 1
        inFlight[identity, default: 0] += 1
    }

    mutating func finished(_ identity: [UInt8]) {
        outstanding -= 1
        if let count = inFlight[identity] { inFlight[identity] = count > 1 ? count - 1 : nil }
    }
}

/// Counts a loop's errors, logs each kind on standard error once per burst, and gives up when they
/// persist (every pass failing `limit` times in a row).
struct LoopErrors {
    let name: String
    var limit = 100
    private(set) var consecutive = 0
    private(set) var total = 0

    init(name: String, limit: Int = 100) {
        self.name = name
        self.limit = limit
    }

    mutating func succeeded() { consecutive = 0 }

    /// Records a failed pass; returns why to stop once failures persist.
    mutating func record(_ error: Error) -> String? {
        consecutive += 1
        total += 1
        if consecutive == 1 {
            FileHandle.standardError.write(Data("dsegym serve: \(name) error (\(total) so far): \(error)\n".utf8))
        }
        guard consecutive >= limit else { return nil }
        return "\(name) stopped after \(consecutive) consecutive errors; last: \(error)"
    }
}

/// Hands the router thread's bind result (endpoint and the workers' reply channel) to the constructing thread.
private final class BoundSignal: Sendable {
    private let result = Mutex<Result<(String, ReplyChannel), any Error>?>(nil)
    private let semaphore = DispatchSemaphore(value: 0)

    func signal(_ value: Result<(String, ReplyChannel), any Error>) {
        result.withLock { $0 = value }
        semaphore.signal()
    }

    func wait() throws -> (String, ReplyChannel) {
        semaphore.wait()
        return try result.withLock { $0! }.get()
    }
}

/// Why the router thread gave up, set by it and read by anyone.
private final class FailureNote: Sendable {
    private let note = Mutex<String?>(nil)
    var message: String? { note.withLock { $0 } }
    func set(_ message: String) { note.withLock { $0 = message } }
}

/// Set once when the server stops.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    /// Sets the flag; `true` for the first caller only.
    @discardableResult
    func set() -> Bool { !flag.exchange(true, ordering: .acquiringAndReleasing) }
}
