import Experiments

/// Prints leaderboard entries as one table per environment/workload.
func printLeaderboard(_ entries: [LeaderboardEntry]) {
    let groups = Dictionary(grouping: entries) { "\($0.environment)/\($0.workload)" }
    for name in groups.keys.sorted() {
        print("\n\(name)")
        var table = TextTable(header: ["agent", "feasible runs", "median best reward", "IQR", "success", "evals to target", "median wall s"])
        table.rows = groups[name]!.map { entry in
            [entry.agent, "\(entry.feasibleRuns)/\(entry.runs)", format(entry.medianBestReward),
             "\(format(entry.lowerQuartileBestReward))..\(format(entry.upperQuartileBestReward))",
             entry.successRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "-", format(entry.medianEvaluationsToTarget),
             format(entry.medianWallSeconds)]
        }
        print(table.rendered)
    }
}
