import CZeroMQ

/// A failed libzmq call, classified the way callers act on it.
///
/// `timeout` is EAGAIN on a socket with a send/receive timeout; `terminated` is ETERM (the context is
/// shutting down: a loop should exit); everything else is `failure` with libzmq's errno and text.
public enum ZMQError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The send or receive timed out (EAGAIN).
    case timeout
    /// The context was terminated (ETERM).
    case terminated
    /// Any other error: the call, errno and libzmq's message.
    case failure(call: String, errno: Int32, message: String)

    /// Reads `zmq_errno()` after a failed `call`.
    static func last(_ call: String) -> ZMQError {
        let code = zmq_errno()
        if code == EAGAIN { return .timeout }
        if code == ETERM { return .terminated }
        return .failure(call: call, errno: code, message: String(cString: zmq_strerror(code)))
    }

    public var description: String {
        switch self {
        case .timeout: return "timed out"
        case .terminated: return "ZeroMQ context terminated"
        case .failure(let call, let errno, let message): return "\(call) failed: \(message) (errno \(errno))"
        }
    }
}
