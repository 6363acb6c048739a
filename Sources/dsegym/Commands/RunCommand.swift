import Agents
import ArgumentParser
import Experiments
import Foundation
import GymCore
import Results
import Wire

/// `dsegym run`: one search run, recorded in the results store.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run one search agent on an environment and record every evaluation.",
        discussion: """
            Example: dsegym run --env synthetic --agent random_walk --budget 500 --seed 1 --target loss=0.05
            The same seed gives the same designs and results, whatever --batch and --jobs are.
            """)

    @Option(help: "Environment name (see `dsegym envs`).") var env: String
    @Option(help: "Agent name (see `dsegym agents`).") var agent: String = "random_walk"
    @OptionGroup var environmentOptions: EnvironmentOptions
    @Option(help: "Maximum number of evaluations.") var budget: Int = 100
    @Option(help: "Seed of the run.") var seed: UInt64 = 0
    @Option(help: "Designs proposed and evaluated together per round.") var batch: Int = 1
    @Option(name: .customLong("jobs"), help: "Evaluations run in parallel within a batch (default: the number of cores).") var jobsOption: Int?
    var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }
    @Option(name: .customLong("set-agent"), help: ArgumentHelp("Agent hyperparameter name=value (repeatable).", valueName: "name=value"))
    var agentSettings: [String] = []
    @Option(name: .customLong("reference"), help: ArgumentHelp("Hypervolume reference point of a Pareto objective, metric=value (repeatable).", valueName: "metric=value"))
    var reference: [String] = []
    @OptionGroup var resultsOptions: ResultsOptions
    @Option(help: ArgumentHelp("Simulate on a server speaking the wire protocol (dsegym serve or an external adapter).", valueName: "tcp://HOST:PORT"))
    var remote: String?
    @Option(help: "Seconds a remote step may take before it counts as infeasible.") var remoteTimeout: Double = 30
    @Option(help: ArgumentHelp("Write the trained policy of an RL agent (ppo, mappo) to this JSON file at the end.", valueName: "file"))
    var savePolicy: String?
    @Option(help: ArgumentHelp("Start an RL agent from a policy saved with --save-policy (its hyperparameters come with it).", valueName: "file"))
    var loadPolicy: String?
    @Flag(help: "With --load-policy: propose the policy's most likely design and do not learn.") var greedy = false
    @Flag(help: "Print the summary as one JSON object.") var json = false

    func validate() throws {
        try requireInRange(RunLimits.problem("--budget", budget, RunLimits.budget), RunLimits.problem("--batch", batch, RunLimits.batch),
                           RunLimits.problem("--jobs", jobs, RunLimits.jobs),
                           RunLimits.problem("--remote-timeout", remoteTimeout, RunLimits.remoteTimeoutSeconds))
        if let remote { try requireInRange(WireProtocol.endpointProblem(remote, option: "--remote")) }
        guard !greedy || loadPolicy != nil else { throw ValidationError("--greedy needs --load-policy FILE") }
    }

    func run() async throws {
        var experiment = try environmentOptions.experiment(environment: env, agent: agent)
        experiment.agentOverrides = try parsePairs(agentSettings, option: "--set-agent")
        experiment.options = RunOptions(budget: budget, batchSize: batch, seed: seed, maxConcurrency: jobs)
        for (metric, text) in try parsePairs(reference, option: "--reference") {
            guard let value = Double(text), value.isFinite else { throw InputError("--reference \(metric)=\(text): expected a number") }
            experiment.options.hypervolumeReference[metric] = value
        }
        experiment.remote = remote
        experiment.remoteTimeoutSeconds = remoteTimeout
        if let savePolicy {   // before the run, not after (a loaded policy is checked by the experiment)
            try AgentRegistry.standard.requirePolicyAgent(agent)
            try checkWritable(savePolicy, option: "--save-policy")
        }
        if let loadPolicy {
            do {
                experiment.policyJSON = try Data(contentsOf: URL(fileURLWithPath: loadPolicy))
            } catch {
                throw InputError("--load-policy \(loadPolicy): cannot read the file (\(error.localizedDescription))")
            }
            experiment.greedyPolicy = greedy
        }
        let made = try experiment.makeEnvironment()
        let store = try ResultsStore(directory: URL(fileURLWithPath: resultsOptions.results))
        let line = ProgressLine()
        let summary = try await experiment.run(environment: made, store: store, progress: { progress in
            line.draw("\(progress.evaluations)/\(progress.budget) evaluations  best reward \(format(progress.best?.reward))  "
                + "\(format(Double(progress.evaluations) / max(progress.elapsedSeconds, 1e-9))) evals/s")
        }, finished: { agent in
            guard let savePolicy, let learner = agent as? any PolicyAgent else { return }
            try learner.policyJSON().write(to: URL(fileURLWithPath: savePolicy))
        })
        line.clear()
        let report = RunReport(summary: summary, store: store)
        if json {
            try printJSON(report)
            return
        }
        print("run \(summary.runID.map(String.init) ?? "-"): \(env)/\(made.workload), agent \(agent), seed \(seed): \(summary.status.rawValue)"
            + (summary.targetMetAt.map { " at evaluation \($0 + 1)" } ?? ""))
        print("evaluations:  \(summary.evaluations) in \(format(summary.wallSeconds)) s (\(format(summary.evaluationsPerSecond)) evals/s)")
        print("objective:    \(made.objective)")
        if let best = summary.best {
            print("best reward:  \(format(best.reward))" + (best.feasible ? "" : " (infeasible: \(best.reason ?? "?"))"))
            print("best design:  \(best.design)")
            print("best metrics: \(describeMetrics(best.metrics, descriptors: made.metrics))")
        }
        if !summary.paretoFront.isEmpty {
            print("pareto front: \(summary.paretoFront.count) designs" + (summary.hypervolume.map { ", hypervolume \(format($0))" } ?? " (add --reference metric=value for its hypervolume)"))
        }
        if let screens = summary.proxyScreens {
            print("real evals:   \(summary.evaluations) (every evaluation above ran in \(env)); proxy screens: \(screens) (predictions only)")
        }
        if let savePolicy { print("policy:       \(savePolicy) (continue with --load-policy, evaluate with --load-policy --greedy)") }
        print("results:      \(store.databaseURL.path) (run \(summary.runID.map(String.init) ?? "-")); export with: dsegym export --run \(summary.runID ?? 0) --results \(resultsOptions.results)")
    }
}

/// The JSON summary of `dsegym run --json`.
struct RunReport: Encodable {
    var run_id: Int?
    var status: String
    var best_reward: Double?
    var best_design: Design?
    var best_metrics: [String: Double]?
    var best_feasible: Bool?
    var evaluations: Int
    var target_met_at: Int?
    var wall_s: Double
    var evaluations_per_s: Double
    var results: String
    /// Pareto objectives only: the size of the front and its hypervolume (with --reference).
    var pareto_front_size: Int?
    var hypervolume: Double?
    /// Agents that screen on their own proxy (mf): real evaluations and proxy screens.
    var real_evaluations: Int?
    var proxy_screens: Int?

    init(summary: RunSummary, store: ResultsStore) {
        run_id = summary.runID
        status = summary.status.rawValue
        best_reward = summary.best?.reward
        best_design = summary.best?.design
        best_metrics = summary.best?.metrics
        best_feasible = summary.best?.feasible
        evaluations = summary.evaluations
        target_met_at = summary.targetMetAt
        wall_s = summary.wallSeconds
        evaluations_per_s = summary.evaluationsPerSecond
        results = store.databaseURL.path
        pareto_front_size = summary.paretoFront.isEmpty ? nil : summary.paretoFront.count
        hypervolume = summary.hypervolume
        proxy_screens = summary.proxyScreens
        real_evaluations = summary.proxyScreens == nil ? nil : summary.evaluations
    }
}
