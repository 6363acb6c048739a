import Agents
import ArgumentParser
import Experiments
import Foundation
import GymCore
import Results

/// `dsegym compare`: several agents × seeds on one environment, summarized in a table (the demo).
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare agents on one environment over several seeds.",
        discussion: "Example: dsegym compare --env synthetic --agents random_walk,grid --seeds 5 --budget 300")

    @Option(help: "Environment name (see `dsegym envs`).") var env: String
    @Option(help: "Comma-separated agent names (see `dsegym agents`).") var agents: String = "random_walk,grid"
    @OptionGroup var environmentOptions: EnvironmentOptions
    @Option(help: "Number of seeds per agent (seeds 1...N).") var seeds: Int = 3
    @Option(help: "Evaluations per run.") var budget: Int = 200
    @Option(help: "Designs proposed and evaluated together per round.") var batch: Int = 1
    @Option(name: .customLong("set-agent"), help: ArgumentHelp(
        "Agent hyperparameter: agent.name=value for one agent, name=value for every agent (repeatable).", valueName: "[agent.]name=value"))
    var agentSettings: [String] = []
    @Option(help: "Record the runs under this sweep id (for report --sweep, export --sweep, dsegym.results).") var sweep: String?
    @Option(name: .customLong("jobs"), help: "Runs executed at once (default: the number of cores).") var jobsOption: Int?
    var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }
    @Option(name: .customLong("reference"), help: ArgumentHelp("Hypervolume reference point of a Pareto objective, metric=value (repeatable).", valueName: "metric=value"))
    var reference: [String] = []
    @OptionGroup var resultsOptions: ResultsOptions
    @Flag(help: "Print the table as JSON.") var json = false

    func validate() throws {
        try requireInRange(RunLimits.problem("--seeds", seeds, RunLimits.seeds), RunLimits.problem("--budget", budget, RunLimits.budget),
                           RunLimits.problem("--jobs", jobs, RunLimits.jobs), RunLimits.problem("--batch", batch, RunLimits.batch))
    }

    func run() async throws {
        let agentNames = agents.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var base = try environmentOptions.experiment(environment: env, agent: agentNames.first ?? "")
        base.options.budget = budget
        base.options.batchSize = batch
        base.options.sweepID = sweep
        for (metric, text) in try parsePairs(reference, option: "--reference") {
            guard let value = Double(text), value.isFinite else { throw InputError("--reference \(metric)=\(text): expected a number") }
            base.options.hypervolumeReference[metric] = value
        }
        let made = try base.makeEnvironment()
        for name in agentNames { _ = try AgentRegistry.standard.entry(name) }
        var settings = Dictionary(uniqueKeysWithValues: agentNames.map { ($0, [String: String]()) })
        for (key, value) in try parsePairs(agentSettings, option: "--set-agent") {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                guard settings[parts[0]] != nil else {
                    throw InputError("--set-agent \(key)=\(value): '\(parts[0])' is not among --agents (\(agentNames.joined(separator: ", ")))")
                }
                settings[parts[0]]?[parts[1]] = value
            } else {
                for name in agentNames { settings[name]?[key] = value }
            }
        }
        for (name, overrides) in settings where !overrides.isEmpty {
            _ = try AgentRegistry.standard.entry(name).make(space: made.parameterSpace, overrides: overrides, seed: 1)  // names bad settings now
        }
        let store = try ResultsStore(directory: URL(fileURLWithPath: resultsOptions.results))
        var comparison = Comparison(base: base, agents: agentNames, seeds: (1...seeds).map(UInt64.init), jobs: jobs)
        comparison.agentOverrides = settings
        let line = ProgressLine(quiet: json)
        let started = Date()
        let rows = try await comparison.run(store: store) { progress in line.show("compare \(env)", progress) }
        line.clear()
        let wall = Date().timeIntervalSince(started)
        let keyMetric = made.objective.metricNames.first ?? made.metrics[0].name
        if json {
            struct Row: Encodable {
                var agent: String, median_best_reward: Double?, target_success_rate: Double, evaluations_per_s: Double
                var median_run_best_design: Design?, median_run_best_metrics: [String: Double]?, run_ids: [Int]
                var median_hypervolume: Double?
                /// Agents that screen on their own proxy (mf): median designs screened per run (every evaluation is real).
                var median_proxy_screens: Double?
            }
            try printJSON(rows.map { row in
                Row(agent: row.agent, median_best_reward: row.medianBestReward, target_success_rate: row.targetSuccessRate,
                    evaluations_per_s: row.evaluationsPerSecond, median_run_best_design: row.medianRun?.best?.design,
                    median_run_best_metrics: row.medianRun?.best?.metrics, run_ids: row.runs.compactMap(\.runID),
                    median_hypervolume: row.medianHypervolume, median_proxy_screens: medianScreens(row))
            })
            return
        }
        print("\(env)/\(made.workload): \(agentNames.count) agents x \(seeds) seeds x \(budget) evaluations; objective: \(made.objective)\n")
        var table = TextTable(header: ["agent", "feasible runs", "median best reward", "best \(keyMetric) (median run)", "target met", "evals/s", "best design (median run)"])
        table.rows = rows.map { row in
            let best = row.medianRun?.best
            return [row.agent, "\(row.feasibleRuns)/\(row.runs.count)", format(row.medianBestReward), format(best?.metrics[keyMetric]),
                    made.objective.isMet(by: [:]) || isTargetObjective(made.objective) ? "\(Int(row.targetSuccessRate * 100))%" : "-",
                    format(row.evaluationsPerSecond), best?.design.description ?? "-"]
        }
        if rows.contains(where: { $0.medianHypervolume != nil }) {
            table.header.append("median hypervolume")
            for (index, row) in rows.enumerated() { table.rows[index].append(format(row.medianHypervolume)) }
        }
        if rows.contains(where: { medianScreens($0) != nil }) {
            table.header.append("proxy screens (median)")
            for (index, row) in rows.enumerated() { table.rows[index].append(format(medianScreens(row))) }
        }
        print(table.rendered)
        let runIDs = rows.flatMap { $0.runs.compactMap(\.runID) }
        print("\n\(runIDs.count) runs, \(rows.flatMap(\.runs).map(\.evaluations).reduce(0, +)) evaluations in \(format(wall)) s")
        print("results: \(store.databaseURL.path) (runs \(runIDs.min() ?? 0)-\(runIDs.max() ?? 0)); export with: dsegym export --results \(resultsOptions.results) --format csv -o results.csv")
    }

    /// The median over seeds of the designs an agent screened on its own proxy (`nil` for other agents).
    private func medianScreens(_ row: Comparison.Row) -> Double? {
        let screens = row.runs.compactMap(\.proxyScreens).map(Double.init)
        return screens.isEmpty ? nil : median(screens)
    }

    private func isTargetObjective(_ objective: Objective) -> Bool {
        if case .targets = objective.goal { return true }
        return false
    }
}
