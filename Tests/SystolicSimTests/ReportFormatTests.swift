import Foundation
import XCTest
@testable import SystolicSim

/// Our reports against the CSVs SCALE-Sim 3.0.0 wrote for each reference case, field by field.
final class ReportFormatTests: XCTestCase {
    private func fields(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    private func pair(_ reference: ReferenceCase) throws -> (ours: SCALESimReports, theirs: [String: [[String]]]) {
        let config = try reference.config()
        let layers = SystolicSimulator(config: config).simulate(try reference.topology()).layers
        var theirs: [String: [[String]]] = [:]
        for name in ["COMPUTE_REPORT", "BANDWIDTH_REPORT", "DETAILED_ACCESS_REPORT"] {
            theirs[name] = fields(try String(contentsOf: reference.folder.appendingPathComponent("\(name).csv"), encoding: .utf8))
        }
        return (SCALESimReports(layers: layers, config: config), theirs)
    }

    func testHeadersAreSCALESimsExactly() throws {
        let reference = try ReferenceCase.all()[0]
        let (ours, _) = try pair(reference)
        for (text, name) in [(ours.compute, "COMPUTE_REPORT"), (ours.bandwidth, "BANDWIDTH_REPORT"), (ours.detailedAccess, "DETAILED_ACCESS_REPORT")] {
            let file = try String(contentsOf: reference.folder.appendingPathComponent("\(name).csv"), encoding: .utf8)
            XCTAssertEqual(text.split(whereSeparator: \.isNewline).first, file.split(whereSeparator: \.isNewline).first, name)
        }
    }

    func testEveryFieldIsIdenticalOnEveryCase() throws {
        // Stalling USER cases (c28, c31), CALC cases whose read buffer moves on (c02, c17, c25, c33: their
        // DRAM stop cycles are one cycle after the line that last moved it), the write buffer's drained
        // lines (ofmap DRAM writes a few words above the output) and "Total Cycles (incl. prefetch)".
        for reference in try ReferenceCase.all() {
            let (ours, theirs) = try pair(reference)
            XCTAssertEqual(fields(ours.compute), theirs["COMPUTE_REPORT"]!, reference.id)
            XCTAssertEqual(fields(ours.bandwidth), theirs["BANDWIDTH_REPORT"]!, reference.id)
            XCTAssertEqual(fields(ours.detailedAccess), theirs["DETAILED_ACCESS_REPORT"]!, reference.id)
        }
    }

    func testNumbersArePrintedAsPythonPrintsThem() {
        XCTAssertEqual(SCALESimReports.pythonFloat(1), "1.0")
        XCTAssertEqual(SCALESimReports.pythonFloat(-3275), "-3275.0")
        XCTAssertEqual(SCALESimReports.pythonFloat(100), "100.0")
        XCTAssertEqual(SCALESimReports.pythonFloat(93.39256075447804), "93.39256075447804")
    }
}
