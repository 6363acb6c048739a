import CZeroMQ
import Environments
import Foundation
import GymCore
import Synchronization

/// Serves every environment of a registry over ZeroMQ (protocol v1, see `docs/protocol.md`).
///
/// A ROUTER socket accepts many clients; a router thread forwards each request over inproc sockets to
/// worker threads (one per core by default) that answer it, so requests from different clients run in
/// parallel and `step_batch` spreads its designs over all cores. Requests that take only microseconds
/// (fast environments, `ping`) are answered on the router thread itself (see ``InlinePolicy``). All sockets live on dedicated threads,
/// never on the Swift concurrency pool. Bad input of any kind gets an error reply; idle sessions expire.
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
    private let finished: DispatchGroup

    /// Binds and starts serving; returns once the socket is bound (throws if it cannot be).
    public init(registry: EnvironmentRegistry = .standard, options: ServerOptions = ServerOptions()) throws {
        let context = try ZMQContext()
        let sessions = SessionTable(maxSessions: options.maxSessions, idleTimeout: .milliseconds(Int64(options.idleTimeoutSeconds * 1000)))
        let handler = RequestHandler(registry: registry, sessions: sessions, maxRequestBytes: options.maxRequestBytes)
        let tag = UUID().uuidString
        let jobs = "inproc://dsegym-jobs-\(tag)", results = "inproc://dsegym-results-\(tag)"
        let bound = BoundSignal()
        let finished = DispatchGroup()
        self.context = context
        self.sessions = sessions
        self.handler = handler
        self.options = options
        self.finished = finished
        let stopping = self.stopping

        finished.enter()
        let router = Thread {
            defer { finished.leave() }
            Self.routerLoop(context: context, options: options, jobsAddress: jobs, resultsAddress: results,
                            sessions: sessions, handler: handler, stopping: stopping, bound: bound)
        }
        router.name = "dsegym-router"
        router.start()
        let endpoint = try bound.wait()
        self.endpoint = endpoint
        for index in 0..<options.workers {
            finished.enter()
            let worker = Thread {
                defer { finished.leave() }
                Self.workerLoop(context: context, jobsAddress: jobs, resultsAddress: results, handler: handler)
            }
            worker.name = "dsegym-worker-\(index)"
            worker.start()
        }
    }

    /// Number of live sessions.
    public var sessionCount: Int { sessions.count }

    /// Stops serving: every thread exits, every socket closes (linger 0: undelivered replies are
    /// dropped), the bound address is free again and every session is closed. Idempotent.
    public func stop() {
        guard stopping.set() else { return }
        context.shutdown()
        finished.wait()
        context.terminate()   // the threads closed their sockets; this waits until libzmq has released the port
        sessions.removeAll()
    }

    /// Answers one ROUTER message (`[identity, (empty,) json]`) as the server's threads do, without
    /// any socket: for `dsegym perf wire`, which times the protocol's own work apart from the transport.
    package func answer(frames: [[UInt8]]) -> [[UInt8]] { handler.handle(frames: frames) }

    /// Blocks the calling thread until ``stop()`` is called (for `dsegym serve`).
    public func wait() { finished.wait() }

    deinit { stop() }

    private static func routerLoop(context: ZMQContext, options: ServerOptions, jobsAddress: String, resultsAddress: String,
                                   sessions: SessionTable, handler: RequestHandler, stopping: StopFlag, bound: BoundSignal)
    {
        let router: ZMQSocket, jobs: ZMQSocket, results: ZMQSocket
        do {
            router = try context.socket(.router)
            try router.setMaximumMessageSize(bytes: options.hardFrameLimitBytes)
            try router.setSendTimeout(milliseconds: 0)
            try router.setReceiveTimeout(milliseconds: 500)  // wakes the loop to expire idle sessions
            try router.bind(options.endpoint)
            jobs = try context.socket(.push)
            results = try context.socket(.pull)
            for socket in [jobs, results] {
                try socket.setOption(ZMQ_SNDHWM, Int32(0))
                try socket.setOption(ZMQ_RCVHWM, Int32(0))
            }
            try jobs.bind(jobsAddress)
            try results.bind(resultsAddress)
            bound.signal(.success(router.lastEndpoint))
        } catch {
            bound.signal(.failure(error))
            return
        }
        var lastSweep = ContinuousClock.now
        var inline = InlinePolicy()
        var outstanding = 0  // requests handed to workers whose replies have not come back yet
        /// Answers `frames` inline or hands them to a worker; returns how many went to a worker.
        func dispatch(_ frames: [[UInt8]]) throws -> Int {
            guard inline.shouldAnswerInline() else {
                try jobs.send(frames)
                return 1
            }
            let start = ContinuousClock.now
            let (reply, op) = handler.handleReportingOp(frames: frames)
            if op == WireRequest.Op.step.rawValue { inline.record(ContinuousClock.now - start) }
            try? router.send(reply)
            return 0
        }
        while !stopping.isSet {
            do {
                if outstanding == 0 {
                    // No reply can arrive from the workers: block on the router alone, as a plain
                    // echo would (polling both sockets and draining until EAGAIN costs a few µs a request).
                    let frames: [[UInt8]]?
                    do { frames = try router.receive() } catch ZMQError.timeout { frames = nil }
                    if let frames { outstanding += try dispatch(frames) }
                } else {
                    let readable = try pollReadable([router, results], milliseconds: 500)
                    if readable.contains(0) {
                        // Drain what is queued so one slow client cannot starve the others' forwarding.
                        for _ in 0..<1000 {
                            guard let frames = try? router.receive(dontWait: true) else { break }
                            outstanding += try dispatch(frames)
                        }
                    }
                    if readable.contains(1) {
                        for _ in 0..<1000 {
                            guard let frames = try? results.receive(dontWait: true) else { break }
                            outstanding -= 1
                            try? router.send(frames)  // a vanished client's reply is dropped
                        }
                    }
                }
                if ContinuousClock.now - lastSweep > .seconds(1) {
                    sessions.expire()
                    lastSweep = .now
                }
            } catch ZMQError.terminated {
                break
            } catch {
                continue
            }
        }
        for socket in [router, jobs, results] { socket.close() }
    }

    private static func workerLoop(context: ZMQContext, jobsAddress: String, resultsAddress: String, handler: RequestHandler) {
        guard let jobs = try? context.socket(.pull), let results = try? context.socket(.push) else { return }
        defer { jobs.close(); results.close() }
        do {
            for socket in [jobs, results] {
                try socket.setOption(ZMQ_SNDHWM, Int32(0))
                try socket.setOption(ZMQ_RCVHWM, Int32(0))
            }
            try jobs.connect(jobsAddress)
            try results.connect(resultsAddress)
        } catch { return }
        while true {
            do {
                let frames = try jobs.receive()
                try results.send(handler.handle(frames: frames))
            } catch ZMQError.terminated {
                return
            } catch {
                continue
            }
        }
    }
}

/// When the router thread answers requests itself instead of handing them to a worker.
///
/// Handing a request to a worker costs two inproc hops (tens of microseconds on a loaded machine),
/// more than a fast environment's whole step. So the router answers inline while inline `step`s
/// take under `threshold` on average (other ops are rare or cheap, and `step_batch` spreads its
/// designs over all cores anyway), and hands everything to the workers (in parallel) otherwise,
/// trying inline again on one request in `probeInterval` to notice when steps become cheap again.
struct InlinePolicy {
    var averageSeconds = 0.0
    var handedOff = 0
    let threshold = 100e-6
    let probeInterval = 64

    mutating func shouldAnswerInline() -> Bool {
        if averageSeconds < threshold { return true }
        handedOff += 1
        if handedOff >= probeInterval {
            handedOff = 0
            return true
        }
        return false
    }

    mutating func record(_ duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        averageSeconds = averageSeconds == 0 ? seconds : 0.8 * averageSeconds + 0.2 * seconds
    }
}

/// Hands the router thread's bind result to the constructing thread.
private final class BoundSignal: Sendable {
    private let result = Mutex<Result<String, any Error>?>(nil)
    private let semaphore = DispatchSemaphore(value: 0)

    func signal(_ value: Result<String, any Error>) {
        result.withLock { $0 = value }
        semaphore.signal()
    }

    func wait() throws -> String {
        semaphore.wait()
        return try result.withLock { $0! }.get()
    }
}

/// Set once when the server stops.
private final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    /// Sets the flag; `true` for the first caller only.
    func set() -> Bool { !flag.exchange(true, ordering: .acquiringAndReleasing) }
}
