import Foundation
import GymCore
import Results
import Synchronization

/// Several agents on one environment, each over several seeds: the demo's and a quick benchmark's
/// unit of work. Runs execute concurrently (`jobs` at a time), each evaluating serially, so the
/// figures do not depend on `jobs`.
///
/// ```swift
/// let comparison = Comparison(base: Experiment(environment: "synthetic", agent: "random_walk"),
///                             agents: ["random_walk", "grid"], seeds: [1, 2, 3])
/// let rows = try await comparison.run(store: store)
/// ```
public struct Comparison: Sendable {
    /// The experiment each run copies; its `agent` and `options.seed` are replaced per run.
    public var base: Experiment
    public var agents: [String]
    public var seeds: [UInt64]
    public var jobs: Int
    /// Hyperparameter overrides per agent name (`--set-agent`); agents not listed use the base's.
    public var agentOverrides: [String: [String: String]] = [:]

    public init(base: Experiment, agents: [String], seeds: [UInt64], jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.base = base
        self.agents = agents
        self.seeds = seeds
        self.jobs = max(1, jobs)
    }

    /// One agent's results over the seeds.
    public struct Row: Sendable {
        public var agent: String
        public var runs: [RunSummary]
        /// Median over seeds of the reward of each run's best evaluation (``EvaluationRank``): a run with
        /// no feasible design counts with its best penalty (reward contract), below every feasible one.
        /// The leaderboard uses the same rule.
        public var medianBestReward: Double? { bestRewardQuantile(runs.map { $0.best?.reward }, 0.5) }
        /// The (lower) median run when runs are ordered by their best evaluation's ``EvaluationRank``
        /// (the same order ``medianBestReward`` and the leaderboard use); its best design is shown.
        public var medianRun: RunSummary? {
            let ranked = runs.sorted { Self.ranksBelow($0.best, $1.best) }
            return ranked.isEmpty ? nil : ranked[(ranked.count - 1) / 2]
        }
        /// Runs that found at least one feasible design.
        public var feasibleRuns: Int { runs.filter { $0.bestSoFar.last.flatMap { $0 } != nil }.count }

        private static func ranksBelow(_ a: Evaluation?, _ b: Evaluation?) -> Bool {
            guard let b else { return false }
            guard let a else { return true }
            return a.rank < b.rank
        }
        /// Pareto objectives with a hypervolume reference: the median over seeds of the front's hypervolume.
        public var medianHypervolume: Double? { median(runs.compactMap(\.hypervolume)) }
        public var targetSuccessRate: Double { Double(runs.filter { $0.targetMetAt != nil }.count) / Double(max(runs.count, 1)) }
        public var evaluationsPerSecond: Double {
            let seconds = runs.map(\.wallSeconds).reduce(0, +)
            return seconds > 0 ? Double(runs.map(\.evaluations).reduce(0, +)) / seconds : 0
        }
    }

    /// Runs every agent on every seed; `progress` is told after every batch of evaluations of any
    /// run (runs done so far, evaluations so far across runs, elapsed seconds).
    public func run(store: ResultsStore?, progress: (@Sendable (SweepProgress) -> Void)? = nil) async throws -> [Row] {
        let plan = agents.flatMap { agent in seeds.map { (agent, $0) } }
        var summaries = [RunSummary?](repeating: nil, count: plan.count)
        let tally = ProgressTally(runsTotal: plan.count, evaluationsPlanned: plan.count * base.options.budget)
        try await withThrowingTaskGroup(of: (Int, RunSummary).self) { group in
            var next = 0
            func submit() {
                let index = next
                var experiment = base
                experiment.agent = plan[index].0
                experiment.agentOverrides = agentOverrides[plan[index].0] ?? base.agentOverrides
                experiment.options.seed = plan[index].1
                experiment.options.maxConcurrency = 1
                group.addTask {
                    let seen = Mutex(0)
                    let summary = try await experiment.run(store: store, progress: { run in
                        let added = seen.withLock { last in defer { last = run.evaluations }; return run.evaluations - last }
                        progress?(tally.add(evaluations: added))
                    })
                    return (index, summary)
                }
                next += 1
            }
            while next < min(jobs, plan.count) { submit() }
            while let (index, summary) = try await group.next() {
                summaries[index] = summary
                progress?(tally.finishRun())
                if next < plan.count { submit() }
            }
        }
        return agents.enumerated().map { offset, agent in
            Row(agent: agent, runs: (0..<seeds.count).map { summaries[offset * seeds.count + $0]! })
        }
    }
}
