import Foundation
import GymCore
import Results

/// A self-contained HTML report (inline SVG, no scripts) of the runs in a results store, optionally
/// one sweep: the leaderboard; per environment/workload the best-so-far reward vs evaluations per
/// agent (median line, interquartile band over runs); the hyperparameter-lottery plot (each
/// hyperparameter setting's median final reward, per agent, with quartile boxes); and the Pareto
/// front of the first two metrics per agent.
///
/// ```swift
/// let html = try HTMLReport(store: store, sweepID: "smoke").render()
/// ```
public struct HTMLReport {
    public var store: ResultsStore
    public var sweepID: String?
    /// Pareto fronts read every evaluation; above this many stored evaluations they are skipped.
    public var paretoEvaluationLimit = 300_000

    public init(store: ResultsStore, sweepID: String? = nil) {
        self.store = store
        self.sweepID = sweepID
    }

    public func render() throws -> String {
        let runs = try store.runs(sweepID: sweepID).filter { $0.status != .running }
        let entries = try Leaderboard.entries(store: store, sweepID: sweepID)
        var body: [String] = []
        let title = "DSEGym report" + (sweepID.map { ": sweep \($0)" } ?? "")
        body.append("<h1>\(escapeHTML(title))</h1>")
        body.append("<p>\(runs.count) runs, \(runs.map(\.evaluationCount).reduce(0, +)) evaluations. Generated \(ISO8601DateFormatter().string(from: Date())) from <code>\(escapeHTML(store.databaseURL.path))</code>.</p>")
        body.append("<h2>Leaderboard</h2>" + leaderboardTable(entries))
        let groups = Dictionary(grouping: runs) { "\($0.specification.environment)/\($0.specification.workload)" }
        let loadPareto = runs.map(\.evaluationCount).reduce(0, +) <= paretoEvaluationLimit
        for name in groups.keys.sorted() {
            let group = groups[name]!
            let agents = orderedAgents(group)
            body.append("<h2>\(escapeHTML(name))</h2><p>Objective: \(escapeHTML(group[0].specification.objective.description))</p>")
            body.append("<div class=\"plots\">")
            body.append(try convergencePlot(name, group, agents))
            body.append(lotteryPlot(name, group, agents))
            if loadPareto, group[0].specification.metricNames.count >= 2 { body.append(try paretoPlot(name, group, agents)) }
            body.append("</div>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escapeHTML(title))</title>
            <style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}.plots{display:flex;flex-wrap:wrap;gap:12px}code{background:#f4f4f4}</style>
            </head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    private func orderedAgents(_ runs: [RunRecord]) -> [String] {
        var seen = Set<String>()
        return runs.map(\.specification.agent).filter { seen.insert($0).inserted }
    }

    private func leaderboardTable(_ entries: [LeaderboardEntry]) -> String {
        func cell(_ value: Double?) -> String { value.map { String(format: "%.4g", $0) } ?? "-" }
        let rows = entries.map { entry in
            "<tr><td>\(escapeHTML(entry.agent))</td><td>\(escapeHTML(entry.environment))/\(escapeHTML(entry.workload))</td><td>\(entry.feasibleRuns)/\(entry.runs)</td>"
                + "<td>\(cell(entry.medianBestReward))</td><td>\(cell(entry.lowerQuartileBestReward)) … \(cell(entry.upperQuartileBestReward))</td>"
                + "<td>\(entry.successRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "-")</td><td>\(cell(entry.medianEvaluationsToTarget))</td>"
                + "<td>\(cell(entry.medianWallSeconds))</td></tr>"
        }
        return "<table><tr><th>agent</th><th>environment</th><th>feasible runs</th><th>median best reward</th><th>IQR</th><th>success</th><th>evals to target</th><th>median wall s</th></tr>"
            + rows.joined() + "</table>"
    }

    private func convergencePlot(_ name: String, _ runs: [RunRecord], _ agents: [String]) throws -> String {
        var series: [(String, [Double], [Double], [Double])] = []
        var allValues: [Double] = []
        var length = 0
        for agent in agents {
            let curves = try runs.filter { $0.specification.agent == agent }.map { try store.bestSoFarCurve(runID: $0.id) }
            let longest = curves.map(\.count).max() ?? 0
            length = max(length, longest)
            var lower: [Double] = [], middle: [Double] = [], upper: [Double] = []
            for index in 0..<longest {
                // A run that stopped early (target met) keeps its last value.
                let values = curves.compactMap { curve -> Double? in curve.isEmpty ? nil : curve[min(index, curve.count - 1)] }
                lower.append(quantile(values, 0.25) ?? .nan)
                middle.append(median(values) ?? .nan)
                upper.append(quantile(values, 0.75) ?? .nan)
            }
            // Scale the axis to the curves after their first 5%, so a terrible first design does not squash them.
            let skip = longest / 20
            allValues += Array(lower.dropFirst(skip)) + Array(upper.dropFirst(skip))
            series.append((agent, lower, middle, upper))
        }
        var chart = SVGChart(title: "best-so-far reward (median, IQR band)", xLabel: "evaluations", yLabel: "best reward",
                             x: 1...Double(max(length, 2)), y: SVGChart.range(allValues))
        for (index, (agent, lower, middle, upper)) in series.enumerated() {
            let color = seriesColors[index % seriesColors.count]
            let xs = (1...max(middle.count, 1)).map(Double.init)
            let valid = middle.indices.filter { middle[$0].isFinite && lower[$0].isFinite && upper[$0].isFinite }
            chart.band(x: valid.map { xs[$0] }, lower: valid.map { lower[$0] }, upper: valid.map { upper[$0] }, color: color)
            chart.line(valid.map { (xs[$0], middle[$0]) }, color: color, label: agent)
        }
        return chart.svg
    }

    private func lotteryPlot(_ name: String, _ runs: [RunRecord], _ agents: [String]) -> String {
        var chart = SVGChart(title: "hyperparameter lottery: each dot one setting (median over seeds)", xLabel: "agent",
                             yLabel: "final best reward", x: -0.5...Double(agents.count) - 0.5,
                             y: SVGChart.range(runs.compactMap(\.bestReward)), categories: agents)
        for (index, agent) in agents.enumerated() {
            let settings = Dictionary(grouping: runs.filter { $0.specification.agent == agent }) { $0.specification.hyperparametersJSON }
            let outcomes = settings.keys.sorted().compactMap { median(settings[$0]!.compactMap(\.bestReward)) }
            let color = seriesColors[index % seriesColors.count]
            if let low = quantile(outcomes, 0.25), let middle = median(outcomes), let high = quantile(outcomes, 0.75) {
                chart.box(x: Double(index), low: low, median: middle, high: high, halfWidth: 0.3, color: color)
            }
            let jitter = outcomes.indices.map { Double(index) + 0.25 * (Double(($0 * 7919) % 101) / 100 - 0.5) }
            chart.points(Array(zip(jitter, outcomes)), color: color)
        }
        return chart.svg
    }

    private func paretoPlot(_ name: String, _ runs: [RunRecord], _ agents: [String]) throws -> String {
        let metrics = Array(runs[0].specification.metricNames.prefix(2))
        var fronts: [(String, [(Double, Double)])] = []
        for agent in agents {
            var points: [(Double, Double)] = []
            for run in runs where run.specification.agent == agent {
                for record in try store.evaluations(runID: run.id) where record.evaluation.feasible {
                    if let x = record.evaluation.metrics[metrics[0]], let y = record.evaluation.metrics[metrics[1]] { points.append((x, y)) }
                }
            }
            fronts.append((agent, paretoFront(points)))
        }
        var chart = SVGChart(title: "Pareto front of feasible evaluations (both minimized)", xLabel: metrics[0], yLabel: metrics[1],
                             x: SVGChart.range(fronts.flatMap { $0.1.map(\.0) }), y: SVGChart.range(fronts.flatMap { $0.1.map(\.1) }))
        for (index, (agent, front)) in fronts.enumerated() {
            let color = seriesColors[index % seriesColors.count]
            chart.line(front, color: color, label: agent)
            chart.points(front, color: color)
        }
        return chart.svg
    }
}

/// The points not dominated by any other when both coordinates are minimized, sorted by x.
func paretoFront(_ points: [(Double, Double)]) -> [(Double, Double)] {
    var front: [(Double, Double)] = []
    for point in points.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) where front.last.map({ point.1 < $0.1 }) ?? true {
        front.append(point)
    }
    return front
}
