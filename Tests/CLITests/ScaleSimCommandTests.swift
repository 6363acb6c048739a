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
        // Every column but "Total Cycles (incl. prefetch)", an estimate (docs/systolic.md).
        func columns(_ text: String) -> [String] {
            let row = text.split(whereSeparator: \.isNewline)[1].split(separator: ",").map(String.init)
            return [row[0]] + row[2...]
        }
        XCTAssertEqual(columns(ours), columns(theirs))
        XCTAssertEqual(ours.split(whereSeparator: \.isNewline)[0], theirs.split(whereSeparator: \.isNewline)[0])
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
}
