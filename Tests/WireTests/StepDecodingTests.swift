import GymCore
@testable import Wire
import XCTest

/// The direct step decoders agree with the general decoder on every message they accept, and leave
/// every unusual message (and every error) to it.
final class StepDecodingTests: XCTestCase {
    let requestSeeds = [
        #"{"v":1,"id":5,"op":"step","session":"s1-ab","design":{"family":"gamma","x":37,"y":16,"z":1.0}}"#,
        #" { "op" : "step" , "v" : 1.0, "id" : "a\"b", "design" : {"x": -2, "z": 1e-3, "w": 12345678901234567890}, "session": "s\u0031" } "#,
        #"{"v":1,"op":"step","design":{}}"#,
    ]
    let replySeeds = [
        #"{"v":1,"id":4,"ok":true,"evaluation":{"metrics":{"loss":0,"cost":90},"feasible":true,"reason":null,"reward":0,"sim_wall_s":4.8e-05}}"#,
        #"{"ok":false,"evaluation":{"feasible":false,"metrics":{},"reason":"too \"big\"","reward":null},"id":"x","v":1}"#,
    ]

    func testCanonicalStepMessagesTakeTheDirectPathAndMatchTheGeneralDecoder() throws {
        for text in requestSeeds {
            let direct = try XCTUnwrap(WireRequest.decodeStep(Array(text.utf8)), text)
            XCTAssertEqual(direct, try WireRequest(parsing: Array(text.utf8)), text)
        }
        for text in replySeeds {
            let direct = try XCTUnwrap(WireReply.decodeStep(Array(text.utf8)), text)
            XCTAssertEqual(direct, try WireReply(parsing: Array(text.utf8)), text)
        }
    }

    func testUnusualMessagesAreLeftToTheGeneralDecoder() {
        let requests = [
            #"{"v":1,"id":null,"op":"step","session":"s","design":{}}"#,            // a null
            #"{"v":1,"id":1,"op":"step","op":"ping"}"#,                              // a repeated key
            #"{"v":1,"id":1,"op":"reset","session":"s","seed":3}"#,                  // another op's field
            #"{"v":1,"id":1,"op":"step","design":{"x":[1]}}"#,                       // a design value of the wrong type
            #"{"v":"1","id":1,"op":"step"}"#,                                        // v of the wrong type
            #"{"v":1,"id":1,"op":"step"} x"#,                                        // trailing text
            #"{"id":1,"op":"step"}"#,                                                // no v
        ]
        for text in requests { XCTAssertNil(WireRequest.decodeStep(Array(text.utf8)), text) }
        let replies = [
            #"{"v":1,"id":1,"ok":true,"evaluation":{"metrics":{"loss":null},"feasible":true}}"#,  // a null metric
            #"{"v":1,"id":1,"ok":false,"error":{"code":"internal","message":"m","field":null}}"#,
            #"{"v":1,"id":1,"ok":true}"#,
            #"{"v":1,"id":1,"ok":true,"evaluation":{"metrics":{},"feasible":true,"feasible":false}}"#,
        ]
        for text in replies { XCTAssertNil(WireReply.decodeStep(Array(text.utf8)), text) }
    }

    func testMutatedMessagesDecodeTheSameOnBothPaths() {
        let alphabet = Array(#"{}[]:,"\0123456789.eE-+truefalsnul vidopstgxmk"#.utf8)
        var generator = SeededGenerator(seed: 9)
        var direct = 0
        for round in 0..<40_000 {
            let seeds = round.isMultiple(of: 2) ? requestSeeds : replySeeds
            var bytes = Array(seeds[Int.random(in: 0..<seeds.count, using: &generator)].utf8)
            for _ in 0..<Int.random(in: 0...3, using: &generator) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = alphabet.randomElement(using: &generator)!
                case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: index)
                default: bytes.remove(at: index)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if round.isMultiple(of: 2) {
                guard let fast = WireRequest.decodeStep(bytes) else { continue }
                direct += 1
                XCTAssertEqual(fast, try? WireRequest(parsing: bytes), text)
            } else {
                guard let fast = WireReply.decodeStep(bytes) else { continue }
                direct += 1
                XCTAssertEqual(fast, try? WireReply(parsing: bytes), text)
            }
        }
        XCTAssertGreaterThan(direct, 5_000, "enough mutated messages took the direct path to compare")
    }
}
