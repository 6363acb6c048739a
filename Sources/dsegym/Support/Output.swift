import SystolicSim
import Agents
import DataflowSim
import Environments
import Experiments
import Foundation
import GymCore
import Results
import Surrogates
import Synchronization

/// Whether an error is bad input from the user (exit status 2) rather than a failure.
func isInputError(_ error: Error) -> Bool {
    error is ParameterError || error is EnvironmentError || error is AgentError || error is InputError
        || error is DataflowSim.ParseError || error is MappingError
        || error is SystolicSimError || error is SurrogateError
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
    let enabled: Bool

    /// A line drawn only on a terminal, and never when `quiet` (e.g. with `--json`).
    init(quiet: Bool = false) {
        enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

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

    /// Draws `label: runs done/total, evaluations, evals/s, ETA` (sweeps, comparisons, benchmarks).
    func show(_ label: String, _ progress: SweepProgress) {
        draw(Self.text(label, progress), force: progress.runsDone == progress.runsTotal)
    }

    static func text(_ label: String, _ progress: SweepProgress) -> String {
        "\(label): \(progress.runsDone)/\(progress.runsTotal) runs, \(progress.evaluations) evaluations, "
            + "\(format(progress.evaluationsPerSecond)) evals/s" + (progress.etaSeconds.map { ", ETA \(format($0)) s" } ?? "")
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
