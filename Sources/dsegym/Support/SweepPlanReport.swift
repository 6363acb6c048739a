import Experiments
import Foundation
import Results

/// `dsegym sweep FILE --dry-run --json`: every run of a sweep with its key and its state in the
/// results store (when one exists; a dry run never creates it), and the standings so far. The Ray
/// driver (`dsegym.ray`) reads it to know which runs to hand out.
struct SweepPlanReport: Encodable {
    struct Run: Encodable {
        var key: String
        var environment: String
        /// `nil`: the environment's default workload.
        var workload: String?
        var agent: String
        /// The setting's hyperparameter overrides as text.
        var hyperparameters: [String: String]
        /// Index of the agent's hyperparameter setting.
        var setting: Int
        var seed: UInt64
        /// The stored status of the run's most advanced row (a complete one first), or `pending`.
        var status: String
        var complete: Bool
    }

    var sweep: String
    /// Evaluations per run.
    var budget: Int
    var batch: Int
    var runs: [Run]
    var planned: Int
    var complete: Int
    var results: String
    var leaderboard: [LeaderboardEntry]

    init(sweep: Sweep, plan: [PlannedRun], resultsDirectory: String) throws {
        let directory = URL(fileURLWithPath: resultsDirectory)
        let exists = FileManager.default.fileExists(atPath: directory.appendingPathComponent(ResultsStore.fileName).path)
        let store = exists ? try ResultsStore(directory: directory) : nil
        var stored: [String: [RunRecord]] = [:]
        for run in try store?.runs(sweepID: sweep.name) ?? [] { stored[run.specification.runKey ?? "", default: []].append(run) }
        runs = plan.map { planned in
            let rows = stored[planned.key] ?? []
            let row = rows.first(where: { $0.status.isComplete }) ?? rows.last
            let experiment = planned.experiment
            return Run(key: planned.key, environment: experiment.environment, workload: experiment.workload, agent: experiment.agent,
                       hyperparameters: experiment.agentOverrides, setting: planned.settingIndex, seed: experiment.options.seed,
                       status: row?.status.rawValue ?? "pending", complete: row?.status.isComplete ?? false)
        }
        self.sweep = sweep.name
        budget = sweep.budget
        batch = sweep.batchSize
        planned = plan.count
        complete = runs.filter(\.complete).count
        results = directory.appendingPathComponent(ResultsStore.fileName).path
        leaderboard = try store.map { try Leaderboard.entries(store: $0, sweepID: sweep.name) } ?? []
    }
}
