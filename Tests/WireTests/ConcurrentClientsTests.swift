import Foundation
import GymCore
import Synchronization
import Wire
import XCTest

/// 16 clients × 1,000 steps at once: no error, and every request answered exactly once.
final class ConcurrentClientsTests: XCTestCase {
    func testSixteenClientsThousandStepsEachAnsweredOnce() throws {
        let clients = 16, steps = 1000, window = 32
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*"))
        defer { server.stop() }
        let context = try ZMQContext()
        let outcomes = Mutex<[String]>([])
        let group = DispatchGroup()
        for clientIndex in 0..<clients {
            group.enter()
            let endpoint = server.endpoint
            Thread {
                defer { group.leave() }
                let outcome: String
                do {
                    outcome = try Self.drive(context: context, endpoint: endpoint, client: clientIndex, steps: steps, window: window)
                } catch {
                    outcome = "client \(clientIndex): \(error)"
                }
                outcomes.withLock { $0.append(outcome) }
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 120), .success)
        XCTAssertEqual(outcomes.withLock { $0 }, Array(repeating: "ok", count: clients))
    }

    /// One client: a session, `steps` pipelined step requests, each reply's id checked off once.
    static func drive(context: ZMQContext, endpoint: String, client: Int, steps: Int, window: Int) throws -> String {
        let socket = try context.socket(.dealer)
        defer { socket.close() }
        try socket.connect(endpoint)
        func receive() throws -> WireReply {
            guard try socket.poll(milliseconds: 10_000) else { throw WireClientError.noAnswer(endpoint: endpoint, operation: "step", seconds: 10) }
            return try JSONDecoder().decode(WireReply.self, from: Data(try socket.receive().last!))
        }
        try socket.send([[], Array(try JSONEncoder().encode(WireRequest(id: -1, op: .make, env: "synthetic")))])
        guard let session = try receive().session else { return "client \(client): make failed" }
        var answered = Set<Int>()
        var sent = 0
        while answered.count < steps {
            while sent < steps, sent - answered.count < window {
                let design: Design = ["family": "gamma", "x": .integer((client * 7 + sent) % 64), "y": 16, "z": 1.0]
                try socket.send([[], Array(try JSONEncoder().encode(WireRequest(id: sent, op: .step, session: session, design: design)))])
                sent += 1
            }
            let reply = try receive()
            guard reply.ok, reply.evaluation != nil, let id = reply.id?.number.map(Int.init) else { return "client \(client): \(reply.error?.description ?? "no evaluation")" }
            guard answered.insert(id).inserted else { return "client \(client): request \(id) answered twice" }
        }
        if try socket.poll(milliseconds: 50) { return "client \(client): an extra reply arrived" }
        return answered == Set(0..<steps) ? "ok" : "client \(client): wrong ids"
    }
}
