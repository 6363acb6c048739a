import Foundation
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
