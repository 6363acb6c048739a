import Environments
import Foundation
import GymCore
@testable import Wire
import XCTest

/// Well-formed but hostile input on both sides of the wire: the server answers it with a named
/// error, the client reports a server's unusable answer as a bad reply; nobody crashes.
final class HostileInputTests: XCTestCase {
    func handler() -> RequestHandler {
        RequestHandler(registry: .standard, sessions: SessionTable(maxSessions: 8, idleTimeout: .seconds(60)), maxRequestBytes: 1 << 20)
    }

    func reply(_ handler: RequestHandler, _ bytes: [UInt8]) throws -> WireReply { try WireReply(jsonBytes: handler.handle(payload: bytes)) }

    func testInvalidUTF8IsRejectedAsBadJSON() throws {
        let handler = handler()
        let invalid: [UInt8] = Array(#"{"v":1,"id":1,"op":"make","env":"synth"#.utf8) + [0xC3, 0x28] + Array(#"etic"}"#.utf8)
        XCTAssertEqual(try reply(handler, invalid).error?.code, "bad_json")
        let valid = Array(#"{"v":1,"id":1,"op":"make","env":"syntheticé"}"#.utf8)
        XCTAssertEqual(try reply(handler, valid).error?.code, "unknown_environment", "valid UTF-8 passes")
    }

    func testNumericIDsAreExactOrRefusedAndStringIDsComeBackUnchanged() throws {
        let handler = handler()
        let exact = try reply(handler, Array(#"{"v":1,"id":9007199254740992,"op":"ping"}"#.utf8))
        XCTAssertEqual(exact.id, .number(9_007_199_254_740_992))
        XCTAssertTrue(String(decoding: handler.handle(payload: Array(#"{"v":1,"id":9007199254740992,"op":"ping"}"#.utf8)), as: UTF8.self)
            .contains("9007199254740992"))
        let above = try reply(handler, Array(#"{"v":1,"id":9007199254740993,"op":"ping"}"#.utf8))
        XCTAssertEqual(above.error?.code, "bad_request")
        XCTAssertEqual(above.error?.field, "id")
        let fraction = try reply(handler, Array(#"{"v":1,"id":1.5,"op":"ping"}"#.utf8))
        XCTAssertEqual(fraction.error?.field, "id")
        let text = try reply(handler, Array(#"{"v":1,"id":"18446744073709551617","op":"ping"}"#.utf8))
        XCTAssertEqual(text.id, .string("18446744073709551617"))
    }

    func testOmittedParametersTakeTheEnvironmentsDefaults() throws {
        let handler = handler()
        let made = try reply(handler, Array(#"{"v":1,"id":1,"op":"make","env":"synthetic"}"#.utf8))
        let session = try XCTUnwrap(made.session)
        let partial = try reply(handler, Array(#"{"v":1,"id":2,"op":"step","session":"\#(session)","design":{"x":37}}"#.utf8))
        XCTAssertTrue(partial.ok, partial.error?.description ?? "")
        let local = try EnvironmentRegistry.standard.make("synthetic")
        var full = try XCTUnwrap(local.parameterSpace.defaults)
        full["x"] = 37
        XCTAssertEqual(partial.evaluation?.metrics, try local.step(full).metrics)
        let unknown = try reply(handler, Array(#"{"v":1,"id":3,"op":"step","session":"\#(session)","design":{"bogus":1}}"#.utf8))
        XCTAssertEqual(unknown.error?.field, "design.bogus")
    }

    func testOutOfRangeEnvironmentOptionsNameTheOptionAndRange() throws {
        let handler = handler()
        let injections = try reply(handler, Array(#"{"v":1,"id":1,"op":"make","env":"npu-fault","options":{"injections":"1000000000"}}"#.utf8))
        XCTAssertEqual(injections.error?.code, "invalid_option")
        XCTAssertTrue(injections.error?.message.contains("injections") == true && injections.error?.message.contains("1...100000") == true,
                      injections.error?.message ?? "")
        let noise = try reply(handler, Array(#"{"v":1,"id":1,"op":"make","env":"synthetic","options":{"noise":"inf"}}"#.utf8))
        XCTAssertEqual(noise.error?.code, "invalid_option")
        let hetero = try reply(handler, Array(#"{"v":1,"id":1,"op":"make","env":"hetero","options":{"k":"100"}}"#.utf8))
        XCTAssertEqual(hetero.error?.code, "invalid_option")
    }

    /// A fake server that answers every request with `answer(request bytes)`.
    final class FakeServer: @unchecked Sendable {
        let endpoint: String
        private let context: ZMQContext
        private let thread: Thread

        init(answer: @escaping @Sendable ([UInt8]) -> [UInt8]) throws {
            let context = try ZMQContext()
            let socket = try context.socket(.router)
            try socket.bind("tcp://127.0.0.1:*")
            endpoint = socket.lastEndpoint
            self.context = context
            thread = Thread {
                defer { socket.close() }
                while let frames = try? socket.receive() {
                    try? socket.send(Array(frames.dropLast()) + [answer(frames.last ?? [])])
                }
            }
            thread.start()
        }

        func stop() {
            context.shutdown()
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// A hello reply, then `make` answered with `space` (as JSON text).
    static func server(makeSpace space: String) throws -> FakeServer {
        try FakeServer { request in
            let text = String(decoding: request, as: UTF8.self)
            let id = (try? WireRequest(parsing: request))?.id
            let idText = id.map { $0.jsonText } ?? "null"
            if text.contains(#""hello""#) { return Array(#"{"v":1,"id":\#(idText),"ok":true,"versions":[1],"environments":["x"]}"#.utf8) }
            return Array(#"{"v":1,"id":\#(idText),"ok":true,"session":"s1","space":\#(space)}"#.utf8)
        }
    }

    func testAMakeReplyWithZeroOrDuplicateParametersIsABadReplyNotACrash() throws {
        let metrics = #""metrics":[{"name":"m","unit":"1","direction":"minimize"}],"name":"x","summary":"","workload":"w","workloads":["w"],"objective":"","presets":{}"#
        let duplicate = #"{"parameters":[{"name":"a","kind":"integer","low":0,"high":3},{"name":"a","kind":"integer","low":0,"high":3}],\#(metrics)}"#
        let empty = #"{"parameters":[],\#(metrics)}"#
        let badDefaults = #"{"parameters":[{"name":"a","kind":"integer","low":0,"high":3}],"defaults":{"a":9},\#(metrics)}"#
        for space in [duplicate, empty, badDefaults] {
            let server = try Self.server(makeSpace: space)
            defer { server.stop() }
            XCTAssertThrowsError(try RemoteEnvironment(endpoint: server.endpoint, environment: "x", timeoutSeconds: 2)) { error in
                guard case WireClientError.badReply(_, let operation, _)? = error as? WireClientError else { return XCTFail("\(error)") }
                XCTAssertEqual(operation, "make")
            }
        }
    }

    func testAnUnreadableAnswerIsABadReplyNotServerDown() throws {
        let server = try FakeServer { _ in Array("this is not JSON \u{1}".utf8) + [UInt8](repeating: 0x41, count: 100_000) }
        defer { server.stop() }
        XCTAssertThrowsError(try WireClient(endpoint: server.endpoint, timeoutSeconds: 2)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("bad reply from "), text)
            XCTAssertFalse(text.contains("server down"), text)
            XCTAssertLessThan(text.utf8.count, 400, "the echoed answer is truncated")
        }
    }

    /// Random and extreme JSON values in every request field: one reply each, `ok` or a named error.
    func testExtremeFieldValuesAlwaysGetOneNamedReply() throws {
        let handler = handler()
        let made = try reply(handler, Array(#"{"v":1,"id":1,"op":"make","env":"synthetic"}"#.utf8))
        let session = try XCTUnwrap(made.session)
        let extremes = ["1e308", "-1e308", "1e-320", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "0",
                        "-0", "1.7976931348623157e309", #""\u0000""#, #""\ud800""#, "[]", "{}", "null", "true",
                        #""\#(String(repeating: "x", count: 10_000))""#]
        let fields = ["v", "id", "op", "env", "workload", "session", "seed", "design", "designs", "options"]
        let codes = Set(["bad_json", "bad_request", "unsupported_version", "unknown_op", "unknown_environment", "invalid_option",
                         "unknown_session", "invalid_design", "too_large"])
        for field in fields {
            for value in extremes {
                var members = [#""v":1"#, #""id":7"#, #""op":"step""#, #""session":"\#(session)""#, #""design":{"x":1}"#]
                members.removeAll { $0.hasPrefix("\"\(field)\"") }
                members.append("\"\(field)\":\(value)")
                let answer = try reply(handler, Array("{\(members.joined(separator: ","))}".utf8))
                if !answer.ok { XCTAssertTrue(codes.contains(answer.error?.code ?? ""), "\(field)=\(value.prefix(40)): \(answer.error?.description ?? "")") }
                for design in ["{\"x\":\(value)}", "{\"z\":\(value)}", "{\"family\":\(value)}"] {
                    let step = try reply(handler, Array(#"{"v":1,"id":8,"op":"step","session":"\#(session)","design":\#(design)}"#.utf8))
                    if !step.ok { XCTAssertTrue(codes.contains(step.error?.code ?? ""), step.error?.description ?? "") }
                }
            }
        }
    }
}
