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
        let raw = try rawRequestReply(count: roundTrips)
        rows += latencyRows(item: "raw ZeroMQ REQ/REP, 32-byte message", raw)

        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*"))
        defer { server.stop() }
        let client = try WireClient(endpoint: server.endpoint)
        let session = try client.make(environment: "synthetic").session
        let design: Design = ["family": "gamma", "x": 37, "y": 16, "z": 1.0]
        for _ in 0..<1000 { _ = try client.step(session: session, design: design) }
        var samples: [Double] = []
        samples.reserveCapacity(roundTrips)
        for _ in 0..<roundTrips {
            samples.append(try Stopwatch.seconds { _ = try client.step(session: session, design: design) })
        }
        rows += latencyRows(item: "remote step (WireClient -> dsegym server)", samples)
        let overhead = (percentile(samples, 0.5) / percentile(raw, 0.5) - 1) * 100
        rows.append(PerfRow(section: "wire", item: "protocol overhead over raw (p50)", metric: "overhead", value: overhead, unit: "%"))

        let request = WireRequest(id: 1, op: .step, session: session, design: design)
        let replyBytes = try JSONEncoder().encode(WireReply(id: .number(1), ok: true))
        let (repetitions, codecSeconds) = try Stopwatch.repeatFor(minimumSeconds: 0.5) {
            _ = try JSONDecoder().decode(WireRequest.self, from: try JSONEncoder().encode(request))
            _ = try JSONDecoder().decode(WireReply.self, from: replyBytes)
        }
        rows.append(PerfRow(section: "wire", item: "JSON: step request encode+decode, reply decode", metric: "time",
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

    /// Round-trip times of `count` 32-byte REQ/REP exchanges with an echo thread, in seconds.
    static func rawRequestReply(count: Int) throws -> [Double] {
        let context = try ZMQContext()
        let replier = try context.socket(.reply)
        try replier.bind("tcp://127.0.0.1:*")
        let endpoint = replier.lastEndpoint
        let warmup = 1000
        let done = DispatchSemaphore(value: 0)
        Thread {
            defer { done.signal() }
            for _ in 0..<(count + warmup) {
                guard let message = try? replier.receive(), (try? replier.send(message)) != nil else { return }
            }
        }.start()
        let requester = try context.socket(.request)
        try requester.setReceiveTimeout(milliseconds: 5000)
        try requester.connect(endpoint)
        let payload = Array(repeating: UInt8(ascii: "x"), count: 32)
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for index in 0..<(count + warmup) {
            let seconds = try Stopwatch.seconds {
                try requester.send(payload)
                _ = try requester.receive()
            }
            if index >= warmup { samples.append(seconds) }
        }
        done.wait()
        requester.close()
        replier.close()
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
