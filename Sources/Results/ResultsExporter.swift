import Foundation
import GymCore

/// Writes stored evaluations as tables for other tools.
///
/// Formats:
/// - `csv`: one row per evaluation with the columns of ``ExportColumns``: run columns (run id,
///   sweep, environment, workload, agent, seed, objective), one `hp_<name>` column per agent
///   hyperparameter, one column per parameter, one per metric, then feasible, reason, reward,
///   violation, best_so_far, sim_wall_s, wall_clock (Unix seconds). The Python `dsegym.results` module builds
///   the same columns from the store.
/// - `jsonl`: one JSON object per evaluation with the same fields (hyperparameters, design and
///   metrics nested).
/// - `archgym`: ArchGym's log layout: `reward`, the knobs, then the metrics, one row per evaluation.
///
/// ```swift
/// let text = try ResultsExporter(store: store).export(RunSelection(sweepID: "smoke"), format: .csv)
/// ```
public struct ResultsExporter {
    public enum Format: String, CaseIterable, Sendable {
        case csv, jsonl, archgym
    }

    public let store: ResultsStore

    public init(store: ResultsStore) { self.store = store }

    /// The export of the given runs (all runs when empty) as text.
    public func export(runIDs: [Int] = [], format: Format) throws -> String {
        try export(RunSelection(runIDs: runIDs), format: format)
    }

    /// The export of the runs `selection` picks, as text.
    public func export(_ selection: RunSelection, format: Format) throws -> String {
        let runs = try selection.runs(in: store)
        let columns = ExportColumns(runs: runs)
        var lines: [String] = []
        switch format {
        case .csv: lines.append(columns.header.map(csvField).joined(separator: ","))
        case .archgym: lines.append((["reward"] + columns.parameterHeaders + columns.metricHeaders).map(csvField).joined(separator: ","))
        case .jsonl: break
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for run in runs {
            let hyperparameters = ExportColumns.hyperparameters(of: run)
            for record in try store.evaluations(runID: run.id) {
                let evaluation = record.evaluation
                let knobs = columns.parameters.map { evaluation.design[$0]?.description ?? "" }
                let figures = columns.metrics.map { evaluation.metrics[$0].map { String($0) } ?? "" }
                switch format {
                case .csv:
                    let settings = columns.hyperparameters.map { hyperparameters[$0].map(ExportColumns.cell) ?? "" }
                    let fields = [String(run.id), String(record.index), run.specification.sweepID ?? "", run.specification.environment,
                                  run.specification.workload, run.specification.agent, String(run.specification.seed),
                                  run.specification.objective.description] + settings + knobs + figures
                        + [evaluation.feasible ? "true" : "false", evaluation.reason ?? "", evaluation.reward.map { String($0) } ?? "",
                           String(evaluation.violation), record.bestSoFar.map { String($0) } ?? "", String(evaluation.simWallSeconds),
                           String(record.wallClock.timeIntervalSince1970)]
                    lines.append(fields.map(csvField).joined(separator: ","))
                case .archgym:
                    lines.append(([evaluation.reward.map { String($0) } ?? ""] + knobs + figures).map(csvField).joined(separator: ","))
                case .jsonl:
                    let row = JSONLRow(run_id: run.id, index: record.index, sweep: run.specification.sweepID,
                                       environment: run.specification.environment, workload: run.specification.workload,
                                       agent: run.specification.agent, seed: run.specification.seed,
                                       objective: run.specification.objective.description, hyperparameters: hyperparameters,
                                       design: evaluation.design, metrics: evaluation.metrics,
                                       feasible: evaluation.feasible, reason: evaluation.reason, reward: evaluation.reward,
                                       violation: evaluation.violation, best_so_far: record.bestSoFar, sim_wall_s: evaluation.simWallSeconds,
                                       wall_clock: record.wallClock.timeIntervalSince1970)
                    lines.append(String(decoding: try encoder.encode(row), as: UTF8.self))
                }
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private struct JSONLRow: Encodable {
        var run_id: Int, index: Int, sweep: String?, environment: String, workload: String, agent: String, seed: UInt64
        var objective: String, hyperparameters: [String: JSONValue]
        var design: Design, metrics: [String: Double], feasible: Bool, reason: String?, reward: Double?
        var violation: Double, best_so_far: Double?, sim_wall_s: Double, wall_clock: Double
    }
}

/// Which stored runs an export or analysis covers: explicit ids, or every run matching the
/// sweep and environment filters (all runs when nothing is set).
public struct RunSelection: Sendable, Hashable {
    public var runIDs: [Int]
    public var sweepID: String?
    public var environment: String?

    public init(runIDs: [Int] = [], sweepID: String? = nil, environment: String? = nil) {
        self.runIDs = runIDs
        self.sweepID = sweepID
        self.environment = environment
    }

    /// The selected runs, oldest first.
    public func runs(in store: ResultsStore) throws -> [RunRecord] {
        let candidates = runIDs.isEmpty ? try store.runs(sweepID: sweepID) : try runIDs.map(store.run)
        return candidates.filter { run in
            (sweepID == nil || run.specification.sweepID == sweepID)
                && (environment == nil || run.specification.environment == environment)
        }
    }
}

/// The column layout of a tabular export, shared by every run it covers.
///
/// Fixed run columns first, then `hp_<name>` per hyperparameter, the parameters and the metrics
/// (first-seen order across runs), then the evaluation columns. A parameter or metric whose name
/// is already taken by an earlier column is written as `param_<name>` or `metric_<name>`.
public struct ExportColumns: Sendable {
    public static let runColumns = ["run_id", "index", "sweep", "environment", "workload", "agent", "seed", "objective"]
    public static let evaluationColumns = ["feasible", "reason", "reward", "violation", "best_so_far", "sim_wall_s", "wall_clock"]

    /// Hyperparameter names (without the `hp_` prefix).
    public let hyperparameters: [String]
    public let parameters: [String]
    public let metrics: [String]
    public let parameterHeaders: [String]
    public let metricHeaders: [String]

    public init(runs: [RunRecord]) {
        hyperparameters = orderedUnion(runs.map { Self.hyperparameters(of: $0).keys.sorted() })
        parameters = orderedUnion(runs.map(\.specification.parameterNames))
        metrics = orderedUnion(runs.map(\.specification.metricNames))
        var taken = Set(Self.runColumns + Self.evaluationColumns + hyperparameters.map { "hp_" + $0 })
        parameterHeaders = parameters.map { Self.claim($0, prefix: "param_", taken: &taken) }
        metricHeaders = metrics.map { Self.claim($0, prefix: "metric_", taken: &taken) }
    }

    /// Every column name in order.
    public var header: [String] {
        Self.runColumns + hyperparameters.map { "hp_" + $0 } + parameterHeaders + metricHeaders + Self.evaluationColumns
    }

    /// A run's hyperparameters as a flat object (empty when the stored text is not a JSON object).
    static func hyperparameters(of run: RunRecord) -> [String: JSONValue] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(run.specification.hyperparametersJSON.utf8)),
              case .object(let object) = value else { return [:] }
        return object
    }

    /// A hyperparameter value as one table cell: scalars as text, lists and objects as JSON.
    static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): return text
        case .array, .object: return value.jsonText
        }
    }

    private static func claim(_ name: String, prefix: String, taken: inout Set<String>) -> String {
        let header = taken.contains(name) ? prefix + name : name
        taken.insert(header)
        return header
    }
}

/// Names in first-seen order across lists.
func orderedUnion(_ lists: [[String]]) -> [String] {
    var seen = Set<String>()
    return lists.flatMap { $0 }.filter { seen.insert($0).inserted }
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
public func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
