import Foundation
@testable import SystolicSim

/// The SCALE-Sim 3.0.0 reference runs in Fixtures/ (see Fixtures/PROVENANCE): one row of cases.csv per
/// case, with the case folder's own input files.
struct ReferenceCase {
    let id: String
    let row: [String: String]
    let folder: URL

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func all() throws -> [ReferenceCase] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("cases.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = splitCSV(lines[0])
        let cases = lines.dropFirst().map { line in
            let cells = splitCSV(line)
            let row = Dictionary(uniqueKeysWithValues: zip(header, cells))
            return ReferenceCase(id: row["case_id"]!, row: row,
                                 folder: fixtures.appendingPathComponent("cases").appendingPathComponent(row["case_id"]!))
        }
        precondition(cases.count == 12, "expected the 12 SCALE-Sim reference cases in \(fixtures.path)")
        return cases
    }

    /// Splits one CSV line, honouring double quotes.
    static func splitCSV(_ line: String) -> [String] {
        var cells: [String] = [], current = "", quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() } else if character == "," && !quoted { cells.append(current); current = "" } else { current.append(character) }
        }
        cells.append(current)
        return cells
    }

    func int(_ key: String) -> Int { Int(Double(row[key]!)!) }
    func double(_ key: String) -> Double { Double(row[key]!)! }

    func config() throws -> ArchitectureConfig {
        let url = folder.appendingPathComponent("arch.cfg")
        return try ArchitectureConfig.parse(String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    func topology() throws -> Topology {
        let url = folder.appendingPathComponent("topology.csv")
        return try Topology.parse(String(contentsOf: url, encoding: .utf8), file: url.path,
                                  kind: row["input_type"] == "gemm" ? .gemm : .conv)
    }
}
