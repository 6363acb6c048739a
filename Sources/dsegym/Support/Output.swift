import SystolicSim
import Agents
import DataflowSim
import Environments
import Experiments
import Foundation
import GymCore
import Results
import Synchronization

/// Whether an error is bad input from the user (exit status 2) rather than a failure.
func isInputError(_ error: Error) -> Bool {
    error is ParameterError || error is EnvironmentError || error is AgentError || error is InputError
        || error is DataflowSim.ParseError || error is MappingError
        || error is SystolicSimError
}

/// A malformed command-line value, with the option it came from and what is allowed.
struct InputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints a value as one line of JSON (sorted keys) on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Splits `name=value` pairs (from repeated options) into a dictionary.
func parsePairs(_ pairs: [String], option: String) throws -> [String: String] {
    var result: [String: String] = [:]
    for pair in pairs {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            throw InputError("\(option) '\(pair)': expected name=value")
        }
        result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return result
}

/// A progress line rewritten in place on a terminal (standard error), at most five times a second.
final class ProgressLine: Sendable {
    private let lastDraw = Mutex<Double>(0)
    let enabled = isatty(STDERR_FILENO) != 0

    func draw(_ text: @autoclosure () -> String, force: Bool = false) {
        guard enabled else { return }
        let now = Date().timeIntervalSince1970
        let due = lastDraw.withLock { last -> Bool in
            if !force && now - last < 0.2 { return false }
            last = now
            return true
        }
        if due { FileHandle.standardError.write(Data(("\r\u{1B}[K" + text()).utf8)) }
    }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// A plain-text table with right-aligned numeric columns.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    var rendered: String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// A number in 4 significant digits (`1.235e+05` for large or tiny magnitudes).
func format(_ value: Double?) -> String {
    guard let value else { return "-" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e6 || magnitude < 1e-3 { return String(format: "%.4g", value) }
    if magnitude >= 1000 { return String(format: "%.0f", value) }
    return String(format: "%.4g", value)
}

/// Metrics as `name = value unit` in the environment's order.
func describeMetrics(_ metrics: [String: Double], descriptors: [MetricDescriptor]) -> String {
    descriptors.compactMap { descriptor in
        metrics[descriptor.name].map { "\(descriptor.name) = \(format($0)) \(descriptor.unit == "1" ? "" : descriptor.unit)".trimmingCharacters(in: .whitespaces) }
    }.joined(separator: ", ")
}
