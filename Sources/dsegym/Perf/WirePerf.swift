import Environments
import Foundation
import GymCore
import Synchronization
import Wire

extension PerfSection {
    /// Remote step round trips next to raw ZeroMQ round trips measured in the same run, the same way:
    /// once with the servers on threads of this process, once with each server in a child process.
    static let wire = PerfSection(name: "wire", summary: "remote step round trip vs raw ZeroMQ over loopback TCP, threads and processes") { _ in
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
///
/// Apples to apples: the raw baseline and the remote step cross the same kind of boundary. In the
/// `threads` rows the dsegym server and a raw ROUTER echo each run on a thread of this process with
/// their own ZeroMQ context (own I/O thread), as a separate process would have; in the `processes`
/// rows they are child processes (`dsegym serve` and `dsegym serve --raw-echo`). Every client has its
/// own context too. Blocks of raw and remote round trips are interleaved so both see the same load.
enum WirePerf {
    static let blocks = 30, block = 500, warmupBlocks = 2
    static let design: Design = ["family": "gamma", "x": 37, "y": 16, "z": 1.0]

    static func measure() throws -> [PerfRow] {
        var rows: [PerfRow] = []
        do {
            let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*"))
            defer { server.stop() }
            let echo = try RouterEcho(endpoint: "tcp://127.0.0.1:*")
            defer { echo.stop() }
            rows += try latencies(setup: "threads", server: server.endpoint, echo: echo.endpoint)
            rows += try throughput(setup: "threads", server: server.endpoint)
            rows += try breakdown(server)
        }
        let server = try ChildServer([])
        let echo = try ChildServer(["--raw-echo"])
        rows += try latencies(setup: "processes", server: server.endpoint, echo: echo.endpoint)
        rows += try throughput(setup: "processes", server: server.endpoint)
        try server.stop()
        try echo.stop()
        return rows
    }

    /// p50/p99 of raw REQ/REP (32 bytes), raw DEALER/ROUTER (a step request's bytes, protocol framing)
    /// and remote steps (`WireClient.step`), interleaved block by block.
    static func latencies(setup: String, server: String, echo: String) throws -> [PerfRow] {
        let client = try WireClient(endpoint: server)
        let session = try client.make(environment: "synthetic").session
        let context = try ZMQContext()
        let request = try context.socket(.request), dealer = try context.socket(.dealer)
        defer { request.close(); dealer.close() }
        for socket in [request, dealer] {
            try socket.setReceiveTimeout(milliseconds: 5000)
            try socket.connect(echo)
        }
        let small = Array(repeating: UInt8(ascii: "x"), count: 32)
        let stepBytes = WireRequest(id: 1, op: .step, session: session, design: design).jsonBytes
        var raw: [Double] = [], framed: [Double] = [], ping: [Double] = [], remote: [Double] = []
        for round in 0..<(blocks + warmupBlocks) {
            var rawBlock: [Double] = [], framedBlock: [Double] = [], pingBlock: [Double] = [], remoteBlock: [Double] = []
            for _ in 0..<block {
                rawBlock.append(try Stopwatch.seconds {
                    try request.send(small)
                    _ = try request.receive()
                })
            }
            for _ in 0..<block {
                framedBlock.append(try Stopwatch.seconds {
                    try dealer.send([[], stepBytes])
                    _ = try dealer.receive()
                })
            }
            for _ in 0..<block {
                pingBlock.append(try Stopwatch.seconds { try client.ping() })
            }
            for _ in 0..<block {
                remoteBlock.append(try Stopwatch.seconds { _ = try client.step(session: session, design: design) })
            }
            if round >= warmupBlocks {
                raw += rawBlock
                framed += framedBlock
                ping += pingBlock
                remote += remoteBlock
            }
        }
        try client.close(session: session)
        var rows: [PerfRow] = []
        rows += latencyRows(item: "\(setup): raw REQ/REP, 32-byte message", raw)
        rows += latencyRows(item: "\(setup): raw DEALER/ROUTER, step request bytes", framed)
        rows += latencyRows(item: "\(setup): remote ping (WireClient -> dsegym serve)", ping)
        rows += latencyRows(item: "\(setup): remote step (WireClient -> dsegym serve)", remote)
        for (name, baseline) in [("raw REQ/REP", raw), ("raw DEALER/ROUTER", framed)] {
            rows.append(PerfRow(section: "wire", item: "\(setup): protocol overhead over \(name) (p50)", metric: "overhead",
                                value: (percentile(remote, 0.5) / percentile(baseline, 0.5) - 1) * 100, unit: "%"))
        }
        return rows
    }

    /// Steps per second with 1 and 4 client threads (each with its own session) stepping flat out.
    static func throughput(setup: String, server: String) throws -> [PerfRow] {
        let client = try WireClient(endpoint: server)
        var rows: [PerfRow] = []
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
                            try client.close(session: session)
                        } catch { errors.withLock { $0.append(String(describing: error)) } }
                    }.start()
                }
                group.wait()
                if let first = errors.withLock({ $0.first }) { throw WireError(.internal, first) }
            }
            rows.append(PerfRow(section: "wire", item: "\(setup): remote steps, \(clients) client thread(s)", metric: "steps/s",
                                value: Double(clients * perClient) / seconds, unit: "1/s"))
        }
        return rows
    }

    /// Where a remote step's own time goes, without sockets: the server's answer (decode, session,
    /// validate, evaluate, encode), the environment step alone, and the client's encode + decode.
    static func breakdown(_ server: EnvironmentServer) throws -> [PerfRow] {
        let client = try WireClient(endpoint: server.endpoint)
        let session = try client.make(environment: "synthetic").session
        let request = WireRequest(id: 1, op: .step, session: session, design: design)
        let frames: [[UInt8]] = [Array("identity".utf8), [], request.jsonBytes]
        let replyBytes = try stepReplyBody(server.answer(frames: frames))
        let environment = try EnvironmentRegistry.standard.make("synthetic")
        func microseconds(_ body: () throws -> Void) rethrows -> Double {
            let (repetitions, seconds) = try Stopwatch.repeatFor(minimumSeconds: 0.3, body)
            return seconds / Double(repetitions) * 1e6
        }
        let answer = microseconds { _ = server.answer(frames: frames) }
        let step = try microseconds { _ = try environment.step(design) }
        let requestBytes = request.jsonBytes
        let reply = try WireReply(jsonBytes: replyBytes)
        let encodeRequest = microseconds { _ = request.jsonBytes }
        let decodeRequest = try microseconds { _ = try WireRequest(jsonBytes: requestBytes) }
        let encodeReply = microseconds { _ = reply.jsonBytes }
        let decodeReply = try microseconds { _ = try WireReply(jsonBytes: replyBytes) }
        try client.close(session: session)
        func row(_ item: String, _ value: Double) -> PerfRow {
            PerfRow(section: "wire", item: "breakdown: " + item, metric: "time", value: value, unit: "µs")
        }
        return [
            row("server answers a step request (all of its work)", answer),
            row("of which the synthetic environment's step (validate + evaluate)", step),
            row("of which decoding the request", decodeRequest),
            row("of which encoding the reply", encodeReply),
            row("client encodes the request", encodeRequest),
            row("client decodes the reply", decodeReply),
        ]
    }

    /// The reply frame of a successful step answer.
    private static func stepReplyBody(_ frames: [[UInt8]]) throws -> [UInt8] {
        guard let body = frames.last, let reply = try? WireReply(jsonBytes: body), reply.ok else {
            throw WireError(.internal, "the server did not answer the breakdown's step request")
        }
        return body
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
