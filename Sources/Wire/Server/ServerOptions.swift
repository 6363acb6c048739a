import Foundation

/// How an ``EnvironmentServer`` listens and what it allows. Every limit is documented in
/// `docs/protocol.md` ("Limits"); ``validated()`` checks each against its range.
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
    /// Largest request payload answered, in bytes; larger ones get a `too_large` error reply.
    public var maxRequestBytes: Int
    /// Largest message (all frames together) read, in bytes; the rest of a larger message is
    /// discarded unread and the message gets a `too_large` reply. Also the per-frame limit given to
    /// libzmq (ZMQ_MAXMSGSIZE): a peer sending a larger frame is disconnected.
    public var maxMessageBytes: Int
    /// Replies queued for one peer that has not read them (ZMQ_SNDHWM, messages); later replies to
    /// that peer are dropped until it reads.
    public var maxQueuedReplies: Int
    /// Requests of one peer waiting for or running on a worker; more get a `busy` reply.
    public var maxInFlightPerPeer: Int
    /// Most designs in one `step_batch`.
    public var maxBatchDesigns: Int
    /// Wall time one request may take, in seconds; a `step_batch` still running then stops between
    /// designs and gets a `deadline_exceeded` reply.
    public var requestTimeoutSeconds: Double

    public init(endpoint: String = WireProtocol.defaultEndpoint, maxSessions: Int = 1024, idleTimeoutSeconds: Double = 600,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount, maxRequestBytes: Int = 1 << 20,
                maxMessageBytes: Int? = nil, maxQueuedReplies: Int = 1000, maxInFlightPerPeer: Int = 256,
                maxBatchDesigns: Int = 10_000, requestTimeoutSeconds: Double = 600)
    {
        self.endpoint = endpoint
        self.maxSessions = maxSessions
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.workers = workers
        self.maxRequestBytes = maxRequestBytes
        self.maxMessageBytes = maxMessageBytes ?? (maxRequestBytes &+ (64 << 10))
        self.maxQueuedReplies = maxQueuedReplies
        self.maxInFlightPerPeer = maxInFlightPerPeer
        self.maxBatchDesigns = maxBatchDesigns
        self.requestTimeoutSeconds = requestTimeoutSeconds
    }

    /// The allowed range of every limit (the ones `dsegym serve` takes as options).
    public static let ranges: [(field: String, range: ClosedRange<Double>)] = [
        ("maxSessions", 1...1_000_000), ("idleTimeoutSeconds", 0.001...31_536_000), ("workers", 1...1024),
        ("maxRequestBytes", 1024...1_073_741_824), ("maxMessageBytes", 1024...2_147_483_647),
        ("maxQueuedReplies", 1...100_000), ("maxInFlightPerPeer", 1...100_000), ("maxBatchDesigns", 1...10_000_000),
        ("requestTimeoutSeconds", 0.001...31_536_000),
    ]

    /// The options unchanged, or an error naming the first limit out of its range.
    public func validated() throws(WireError) -> ServerOptions {
        if let problem = WireProtocol.endpointProblem(endpoint, option: "endpoint", binding: true) {
            throw WireError(.invalidOption, problem, field: "endpoint")
        }
        let values: [String: Double] = [
            "maxSessions": Double(maxSessions), "idleTimeoutSeconds": idleTimeoutSeconds, "workers": Double(workers),
            "maxRequestBytes": Double(maxRequestBytes), "maxMessageBytes": Double(maxMessageBytes),
            "maxQueuedReplies": Double(maxQueuedReplies), "maxInFlightPerPeer": Double(maxInFlightPerPeer),
            "maxBatchDesigns": Double(maxBatchDesigns), "requestTimeoutSeconds": requestTimeoutSeconds,
        ]
        for (field, range) in Self.ranges {
            let value = values[field]!
            guard value.isFinite, range.contains(value) else {
                throw WireError(.invalidOption, "\(field) must be in \(formatRange(range)), found \(formatLimit(value))", field: field)
            }
        }
        guard maxMessageBytes >= maxRequestBytes else {
            throw WireError(.invalidOption, "maxMessageBytes (\(maxMessageBytes)) must be at least maxRequestBytes (\(maxRequestBytes))", field: "maxMessageBytes")
        }
        return self
    }
}

/// `low...high` with integral bounds written without a fraction.
func formatRange(_ range: ClosedRange<Double>) -> String { "\(formatLimit(range.lowerBound))...\(formatLimit(range.upperBound))" }

/// A limit's value: integral values without a fraction, others (including inf and nan) as Swift writes them.
func formatLimit(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value) }
