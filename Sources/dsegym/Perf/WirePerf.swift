import Foundation
import GymCore
import Synchronization
import Wire

extension PerfSection {
    /// Remote step round trips through `EnvironmentServer` next to a raw ZeroMQ REQ/REP round trip
    /// measured in the same run, both over loopback TCP. Sockets run on dedicated threads.
    static let wire = PerfSection(name: "wire", summary: "remote step round trip vs raw ZeroMQ REQ/REP over loopback TCP") {
        try await onThread { try WirePerf.measure() }
    }
}

/// Runs blocking work on a dedicated thread (not the concurrency pool) and awaits its result.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// The measurements of the `wire` perf section.
enum WirePerf {
    static let roundTrips = 20_000

    static func measure() throws -> [PerfRow] {
        var rows: [PerfRow] = []
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*"))
        defer { server.stop() }
        let client = try WireClient(endpoint: server.endpoint)
        let session = try client.make(environment: "synthetic").session
        let design: Design = ["family": "gamma", "x": 37, "y": 16, "z": 1.0]
        let echo = try RawEcho()
        defer { echo.stop() }
        // Interleave blocks of raw and remote round trips so both see the same machine load.
        var raw: [Double] = [], samples: [Double] = []
        raw.reserveCapacity(roundTrips)
        samples.reserveCapacity(roundTrips)
        let block = 500
        for round in 0..<(roundTrips / block + 2) {
            let rawBlock = try echo.roundTrips(block)
            var remoteBlock: [Double] = []
            for _ in 0..<block {
                remoteBlock.append(try Stopwatch.seconds { _ = try client.step(session: session, design: design) })
            }
            if round >= 2 {  // the first two blocks warm up
                raw += rawBlock
                samples += remoteBlock
            }
        }
        rows += latencyRows(item: "raw ZeroMQ REQ/REP, 32-byte message", raw)
        rows += latencyRows(item: "remote step (WireClient -> dsegym server)", samples)
        let overhead = (percentile(samples, 0.5) / percentile(raw, 0.5) - 1) * 100
        rows.append(PerfRow(section: "wire", item: "protocol overhead over raw (p50)", metric: "overhead", value: overhead, unit: "%"))
        let dealer = try rawDealerRouter(count: roundTrips / 2, payload: WireRequest(id: 1, op: .step, session: session, design: design).jsonBytes)
        rows += latencyRows(item: "raw ZeroMQ DEALER/ROUTER, step-sized message, no JSON", dealer)

        let request = WireRequest(id: 1, op: .step, session: session, design: design)
        var stepReply = WireReply(id: .number(1), ok: true)
        stepReply.evaluation = try client.step(session: session, design: design)
        let replyBytes = stepReply.jsonBytes
        let (repetitions, codecSeconds) = try Stopwatch.repeatFor(minimumSeconds: 0.5) {
            _ = try WireRequest(jsonBytes: request.jsonBytes)
            _ = stepReply.jsonBytes
            _ = try WireReply(jsonBytes: replyBytes)
        }
        rows.append(PerfRow(section: "wire", item: "JSON: step request encode+decode, step reply encode+decode", metric: "time",
                            value: codecSeconds / Double(repetitions) * 1e6, unit: "µs"))

        for clients in [1, 4] {
            let perClient = 5000
            let seconds = try Stopwatch.seconds {
                let errors = Mutex<[String]>([])
                let group = DispatchGroup()
                for _ in 0..<clients {
                    group.enter()
                    Thread {
                        defer { group.leave() }
                        do {
                            let session = try client.make(environment: "synthetic").session
                            for _ in 0..<perClient { _ = try client.step(session: session, design: design) }
                        } catch { errors.withLock { $0.append(String(describing: error)) } }
                    }.start()
                }
                group.wait()
                if let first = errors.withLock({ $0.first }) { throw WireError(.internal, first) }
            }
            rows.append(PerfRow(section: "wire", item: "remote steps, \(clients) client thread(s)", metric: "steps/s",
                                value: Double(clients * perClient) / seconds, unit: "1/s"))
        }
        return rows
    }

    /// Round trips of a DEALER (with an empty delimiter frame, as the protocol's clients send) to a
    /// ROUTER echo thread: the same framing and size as a step request, without any JSON work.
    static func rawDealerRouter(count: Int, payload: [UInt8]) throws -> [Double] {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = router.lastEndpoint
        let done = DispatchSemaphore(value: 0)
        let warmup = 500
        Thread {
            defer { router.close(); done.signal() }
            for _ in 0..<(count + warmup) {
                guard let frames = try? router.receive(), (try? router.send(frames)) != nil else { return }
            }
        }.start()
        let dealer = try context.socket(.dealer)
        defer { dealer.close() }
        try dealer.setReceiveTimeout(milliseconds: 5000)
        try dealer.connect(endpoint)
        var samples: [Double] = []
        for index in 0..<(count + warmup) {
            let seconds = try Stopwatch.seconds {
                try dealer.send([[], payload])
                _ = try dealer.receive()
            }
            if index >= warmup { samples.append(seconds) }
        }
        done.wait()
        return samples
    }

    static func latencyRows(item: String, _ samples: [Double]) -> [PerfRow] {
        [PerfRow(section: "wire", item: item, metric: "p50", value: percentile(samples, 0.5) * 1e6, unit: "µs"),
         PerfRow(section: "wire", item: item, metric: "p99", value: percentile(samples, 0.99) * 1e6, unit: "µs"),
         PerfRow(section: "wire", item: item, metric: "round trips/s", value: Double(samples.count) / samples.reduce(0, +), unit: "1/s")]
    }

    static func percentile(_ samples: [Double], _ fraction: Double) -> Double {
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }
}

/// A raw ZeroMQ REQ/REP pair over loopback TCP: an echo thread answering 32-byte requests.
final class RawEcho: Sendable {
    let context: ZMQContext
    let requester: ZMQSocket
    let done = DispatchSemaphore(value: 0)

    init() throws {
        context = try ZMQContext()
        let replier = try context.socket(.reply)
        try replier.bind("tcp://127.0.0.1:*")
        let endpoint = replier.lastEndpoint
        let done = self.done
        Thread {
            defer { replier.close(); done.signal() }
            while let message = try? replier.receive(), (try? replier.send(message)) != nil {}
        }.start()
        requester = try context.socket(.request)
        try requester.setReceiveTimeout(milliseconds: 5000)
        try requester.connect(endpoint)
    }

    /// Round-trip times of `count` exchanges, in seconds.
    func roundTrips(_ count: Int) throws -> [Double] {
        let payload = Array(repeating: UInt8(ascii: "x"), count: 32)
        return try (0..<count).map { _ in
            try Stopwatch.seconds {
                try requester.send(payload)
                _ = try requester.receive()
            }
        }
    }

    func stop() {
        requester.close()
        context.shutdown()
        done.wait()
    }
}
