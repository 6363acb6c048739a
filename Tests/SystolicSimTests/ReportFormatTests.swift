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

    func testComputeAndSRAMFieldsAreIdenticalOnStallFreeCases() throws {
        for reference in try ReferenceCase.all() where reference.int("stall_cycles") == 0 {
            let (ours, theirs) = try pair(reference)
            let compute = fields(ours.compute)[1], theirCompute = theirs["COMPUTE_REPORT"]![1]
            XCTAssertEqual(compute[2...6], theirCompute[2...6], reference.id)   // total, stalls, three utilizations
            let bandwidth = fields(ours.bandwidth)[1], theirBandwidth = theirs["BANDWIDTH_REPORT"]![1]
            XCTAssertEqual(bandwidth[1...3], theirBandwidth[1...3], reference.id)   // SRAM bandwidths
            let detailed = fields(ours.detailedAccess)[1], theirDetailed = theirs["DETAILED_ACCESS_REPORT"]![1]
            for index in [3, 6, 9] { XCTAssertEqual(detailed[index], theirDetailed[index], "\(reference.id) column \(index)") }
            XCTAssertEqual(detailed[1...9], theirDetailed[1...9], reference.id)   // SRAM start, stop, count x 3
        }
    }

    func testNumbersArePrintedAsPythonPrintsThem() {
        XCTAssertEqual(SCALESimReports.pythonFloat(1), "1.0")
        XCTAssertEqual(SCALESimReports.pythonFloat(-3275), "-3275.0")
        XCTAssertEqual(SCALESimReports.pythonFloat(100), "100.0")
        XCTAssertEqual(SCALESimReports.pythonFloat(93.39256075447804), "93.39256075447804")
    }
}
