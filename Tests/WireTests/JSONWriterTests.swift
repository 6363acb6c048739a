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
        XCTAssertEqual(try WireRequest(jsonBytes: request.jsonBytes), request)
        XCTAssertEqual(try WireRequest(jsonBytes: Array(#"{"v":1,"id":"a\u00e9\ud83d\ude00","op":"step","design":{"x":1.0,"y":2.5,"z":"q"}}"#.utf8)).design,
                       ["x": .integer(1), "y": .number(2.5), "z": "q"])
    }

    func testReaderRejectsWhatJSONForbids() {
        for text in ["NaN", "[1,]", "{\"a\":1,}", "01", "1.", "\"\u{1}\"", "tru", "{} x", String(repeating: "[", count: 100) + String(repeating: "]", count: 100), "-", "1e"] {
            XCTAssertThrowsError(try WireRequest(jsonBytes: Array(text.utf8)), text) { error in
                XCTAssertEqual((error as? WireError)?.code, "bad_json", text)
            }
        }
        XCTAssertEqual((try? WireRequest(jsonBytes: Array(#"{"v":1,"op":"reset","seed":"one"}"#.utf8))) == nil, true)
        XCTAssertThrowsError(try WireRequest(jsonBytes: Array(#"{"v":1,"op":"step","design":{"x":true}}"#.utf8))) { error in
            XCTAssertEqual((error as? WireError)?.field, "design.x")
        }
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
        XCTAssertEqual(try WireReply(jsonBytes: reply.jsonBytes), reply)
        XCTAssertEqual(decoded.evaluation?.feasible, false)
        XCTAssertEqual(decoded.evaluation?.reason, "metric 'bad' is not finite")
        let failure = WireReply.failure(id: nil, WireError(.unknownOp, "unknown op 'x'", field: "op"))
        XCTAssertEqual(try JSONDecoder().decode(WireReply.self, from: Data(failure.jsonBytes)), failure)
        XCTAssertEqual(try WireReply(jsonBytes: failure.jsonBytes), failure)
    }
}
