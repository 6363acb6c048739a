import CZeroMQ
import Synchronization

/// A libzmq context: owns the I/O threads; sockets are made from it.
///
/// Terminate it (or let it deinit) only after every socket made from it is closed; all sockets set
/// `ZMQ_LINGER` so termination never hangs on undelivered messages.
///
/// ```swift
/// let context = try ZMQContext()
/// let socket = try context.socket(.dealer)
/// ```
public final class ZMQContext: @unchecked Sendable {
    // @unchecked Sendable: a libzmq context is thread-safe by contract (zmq_ctx_* may be called from any
    // thread); the handle is immutable after init.
    let handle: UnsafeMutableRawPointer
    private let terminated = Atomic<Bool>(false)

    public init() throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        self.handle = handle
    }

    /// Makes a socket of `kind`; use it on one thread at a time.
    public func socket(_ kind: ZMQSocket.Kind) throws -> ZMQSocket { try ZMQSocket(context: self, kind: kind) }

    /// Makes blocked calls on this context's sockets fail with ``ZMQError/terminated``, without
    /// waiting for the sockets to close (zmq_ctx_shutdown).
    public func shutdown() { zmq_ctx_shutdown(handle) }

    /// Waits until every socket made from this context is closed and released by libzmq (so a bound
    /// port is free again), then frees the context (zmq_ctx_term). Idempotent; deinit does it too.
    public func terminate() {
        guard !terminated.exchange(true, ordering: .acquiringAndReleasing) else { return }
        while zmq_ctx_term(handle) != 0, zmq_errno() == EINTR {}
    }

    deinit { terminate() }
}
