import Foundation
import XCTest

/// `dsegym maestro` on the MAESTRO reference fixtures (Tests/DataflowSimTests/Fixtures).
final class MaestroCommandTests: XCTestCase {
    private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DataflowSimTests/Fixtures")

    private func run(_ mapping: String) throws -> CLI.Result {
        try CLI.run(["maestro", "--hw", fixtures.appendingPathComponent("hw_accelerator_1_shipped.m").path,
                     "--mapping", fixtures.appendingPathComponent(mapping).path, "--json"], in: FileManager.default.temporaryDirectory)
    }

    /// MAESTRO's kcp_ws L1 row: 36001 cycles, L1 54 B, L2 278 B.
    func testJSONPrintsOneObjectPerLayerWithTheDocumentedKeys() throws {
        let result = try run("small_kcp_ws.m")
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 8)
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        for key in ["layer", "runtime_cycles", "energy_nJ", "area_um2", "power_mW", "l1_reads", "l1_writes",
                    "l2_reads", "l2_writes", "l1_size_req_B", "l2_size_req_B"] {
            XCTAssertNotNil(first[key], key)
        }
        XCTAssertEqual(first["layer"] as? String, "L1_c3k16_3x3_32")
        XCTAssertEqual(first["runtime_cycles"] as? Int, 36001)
        XCTAssertEqual(first["l1_size_req_B"] as? Int, 54)
        XCTAssertEqual(first["l2_size_req_B"] as? Int, 278)
    }

    func testRejectedMappingNamesLayerAndDirectiveAndExitsTwo() throws {
        let result = try run("small_ykp_os.m")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("L1_c3k16_3x3_32") && result.standardError.contains("TemporalMap(Sz(R),7) R"),
                      result.standardError)
    }
}

/// `dsegym eval hetero --json` on the default preset: per-sub-accelerator and total metrics.
final class HeteroEvalCommandTests: XCTestCase {
    func testEvalHeteroJSONHasTotalsAndPerSubAcceleratorMetrics() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = try CLI.run(["eval", "hetero", "--json"], in: root)
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let metrics = try XCTUnwrap(object["metrics"] as? [String: Double])
        for key in ["latency_cycles", "energy_nJ", "area_um2", "power_mW", "sub0_latency_cycles", "sub0_energy_nJ",
                    "sub0_area_um2", "sub0_pes", "sub1_latency_cycles", "sub1_energy_nJ", "sub1_area_um2", "sub1_pes"] {
            XCTAssertNotNil(metrics[key], key)
        }
        XCTAssertEqual(object["feasible"] as? Bool, true)
    }
}
