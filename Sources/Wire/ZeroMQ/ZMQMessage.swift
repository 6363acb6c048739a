import CZeroMQ

/// One ZeroMQ message frame. A class because `zmq_msg_t` must never be copied after init.
final class ZMQMessage {
    var raw = zmq_msg_t()

    init() { zmq_msg_init(&raw) }

    init(bytes: some Collection<UInt8>) {
        zmq_msg_init_size(&raw, bytes.count)
        if let data = zmq_msg_data(&raw) {
            let buffer = UnsafeMutableRawBufferPointer(start: data, count: bytes.count)
            buffer.copyBytes(from: bytes)
        }
    }

    var bytes: [UInt8] {
        let size = zmq_msg_size(&raw)
        guard size > 0, let data = zmq_msg_data(&raw) else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: size))
    }

    /// Whether more frames of the same message follow.
    var hasMore: Bool { zmq_msg_more(&raw) != 0 }

    deinit { zmq_msg_close(&raw) }
}
