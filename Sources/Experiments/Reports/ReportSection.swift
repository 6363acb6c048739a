import Foundation
import GymCore
import Results

/// Runs that answered the same question: same environment, workload, objective and budget. The
/// report never pools runs across sections.
struct ReportSection {
    struct Key: Hashable {
        var environment: String
        var workload: String
        var objective: Objective
        var budget: Int

        init(_ run: RunRecord) {
            environment = run.specification.environment
            workload = run.specification.workload
            objective = run.specification.objective
            budget = run.specification.budget
        }
    }

    var key: Key
    var runs: [RunRecord]

    /// Agents in the order their first run was recorded.
    var agents: [String] {
        var seen = Set<String>()
        return runs.map(\.specification.agent).filter { seen.insert($0).inserted }
    }

    /// The sections of `runs`, in the order of each section's first run.
    static func sections(of runs: [RunRecord]) -> [ReportSection] {
        var sections: [ReportSection] = []
        var index: [Key: Int] = [:]
        for run in runs {
            let key = Key(run)
            if let position = index[key] {
                sections[position].runs.append(run)
            } else {
                index[key] = sections.count
                sections.append(ReportSection(key: key, runs: [run]))
            }
        }
        return sections
    }
}

/// What a section's plots and leaderboard show: the objective's metric in its unit when the
/// objective optimizes one metric, else the reward (always maximized).
struct ReportFocus {
    var metric: String?
    var unit: String
    var direction: MetricDescriptor.Direction

    init(objective: Objective, metrics: [String: MetricDescriptor]) {
        if case .weightedSum(let terms) = objective.goal, terms.count == 1 {
            metric = terms[0].metric
            unit = metrics[terms[0].metric]?.unit ?? ""
            direction = terms[0].direction
        } else {
            metric = nil
            unit = ""
            direction = .maximize
        }
    }

    var label: String {
        guard let metric else { return "reward" }
        return unit.isEmpty || unit == "1" ? metric : "\(metric) (\(unit))"
    }

    /// Whether `a` ranks above `b`; a missing value (no feasible design) ranks below every value.
    func isBetter(_ a: Double?, than b: Double?) -> Bool {
        switch (a, b) {
        case let (a?, b?): return direction == .minimize ? a < b : a > b
        case (_?, nil): return true
        default: return false
        }
    }

    /// The `q`-quantile from worst (0) to best (1), where a missing value is worse than any; `nil`
    /// when the quantile falls on a missing value.
    func quantile(_ values: [Double?], _ q: Double) -> Double? {
        let sign: Double = direction == .minimize ? -1 : 1  // oriented so that larger is better, as rewards are
        return bestRewardQuantile(values.map { $0.map { sign * $0 } }, q).map { sign * $0 }
    }
}

/// One run as the report sees it: its best-so-far curve of the focus value and final best.
struct RunOutcome {
    var run: RunRecord
    /// Best feasible focus value after each evaluation (`nil` before the first feasible one).
    var curve: [Double?]
    var agent: String { run.specification.agent }
    /// The hyperparameters as `name=value` pairs.
    var setting: String
    var final: Double? { curve.last ?? nil }
    var wallSeconds: Double? { run.endedAt.map { $0.timeIntervalSince(run.startedAt) } }

    init(run: RunRecord, focus: ReportFocus, store: ResultsStore) throws {
        self.run = run
        if let metric = focus.metric {
            var best: Double?
            curve = try store.evaluations(runID: run.id).map { record in
                if record.evaluation.feasible, let value = record.evaluation.metrics[metric], value.isFinite,
                   focus.isBetter(value, than: best)
                {
                    best = value
                }
                return best
            }
        } else {
            curve = try store.bestSoFarCurve(runID: run.id)
        }
        setting = Self.setting(run.specification.hyperparametersJSON)
    }

    static func setting(_ json: String) -> String {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), case .object(let object) = value else { return json }
        return object.keys.sorted().map { key in
            let text: String
            switch object[key]! {
            case .number(let number): text = formatNumber(number, digits: 6)
            case .string(let string): text = string
            default: text = object[key]!.jsonText
            }
            return "\(key)=\(text)"
        }.joined(separator: ", ")
    }
}
