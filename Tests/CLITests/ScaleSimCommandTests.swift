import Foundation
import XCTest

/// `dsegym scalesim` as a SCALE-Sim drop-in, on the reference case c10 (Tests/SystolicSimTests/Fixtures).
final class ScaleSimCommandTests: XCTestCase {
    private let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SystolicSimTests/Fixtures/cases/c10")

    func testWritesSCALESimsComputeReportToOutdirRunName() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["scalesim", "-c", fixture.appendingPathComponent("arch.cfg").path,
                                  "-t", fixture.appendingPathComponent("topology.csv").path, "-p", "out",
                                  "-l", fixture.appendingPathComponent("layout.csv").path], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        let ours = try String(contentsOf: directory.appendingPathComponent("out/c10/COMPUTE_REPORT.csv"), encoding: .utf8)
        let theirs = try String(contentsOf: fixture.appendingPathComponent("COMPUTE_REPORT.csv"), encoding: .utf8)
        XCTAssertEqual(ours, theirs)   // every column, "Total Cycles (incl. prefetch)" included
    }

    func testBadTopologyExitsTwoNamingFileLineAndField() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "Layer name, H, W, Fh, Fw, C, N, S,\nbad, 8, 8, 3, 3, two, 4, 1,\n".write(
            to: directory.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["scalesim", "-c", fixture.appendingPathComponent("arch.cfg").path, "-t", "t.csv"], in: directory)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("t.csv:2: field 'Channels' = 'two' is invalid"), result.standardError)
    }

    private func config(_ body: String, in directory: URL) throws {
        try body.write(to: directory.appendingPathComponent("a.cfg"), atomically: true, encoding: .utf8)
    }

    func testSparseModeAndEscapingRunNameExitTwoWritingNothing() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let topology = fixture.appendingPathComponent("topology.csv").path
        let base = "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow : os\n"
        try config("[general]\nrun_name = x\n" + base + "[sparsity]\nSparsitySupport : true\n", in: directory)
        var result = try CLI.run(["scalesim", "-c", "a.cfg", "-t", topology, "-p", "out"], in: directory)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("a.cfg:8: field 'SparsitySupport' = 'true' is invalid"), result.standardError)
        try config("[general]\nrun_name = ../..\n" + base, in: directory)
        result = try CLI.run(["scalesim", "-c", "a.cfg", "-t", topology, "-p", "out/deep"], in: directory)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("a.cfg:2: field 'run_name' = '../..' is invalid"), result.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["a.cfg"])
    }

    /// `eval systolic` and `dsegym scalesim` run one model: the environment's metrics for a design are
    /// the sums of SCALE-Sim's report columns for the same architecture (USER mode, one bandwidth).
    func testEvalSystolicMetricsAreTheScaleSimReportsSums() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let design = ["rows": 16, "cols": 8, "ifmap_sram_kb": 16, "filter_sram_kb": 32, "ofmap_sram_kb": 8, "dram_bw": 8]
        let eval = try CLI.run(["eval", "systolic", "--workload", "resnet18", "--json", "--set", "dataflow=ws"]
                               + design.flatMap { ["--set", "\($0.key)=\($0.value)"] }, in: directory)
        XCTAssertEqual(eval.status, 0, eval.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(eval.standardOutput.utf8)) as! [String: Any]
        let metrics = object["metrics"] as! [String: Double]
        try config("""
            [general]
            run_name = tie
            [architecture_presets]
            ArrayHeight: 16
            ArrayWidth: 8
            IfmapSramSzkB: 16
            FilterSramSzkB: 32
            OfmapSramSzkB: 8
            Bandwidth : 8
            Dataflow : ws
            [layout]
            IfmapSRAMBankBandwidth: 8
            FilterSRAMBankBandwidth: 8
            [run_presets]
            InterfaceBandwidth: USER

            """, in: directory)
        let topology = fixture.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("envs/systolic/resnet18.csv")
        let result = try CLI.run(["scalesim", "-c", "a.cfg", "-t", topology.path, "-p", "out"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        func sums(_ report: String, _ columns: [String]) throws -> Double {
            let lines = try String(contentsOf: directory.appendingPathComponent("out/tie/\(report).csv"), encoding: .utf8)
                .split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let indices = columns.map { lines[0].firstIndex(of: $0)! }
            return lines.dropFirst().reduce(0) { total, row in total + indices.reduce(0) { $0 + Double(row[$1])! } }
        }
        XCTAssertEqual(metrics["total_cycles"], try sums("COMPUTE_REPORT", ["Total Cycles"]))
        XCTAssertEqual(metrics["stall_cycles"], try sums("COMPUTE_REPORT", ["Stall Cycles"]))
        XCTAssertGreaterThan(metrics["stall_cycles"]!, 0)
        XCTAssertEqual(metrics["dram_bytes"], try sums("DETAILED_ACCESS_REPORT", ["DRAM IFMAP Reads", "DRAM Filter Reads", "DRAM OFMAP Writes"]))
    }
}
