import Foundation

/// How an ``EnvironmentServer`` listens and what it allows.
///
/// ```swift
/// let options = ServerOptions(endpoint: "tcp://127.0.0.1:*", maxSessions: 64)
/// ```
public struct ServerOptions: Sendable {
    /// The address to bind (`tcp://127.0.0.1:5555`; a `*` port picks a free one).
    public var endpoint: String
    /// Most live sessions; `make` fails with `too_many_sessions` beyond it.
    public var maxSessions: Int
    /// Sessions unused for this long are dropped, in seconds.
    public var idleTimeoutSeconds: Double
    /// Worker threads evaluating requests in parallel.
    public var workers: Int
    /// Largest request answered, in bytes; larger ones get a `too_large` error reply.
    public var maxRequestBytes: Int
    /// Frames larger than this make libzmq drop the connection (ZMQ_MAXMSGSIZE), in bytes.
    public var hardFrameLimitBytes: Int64

    public init(endpoint: String = WireProtocol.defaultEndpoint, maxSessions: Int = 1024, idleTimeoutSeconds: Double = 600,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount, maxRequestBytes: Int = 1 << 20,
                hardFrameLimitBytes: Int64 = 64 << 20)
    {
        self.endpoint = endpoint
        self.maxSessions = maxSessions
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.workers = max(1, workers)
        self.maxRequestBytes = maxRequestBytes
        self.hardFrameLimitBytes = hardFrameLimitBytes
    }
}
