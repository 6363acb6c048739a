import CZeroMQ
import XCTest

/// Proves libzmq is installed and linkable: a REQ/REP pair over inproc:// round-trips a message.
final class ZeroMQInstallTests: XCTestCase {
    func testRequestReplyRoundTripOverInproc() throws {
        let context = try XCTUnwrap(zmq_ctx_new())
        defer { zmq_ctx_term(context) }
        let server = try XCTUnwrap(zmq_socket(context, ZMQ_REP))
        let client = try XCTUnwrap(zmq_socket(context, ZMQ_REQ))
        var linger: Int32 = 0, timeout: Int32 = 2000
        for socket in [server, client] {
            zmq_setsockopt(socket, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
            zmq_setsockopt(socket, ZMQ_RCVTIMEO, &timeout, MemoryLayout<Int32>.size)
        }
        defer { zmq_close(client); zmq_close(server) }
        XCTAssertEqual(zmq_bind(server, "inproc://dsegym-install-test"), 0)
        XCTAssertEqual(zmq_connect(client, "inproc://dsegym-install-test"), 0)

        let request = Array(#"{"v":1,"id":1,"op":"ping"}"#.utf8)
        XCTAssertEqual(zmq_send(client, request, request.count, 0), Int32(request.count))
        var buffer = [UInt8](repeating: 0, count: 256)
        let received = zmq_recv(server, &buffer, buffer.count, 0)
        XCTAssertEqual(Array(buffer.prefix(Int(received))), request)

        let reply = Array(#"{"ok":true}"#.utf8)
        XCTAssertEqual(zmq_send(server, reply, reply.count, 0), Int32(reply.count))
        let answered = zmq_recv(client, &buffer, buffer.count, 0)
        XCTAssertEqual(String(decoding: buffer.prefix(Int(answered)), as: UTF8.self), #"{"ok":true}"#)

        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        XCTAssertGreaterThanOrEqual(major, 4)
    }
}
