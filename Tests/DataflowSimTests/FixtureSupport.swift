import Foundation
import XCTest
@testable import DataflowSim

/// Locates the MAESTRO reference fixtures next to this file.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func hardware() throws -> HardwareConfig { try HardwareParser.parse(contentsOf: url("hw_accelerator_1_shipped.m")) }

    static func network(_ dataflow: String) throws -> Network { try MappingParser.parse(contentsOf: url("small_\(dataflow).m")) }

    /// One row of MAESTRO's results: dataflow, layer, and numeric columns by name.
    struct Row {
        var dataflow: String
        var layer: String
        var status: String
        var values: [String: Double]
        /// Every cell as written, by column name.
        var text: [String: String]
    }

    static func reference(file: String = "maestro_results.csv") throws -> [Row] {
        let text = try String(contentsOf: url(file), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var values: [String: Double] = [:]
            var text: [String: String] = [:]
            for (i, name) in header.enumerated() where i < cells.count {
                text[name] = cells[i]
                if let v = Double(cells[i]) { values[name] = v }
            }
            let status = header.firstIndex(of: "status").map { cells[$0] } ?? ""
            return Row(dataflow: cells[1], layer: cells[2], status: status, values: values, text: text)
        }
    }
}

extension Fixtures {
    /// MAESTRO's integer columns and our figures for them: these must match exactly.
    static let exactColumns: [(String, @Sendable (LayerResult) -> Int)] = [
        ("num_macs", { $0.macs }), ("runtime_cycles", { $0.runtimeCycles }), ("l1_size_req_B", { $0.l1SizeRequiredBytes }),
        ("l2_size_req_B", { $0.l2SizeRequiredBytes }), ("peak_noc_bw_req", { $0.peakNoCBandwidth }),
        ("offchip_bw_req", { $0.offchipBandwidthRequired }), ("l1_reads", { $0.l1Reads.total }), ("l1_writes", { $0.l1Writes.total }),
        ("l2_reads", { $0.l2Reads.total }), ("l2_writes", { $0.l2Writes.total }),
    ]

    /// MAESTRO's real-valued columns and our figures for them: these must agree within 0.1%.
    static let closeColumns: [(String, @Sendable (LayerResult) -> Double)] = [
        ("energy_total_macunits", { $0.energyMACUnits }), ("area_um2", { $0.areaSquareMicrometres }), ("power_mW", { $0.powerMilliwatts }),
        ("avg_noc_bw_req", { $0.averageNoCBandwidth }), ("avg_utilized_pes", { $0.averageUtilizedPEs }),
        ("throughput_macs_per_cycle", { $0.throughputMACsPerCycle }),
    ]

    static func assertExact(_ result: LayerResult, _ row: Row, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for (column, ours) in exactColumns {
            XCTAssertEqual(Double(ours(result)), row.values[column], "\(context) \(column)", file: file, line: line)
        }
    }

    static func assertWithinATenthOfAPercent(_ result: LayerResult, _ row: Row, _ context: String,
                                             file: StaticString = #filePath, line: UInt = #line) {
        for (column, ours) in closeColumns {
            guard let reference = row.values[column] else { return XCTFail("\(context): no \(column)", file: file, line: line) }
            XCTAssertLessThanOrEqual(abs(ours(result) - reference), 0.001 * abs(reference),
                                     "\(context) \(column): ours \(ours(result)), MAESTRO \(reference)", file: file, line: line)
        }
    }
}
