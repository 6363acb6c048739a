import Foundation
import GymCore

/// Writes stored evaluations as tables for other tools.
///
/// Formats:
/// - `csv`: one row per evaluation: run columns, one column per parameter, one per metric, then
///   feasible, reason, reward, violation, best_so_far, sim_wall_s, wall_clock (Unix seconds).
/// - `jsonl`: one JSON object per evaluation with the same fields (design and metrics nested).
/// - `archgym`: ArchGym's log layout: `reward`, the knobs, then the metrics, one row per evaluation.
///
/// ```swift
/// let text = try ResultsExporter(store: store).export(runIDs: [1], format: .csv)
/// ```
public struct ResultsExporter {
    public enum Format: String, CaseIterable, Sendable {
        case csv, jsonl, archgym
    }

    public let store: ResultsStore

    public init(store: ResultsStore) { self.store = store }

    /// The export of the given runs (all runs when empty) as text.
    public func export(runIDs: [Int] = [], format: Format) throws -> String {
        let runs = runIDs.isEmpty ? try store.runs() : try runIDs.map(store.run)
        let parameterColumns = orderedUnion(runs.map(\.specification.parameterNames))
        let metricColumns = orderedUnion(runs.map(\.specification.metricNames))
        var lines: [String] = []
        switch format {
        case .csv:
            lines.append((["run_id", "index", "environment", "workload", "agent", "seed"] + parameterColumns + metricColumns
                + ["feasible", "reason", "reward", "violation", "best_so_far", "sim_wall_s", "wall_clock"]).map(csvField).joined(separator: ","))
        case .archgym:
            lines.append((["reward"] + parameterColumns + metricColumns).map(csvField).joined(separator: ","))
        case .jsonl:
            break
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for run in runs {
            for record in try store.evaluations(runID: run.id) {
                let evaluation = record.evaluation
                let knobs = parameterColumns.map { evaluation.design[$0]?.description ?? "" }
                let figures = metricColumns.map { evaluation.metrics[$0].map { String($0) } ?? "" }
                switch format {
                case .csv:
                    let fields = [String(run.id), String(record.index), run.specification.environment, run.specification.workload,
                                  run.specification.agent, String(run.specification.seed)] + knobs + figures
                        + [evaluation.feasible ? "true" : "false", evaluation.reason ?? "", evaluation.reward.map { String($0) } ?? "",
                           String(evaluation.violation), record.bestSoFar.map { String($0) } ?? "", String(evaluation.simWallSeconds),
                           String(record.wallClock.timeIntervalSince1970)]
                    lines.append(fields.map(csvField).joined(separator: ","))
                case .archgym:
                    lines.append(([evaluation.reward.map { String($0) } ?? ""] + knobs + figures).map(csvField).joined(separator: ","))
                case .jsonl:
                    let row = JSONLRow(run_id: run.id, index: record.index, environment: run.specification.environment,
                                       workload: run.specification.workload, agent: run.specification.agent,
                                       seed: run.specification.seed, design: evaluation.design, metrics: evaluation.metrics,
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
        var run_id: Int, index: Int, environment: String, workload: String, agent: String, seed: UInt64
        var design: Design, metrics: [String: Double], feasible: Bool, reason: String?, reward: Double?
        var violation: Double, best_so_far: Double?, sim_wall_s: Double, wall_clock: Double
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
