import Foundation
import GymCore
import Wire
import XCTest

/// The server survives 100,000 random and mutated messages, answering each one, then still pings.
final class ProtocolFuzzTests: XCTestCase {
    func testServerAnswersEveryMalformedMessageAndStillPings() throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", maxSessions: 64, workers: 2, maxRequestBytes: 4096))
        defer { server.stop() }
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        defer { socket.close() }
        try socket.connect(server.endpoint)

        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        let session = try client.make(environment: "synthetic").session
        let seeds: [String] = [
            #"{"v":1,"id":1,"op":"ping"}"#,
            #"{"v":1,"id":2,"op":"hello"}"#,
            #"{"v":1,"id":3,"op":"make","env":"synthetic","options":{"noise":"0.1"}}"#,
            #"{"v":1,"id":4,"op":"reset","session":"\#(session)","seed":7}"#,
            #"{"v":1,"id":5,"op":"step","session":"\#(session)","design":{"family":"gamma","x":37,"y":16,"z":1.0}}"#,
            #"{"v":1,"id":6,"op":"step_batch","session":"\#(session)","designs":[{"family":"gamma","x":3,"y":1,"z":0.5}]}"#,
            #"{"v":1,"id":"seven","op":"close","session":"nope"}"#,
        ].map { $0 }
        let alphabet = Array(#"{}[]:,"\0123456789.eE-+truefalsnul vidopstgx"#.utf8)
        var generator = SeededGenerator(seed: 2024)
        func message() -> [[UInt8]] {
            let kind = Int.random(in: 0..<10, using: &generator)
            var bytes = Array(seeds[Int.random(in: 0..<seeds.count, using: &generator)].utf8)
            switch kind {
            case 0:  // random bytes
                return [[], (0..<Int.random(in: 0..<64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }]
            case 1:  // random JSON-ish characters
                return [[], (0..<Int.random(in: 0..<64, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }]
            case 2:  // truncated
                return [[], Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))]
            case 3:  // multi-frame garbage, with and without the delimiter
                return Bool.random(using: &generator) ? [[], bytes, bytes] : [bytes, [1, 2, 3]]
            case 4:  // oversized
                return [[], Array(repeating: UInt8(ascii: " "), count: 5000) + bytes]
            case 5:  // no delimiter
                return [bytes]
            default:  // a few bytes flipped, inserted or deleted
                for _ in 0..<Int.random(in: 1...3, using: &generator) where !bytes.isEmpty {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[index] = alphabet.randomElement(using: &generator)!
                    case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: index)
                    default: bytes.remove(at: index)
                    }
                }
                return [[], bytes]
            }
        }

        let total = 100_000, window = 500
        var answered = 0, failures = 0
        let deadline = ContinuousClock.now + .seconds(120)
        var sent = 0
        while sent < total, ContinuousClock.now < deadline {
            let count = min(window, total - sent)
            for _ in 0..<count { try socket.send(message()) }
            sent += count
            for _ in 0..<count {
                guard try socket.poll(milliseconds: 10_000) else { break }
                let frames = try socket.receive()
                let reply = try JSONDecoder().decode(WireReply.self, from: Data(frames.last ?? []))
                answered += 1
                if !reply.ok {
                    failures += 1
                    XCTAssertNotNil(reply.error)
                }
            }
        }
        XCTAssertEqual(sent, total)
        XCTAssertEqual(answered, total, "every message gets exactly one reply")
        XCTAssertGreaterThan(failures, total / 2)
        try client.ping()
        XCTAssertEqual(client.offeredEnvironments.first, "synthetic")
    }
}
