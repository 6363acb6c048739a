import Foundation
import GymCore
import Wire
import XCTest

/// The hand-written encoders produce JSON that Foundation decodes back to the same messages.
final class JSONWriterTests: XCTestCase {
    func testRequestRoundTripsThroughJSONDecoder() throws {
        let request = WireRequest(id: 7, op: .step_batch, env: "syn\"the\\tic\n", options: ["noise": "0.1"], session: "s1", seed: UInt64.max,
                                  design: ["family": "gamma", "x": 37, "z": 0.001], designs: [["a": "\u{1}é"], ["b": 1e300]])
        XCTAssertEqual(try JSONDecoder().decode(WireRequest.self, from: Data(request.jsonBytes)), request)
    }

    func testReplyRoundTripsAndNeverWritesNonFiniteNumbers() throws {
        var reply = WireReply(id: .string("x"), ok: true)
        reply.evaluation = WireEvaluation(metrics: ["loss": 0.25, "bad": .nan], feasible: true, reason: nil, reward: -.infinity, simWallSeconds: 1e-6)
        reply.evaluations = [WireEvaluation(metrics: ["cost": 90], feasible: false, reason: "too \"big\"", reward: nil, simWallSeconds: 0)]
        reply.versions = [1]
        reply.environments = ["synthetic"]
        let text = String(decoding: reply.jsonBytes, as: UTF8.self)
        XCTAssertFalse(text.contains("nan") || text.contains("inf"), text)
        let decoded = try JSONDecoder().decode(WireReply.self, from: Data(reply.jsonBytes))
        XCTAssertEqual(decoded, reply)
        XCTAssertEqual(decoded.evaluation?.feasible, false)
        XCTAssertEqual(decoded.evaluation?.reason, "metric 'bad' is not finite")
        let failure = WireReply.failure(id: nil, WireError(.unknownOp, "unknown op 'x'", field: "op"))
        XCTAssertEqual(try JSONDecoder().decode(WireReply.self, from: Data(failure.jsonBytes)), failure)
    }
}
