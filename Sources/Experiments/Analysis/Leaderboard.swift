import Foundation
import GymCore
import Results

/// One agent's standing on one environment/workload, over all its stored runs (seeds and settings).
public struct LeaderboardEntry: Sendable, Encodable {
    public var environment: String
    public var workload: String
    public var agent: String
    public var runs: Int
    /// Runs that found at least one feasible design.
    public var feasibleRuns: Int
    /// Median over runs of the reward of the run's best evaluation (``EvaluationRank``; under the reward
    /// contract a run with no feasible design has its best penalty, below every feasible reward), with
    /// its quartiles (``bestRewardQuantile(_:_:)``).
    public var medianBestReward: Double?
    public var lowerQuartileBestReward: Double?
    public var upperQuartileBestReward: Double?
    /// Fraction of runs that met the objective's targets (`nil` when the objective has none).
    public var successRate: Double?
    /// Median, over successful runs, of the evaluations needed to meet the targets.
    public var medianEvaluationsToTarget: Double?
    /// Median wall time of a run, in seconds.
    public var medianWallSeconds: Double?
    public var evaluations: Int

    enum CodingKeys: String, CodingKey {
        case environment, workload, agent, runs, evaluations, feasibleRuns = "feasible_runs"
        case medianBestReward = "median_best_reward", lowerQuartileBestReward = "q1_best_reward"
        case upperQuartileBestReward = "q3_best_reward", successRate = "success_rate"
        case medianEvaluationsToTarget = "median_evaluations_to_target", medianWallSeconds = "median_wall_s"
    }
}

/// Ranks agents per environment and workload from the results store: best reward at budget (median
/// and interquartile range over runs), evaluations to reach the target, success rate, wall time.
///
/// ```swift
/// let entries = try Leaderboard.entries(store: store, sweepID: "smoke")
/// ```
public enum Leaderboard {
    public static func entries(store: ResultsStore, sweepID: String? = nil) throws -> [LeaderboardEntry] {
        let runs = try store.runs(sweepID: sweepID).filter { $0.status != .running }
        let groups = Dictionary(grouping: runs) { [$0.specification.environment, $0.specification.workload, $0.specification.agent] }
        var entries: [LeaderboardEntry] = []
        for (key, group) in groups {
            let best = try group.map { try store.bestReward(runID: $0.id) }
            let hasTargets: Bool = {
                if case .targets = group[0].specification.objective.goal { return true }
                return false
            }()
            var toTarget: [Double] = []
            if hasTargets {
                for run in group where run.status == .targetMet {
                    let evaluations = try store.evaluations(runID: run.id)
                    if let hit = evaluations.first(where: { $0.evaluation.feasible && run.specification.objective.isMet(by: $0.evaluation.metrics) }) {
                        toTarget.append(Double(hit.index + 1))
                    }
                }
            }
            let walls = group.compactMap { run in run.endedAt.map { $0.timeIntervalSince(run.startedAt) } }
            entries.append(LeaderboardEntry(
                environment: key[0], workload: key[1], agent: key[2], runs: group.count,
                feasibleRuns: group.filter { $0.bestReward != nil }.count,
                medianBestReward: bestRewardQuantile(best, 0.5), lowerQuartileBestReward: bestRewardQuantile(best, 0.25),
                upperQuartileBestReward: bestRewardQuantile(best, 0.75),
                successRate: hasTargets ? Double(toTarget.count) / Double(group.count) : nil,
                medianEvaluationsToTarget: median(toTarget), medianWallSeconds: median(walls),
                evaluations: group.map(\.evaluationCount).reduce(0, +)))
        }
        return entries.sorted {
            ($0.environment, $0.workload, -($0.medianBestReward ?? -.infinity)) < ($1.environment, $1.workload, -($1.medianBestReward ?? -.infinity))
        }
    }
}
