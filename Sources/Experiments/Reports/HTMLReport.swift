import Environments
import Foundation
import GymCore
import Results

/// A self-contained HTML report (inline SVG, no scripts) of the runs in a results store, optionally
/// one sweep. One section per (environment, workload, objective, budget), so runs that answered
/// different questions are never pooled; in each:
/// - a leaderboard with one row per agent and hyperparameter setting (runs, feasible runs, median
///   final best with its quartiles, target success, wall time), best first;
/// - best-so-far vs evaluations per agent (median line, interquartile band over runs) of the
///   objective's metric in its unit (the reward when the objective has several terms or targets),
///   on a log axis when the values span decades;
/// - the hyperparameter lottery: one dot per setting (median over seeds) per agent, with a box over
///   the settings and a hover title naming the agent, setting, seeds and values;
/// - the Pareto front of two metrics (``paretoMetrics``, or from the objective: its Pareto terms,
///   else its metric and its first constraint's metric) with each metric's own direction.
///
/// Runs that found no feasible design rank below every run that did (``EvaluationRank``'s rule,
/// applied to runs); such a run has no final value and shows as "-".
///
/// ```swift
/// let html = try HTMLReport(store: store, sweepID: "smoke").render()
/// ```
public struct HTMLReport {
    public var store: ResultsStore
    public var sweepID: String?
    /// The two metrics of the Pareto plot (`nil`: chosen from each section's objective).
    public var paretoMetrics: (String, String)?
    /// Pareto fronts read every evaluation; above this many stored evaluations they are skipped.
    public var paretoEvaluationLimit = 300_000
    /// Where metric units and directions come from.
    public var environments: EnvironmentRegistry = .standard

    public init(store: ResultsStore, sweepID: String? = nil, paretoMetrics: (String, String)? = nil) {
        self.store = store
        self.sweepID = sweepID
        self.paretoMetrics = paretoMetrics
    }

    public func render() throws -> String {
        let runs = try store.runs(sweepID: sweepID).filter { $0.status != .running }
        let title = "DSEGym report" + (sweepID.map { ": sweep \($0)" } ?? "")
        var body: [String] = ["<h1>\(escapeHTML(title))</h1>"]
        body.append("<p>\(runs.count) runs, \(runs.map(\.evaluationCount).reduce(0, +)) evaluations in "
            + "\(Set(runs.map(ReportSection.Key.init)).count) sections. Generated \(ISO8601DateFormatter().string(from: Date())) from "
            + "<code>\(escapeHTML(store.databaseURL.path))</code>. Hover over a point for its agent, setting, seed and value.</p>")
        let loadPareto = runs.map(\.evaluationCount).reduce(0, +) <= paretoEvaluationLimit
        for section in ReportSection.sections(of: runs) {
            body.append(try render(section, loadPareto: loadPareto))
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escapeHTML(title))</title>
            <style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}\
            td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child,\
            td:nth-child(2),th:nth-child(2){text-align:left}.plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:12px}\
            svg.chart{width:100%;height:auto}code{background:#f4f4f4}h2{margin-top:36px;border-top:1px solid #ccc;padding-top:12px}</style>
            </head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    private func render(_ section: ReportSection, loadPareto: Bool) throws -> String {
        let metrics = describedMetrics(section)
        let focus = ReportFocus(objective: section.key.objective, metrics: metrics)
        let outcomes = try section.runs.map { try RunOutcome(run: $0, focus: focus, store: store) }
        let agents = section.agents
        var html = ["<h2>\(escapeHTML(section.key.environment)) / \(escapeHTML(section.key.workload)) — \(escapeHTML(section.key.objective.description)) — budget \(section.key.budget)</h2>"]
        html.append("<p>\(section.runs.count) runs; plotted: <b>\(escapeHTML(focus.label))</b> (\(focus.direction == .minimize ? "lower" : "higher") is better).</p>")
        html.append(leaderboard(outcomes, focus: focus, objective: section.key.objective))
        html.append("<div class=\"plots\">")
        html.append(convergencePlot(outcomes, agents: agents, focus: focus))
        html.append(lotteryPlot(outcomes, agents: agents, focus: focus))
        if loadPareto, let pair = paretoPair(section, metrics: metrics) {
            html.append(try paretoPlot(section, agents: agents, pair: pair, metrics: metrics))
        }
        html.append("</div>")
        return html.joined(separator: "\n")
    }

    /// The section's metrics with units and directions, from the environment when it is registered.
    private func describedMetrics(_ section: ReportSection) -> [String: MetricDescriptor] {
        var known: [String: MetricDescriptor] = [:]
        if let environment = try? environments.entry(section.key.environment).make(workload: section.key.workload) {
            for metric in environment.metrics { known[metric.name] = metric }
        }
        for name in section.runs[0].specification.metricNames where known[name] == nil {
            known[name] = MetricDescriptor(name, unit: "", direction: .minimize)
        }
        return known
    }

    private func leaderboard(_ outcomes: [RunOutcome], focus: ReportFocus, objective: Objective) -> String {
        let hasTargets: Bool = { if case .targets = objective.goal { return true } else { return false } }()
        struct Row { var agent: String, setting: String, runs: [RunOutcome] }
        var rows: [Row] = []
        for outcome in outcomes {
            if let index = rows.firstIndex(where: { $0.agent == outcome.agent && $0.setting == outcome.setting }) {
                rows[index].runs.append(outcome)
            } else {
                rows.append(Row(agent: outcome.agent, setting: outcome.setting, runs: [outcome]))
            }
        }
        let ranked = rows.map { row in (row, focus.quantile(row.runs.map(\.final), 0.5)) }
            .sorted { focus.isBetter($0.1, than: $1.1) }
        let cells = ranked.map { row, medianFinal -> String in
            let finals = row.runs.map(\.final)
            let feasible = finals.compactMap { $0 }.count
            let wall = median(row.runs.compactMap(\.wallSeconds))
            let success = hasTargets ? "\(Int((Double(row.runs.filter { $0.run.status == .targetMet }.count) / Double(row.runs.count) * 100).rounded()))%" : "-"
            return "<tr><td>\(escapeHTML(row.agent))</td><td>\(escapeHTML(row.setting.isEmpty ? "defaults" : row.setting))</td>"
                + "<td>\(feasible)/\(row.runs.count)</td><td>\(cell(medianFinal))</td>"
                + "<td>\(cell(focus.quantile(finals, 0.25))) … \(cell(focus.quantile(finals, 0.75)))</td>"
                + "<td>\(success)</td><td>\(cell(wall))</td></tr>"
        }
        return "<table><tr><th>agent</th><th>setting</th><th>feasible runs</th><th>median best \(escapeHTML(focus.label))</th>"
            + "<th>quartiles</th><th>target met</th><th>median wall s</th></tr>" + cells.joined() + "</table>"
    }

    private func cell(_ value: Double?) -> String { value.map { formatNumber($0, digits: 4) } ?? "-" }

    private func convergencePlot(_ outcomes: [RunOutcome], agents: [String], focus: ReportFocus) -> String {
        var series: [(String, [Double], [Double], [Double])] = []
        var plotted: [Double] = []
        var length = 0
        for agent in agents {
            let curves = outcomes.filter { $0.agent == agent }.map(\.curve)
            let longest = curves.map(\.count).max() ?? 0
            length = max(length, longest)
            var lower: [Double] = [], middle: [Double] = [], upper: [Double] = []
            for index in 0..<longest {
                // A run that stopped early (target met) keeps its last value; one with no feasible design yet is worst.
                let values = curves.map { curve -> Double? in curve.isEmpty ? nil : curve[min(index, curve.count - 1)] }
                lower.append(focus.quantile(values, focus.direction == .minimize ? 0.75 : 0.25) ?? .nan)
                middle.append(focus.quantile(values, 0.5) ?? .nan)
                upper.append(focus.quantile(values, focus.direction == .minimize ? 0.25 : 0.75) ?? .nan)
            }
            // Scale the axis to the curves after their first 5%, so a terrible first design does not squash them.
            let skip = longest / 20
            plotted += Array(lower.dropFirst(skip)) + Array(upper.dropFirst(skip))
            series.append((agent, lower, middle, upper))
        }
        let scale = SVGChart.Scale.fitting(plotted)
        var chart = SVGChart(title: "best \(focus.label) so far (median, IQR band over runs)", xLabel: "evaluations",
                             yLabel: focus.label, x: 1...Double(max(length, 2)), y: SVGChart.range(plotted.filter { scale == .linear || $0 > 0 }),
                             yScale: scale)
        for (index, (agent, lower, middle, upper)) in series.enumerated() {
            let color = seriesColors[index % seriesColors.count]
            let valid = middle.indices.filter { middle[$0].isFinite && lower[$0].isFinite && upper[$0].isFinite }
            chart.band(x: valid.map { Double($0 + 1) }, lower: valid.map { lower[$0] }, upper: valid.map { upper[$0] }, color: color)
            chart.line(valid.map { (Double($0 + 1), middle[$0]) }, color: color, label: agent)
        }
        return chart.svg
    }

    private func lotteryPlot(_ outcomes: [RunOutcome], agents: [String], focus: ReportFocus) -> String {
        var perAgent: [(agent: String, settings: [(setting: String, median: Double?, runs: [RunOutcome])])] = []
        for agent in agents {
            let mine = outcomes.filter { $0.agent == agent }
            var order: [String] = []
            for outcome in mine where !order.contains(outcome.setting) { order.append(outcome.setting) }
            perAgent.append((agent, order.map { setting in
                let runs = mine.filter { $0.setting == setting }
                return (setting, focus.quantile(runs.map(\.final), 0.5), runs)
            }))
        }
        let values = perAgent.flatMap { $0.settings.compactMap(\.median) }
        let scale = SVGChart.Scale.fitting(values)
        var chart = SVGChart(title: "hyperparameter lottery: one dot per setting (median over seeds)", xLabel: "agent",
                             yLabel: "final best \(focus.label)", x: -0.5...Double(agents.count) - 0.5,
                             y: SVGChart.range(values), categories: agents, yScale: scale)
        for (index, entry) in perAgent.enumerated() {
            let color = seriesColors[index % seriesColors.count]
            let medians = entry.settings.compactMap(\.median)
            if let low = quantile(medians, 0.25), let middle = median(medians), let high = quantile(medians, 0.75) {
                chart.box(x: Double(index), low: low, median: middle, high: high, halfWidth: 0.3, color: color)
            }
            let placed = entry.settings.enumerated().compactMap { offset, setting -> ((Double, Double), String)? in
                guard let value = setting.median else { return nil }
                let x = Double(index) + 0.25 * (Double((offset * 7919) % 101) / 100 - 0.5)
                let seeds = setting.runs.map { "seed \($0.run.specification.seed): \(cell($0.final))" }.joined(separator: ", ")
                return ((x, value), "\(entry.agent) · \(setting.setting.isEmpty ? "defaults" : setting.setting) · median \(cell(value)) · \(seeds)")
            }
            chart.points(placed.map(\.0), color: color, radius: 4, titles: placed.map(\.1))
        }
        return chart.svg
    }

    /// The Pareto plot's metrics: the report's choice, else the objective's Pareto terms, else its
    /// metric and its first constraint's metric; `nil` when the section has fewer than two.
    private func paretoPair(_ section: ReportSection, metrics: [String: MetricDescriptor]) -> (String, String)? {
        if let paretoMetrics { return metrics[paretoMetrics.0] != nil && metrics[paretoMetrics.1] != nil ? paretoMetrics : nil }
        let objective = section.key.objective
        var names = objective.paretoTerms.map(\.metric)
        if names.count < 2 { names = objective.metricNames + objective.constraints.map(\.metric) }
        var unique: [String] = []
        for name in names where !unique.contains(name) && metrics[name] != nil { unique.append(name) }
        return unique.count >= 2 ? (unique[0], unique[1]) : nil
    }

    private func paretoPlot(_ section: ReportSection, agents: [String], pair: (String, String),
                            metrics: [String: MetricDescriptor]) throws -> String
    {
        let x = metrics[pair.0]!, y = metrics[pair.1]!
        // Fronts are found with both metrics minimized: a maximized one is negated, then restored.
        let sx: Double = x.direction == .minimize ? 1 : -1, sy: Double = y.direction == .minimize ? 1 : -1
        var fronts: [(String, [(Double, Double)], [String])] = []
        for agent in agents {
            var points: [(Double, Double, String)] = []
            for run in section.runs where run.specification.agent == agent {
                for record in try store.evaluations(runID: run.id) where record.evaluation.feasible {
                    guard let a = record.evaluation.metrics[pair.0], let b = record.evaluation.metrics[pair.1] else { continue }
                    points.append((sx * a, sy * b, "\(agent) · seed \(run.specification.seed) · evaluation \(record.index + 1) · "
                        + "\(pair.0) \(formatNumber(a, digits: 4)) \(x.unit), \(pair.1) \(formatNumber(b, digits: 4)) \(y.unit) · \(record.evaluation.design)"))
                }
            }
            let front = paretoFront(points.map { ($0.0, $0.1) })
            let titles = front.map { point in points.first { $0.0 == point.0 && $0.1 == point.1 }?.2 ?? "" }
            fronts.append((agent, front.map { (sx * $0.0, sy * $0.1) }, titles))
        }
        let xs = fronts.flatMap { $0.1.map(\.0) }, ys = fronts.flatMap { $0.1.map(\.1) }
        let xScale = SVGChart.Scale.fitting(xs), yScale = SVGChart.Scale.fitting(ys)
        func axis(_ metric: MetricDescriptor) -> String {
            "\(metric.name)\(metric.unit.isEmpty || metric.unit == "1" ? "" : " (\(metric.unit))"), \(metric.direction == .minimize ? "minimized" : "maximized")"
        }
        var chart = SVGChart(title: "Pareto front of feasible evaluations", xLabel: axis(x), yLabel: axis(y),
                             x: SVGChart.range(xs), y: SVGChart.range(ys), xScale: xScale, yScale: yScale)
        for (index, (agent, front, titles)) in fronts.enumerated() {
            let color = seriesColors[index % seriesColors.count]
            chart.line(front, color: color, label: agent)
            chart.points(front, color: color, titles: titles)
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
