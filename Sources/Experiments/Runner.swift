import Foundation
import GymCore
import Results
import Wire

/// Options of one search run.
public struct RunOptions: Sendable, Hashable {
    /// Maximum number of evaluations.
    public var budget: Int = 100
    /// Designs asked of the agent (and evaluated in parallel) per round.
    public var batchSize: Int = 1
    /// Seed of the run: the agent's and the environment's random streams derive from it.
    public var seed: UInt64 = 0
    /// Most evaluations of a batch run at once (1 = serial). Results do not depend on it.
    public var maxConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Stop as soon as an evaluation meets the objective's targets.
    public var stopAtTarget: Bool = true
    /// The sweep the run belongs to, recorded in the results store.
    public var sweepID: String?
    /// The run's identity within its sweep (see ``Sweep``).
    public var runKey: String?
    /// Wall-time limit of the run in seconds, checked after every batch (`nil`: none).
    public var timeoutSeconds: Double?
    /// For a Pareto objective: the reference point (metric name → worst counted value, in the metric's
    /// unit) the summary's hypervolume is measured against. Empty: no hypervolume.
    public var hypervolumeReference: [String: Double] = [:]
    /// A remote run stops as `failed` once this many requests in a row got no answer within the
    /// client's timeout (a dead server), instead of recording infeasible steps to the end of the budget.
    public var maxUnansweredRequests: Int = 3

    public init(budget: Int = 100, batchSize: Int = 1, seed: UInt64 = 0, maxConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                stopAtTarget: Bool = true, sweepID: String? = nil, runKey: String? = nil, timeoutSeconds: Double? = nil)
    {
        self.runKey = runKey
        self.timeoutSeconds = timeoutSeconds
        self.budget = budget
        self.batchSize = batchSize
        self.seed = seed
        self.maxConcurrency = maxConcurrency
        self.stopAtTarget = stopAtTarget
        self.sweepID = sweepID
    }
}

/// Progress of a run, reported after every batch.
public struct RunProgress: Sendable {
    public var evaluations: Int
    public var budget: Int
    public var best: Evaluation?
    /// Wall time since the run started, in seconds.
    public var elapsedSeconds: Double
}

/// The outcome of a run.
public struct RunSummary: Sendable {
    /// The run's id in the results store, when one was given.
    public var runID: Int?
    public var status: RunStatus
    /// The best evaluation under ``EvaluationRank`` (feasible first, then smaller violation, then larger
    /// reward; unbuildable last).
    public var best: Evaluation?
    /// Best feasible reward after each evaluation (`nil` until the first feasible one).
    public var bestSoFar: [Double?]
    /// Index of the first evaluation that met the objective's targets, if any.
    public var targetMetAt: Int?
    /// Wall time of the whole run, in seconds.
    public var wallSeconds: Double
    /// For a Pareto objective: the non-dominated feasible evaluations (empty otherwise).
    public var paretoFront: [Evaluation] = []
    /// For a Pareto objective with ``RunOptions/hypervolumeReference``: the front's hypervolume.
    public var hypervolume: Double?
    /// For an agent that screens on its own proxy (``ScreeningAgent``, e.g. `mf`): the designs it scored
    /// there. Every one of ``evaluations`` is real either way.
    public var proxyScreens: Int?
    public var evaluations: Int { bestSoFar.count }
    public var evaluationsPerSecond: Double { wallSeconds > 0 ? Double(evaluations) / wallSeconds : 0 }
}

/// Drives an agent against an environment: ask a batch, evaluate it (in parallel), record it, tell the
/// agent, until the budget is spent, the target is met or the agent is exhausted.
///
/// Reproducibility: the agent and the environment are seeded from `options.seed`, and evaluations
/// keep the order of the agent's proposals, so the same seed gives the same designs and results
/// whatever `maxConcurrency` is. Each batch is committed to the store before the agent sees it.
///
/// ```swift
/// let summary = try await Runner(options: RunOptions(budget: 200, seed: 1))
///     .run(environment: environment, agent: &agent, store: store, specification: spec)
/// ```
public struct Runner: Sendable {
    public var options: RunOptions

    public init(options: RunOptions) { self.options = options }

    /// The seeds an agent and an environment get for a run seed (independent streams).
    public static func componentSeeds(for seed: UInt64) -> (agent: UInt64, environment: UInt64) {
        var root = SeededGenerator(seed: seed)
        var agent = root.split(label: "agent")
        var environment = root.split(label: "environment")
        return (agent.next(), environment.next())
    }

    public func run(environment: any Environment, agent: inout any SearchAgent, store: ResultsStore? = nil,
                    specification: RunSpecification? = nil,
                    progress: (@Sendable (RunProgress) -> Void)? = nil) async throws -> RunSummary
    {
        var environment = environment
        environment.reset(seed: Self.componentSeeds(for: options.seed).environment)
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double { (clock.now - start).seconds }
        let runID = try specification.flatMap { specification in try store?.beginRun(specification) }

        var best: Evaluation?
        var bestSoFar: [Double?] = []
        var bestFeasibleReward: Double?
        var targetMetAt: Int?
        var status = RunStatus.finished
        var statusDetail: String?
        var pareto = ParetoTracker(objective: environment.objective)
        do {
            while bestSoFar.count < options.budget {
                if agent.isExhausted { status = .exhausted; break }
                let designs = agent.ask(count: min(options.batchSize, options.budget - bestSoFar.count))
                if designs.isEmpty { status = .exhausted; break }
                let evaluations: [Evaluation]
                if let remote = environment as? RemoteEnvironment {
                    evaluations = try await remote.evaluateRemotely(batch: designs)  // one round trip, off the pool
                } else {
                    evaluations = try await environment.evaluate(batch: designs, maxConcurrency: options.maxConcurrency)
                }
                var rows: [(index: Int, evaluation: Evaluation, bestSoFar: Double?)] = []
                for evaluation in evaluations {
                    if evaluation.feasible, let reward = evaluation.reward, reward > (bestFeasibleReward ?? -.infinity) {
                        bestFeasibleReward = reward
                    }
                    if evaluation.isBetter(than: best) { best = evaluation }
                    pareto.add(evaluation)
                    if targetMetAt == nil, evaluation.feasible, environment.objective.isMet(by: evaluation.metrics) {
                        targetMetAt = bestSoFar.count
                    }
                    rows.append((bestSoFar.count, evaluation, bestFeasibleReward))
                    bestSoFar.append(bestFeasibleReward)
                }
                if let runID { try store?.record(runID: runID, rows) }
                agent.tell(evaluations)
                progress?(RunProgress(evaluations: bestSoFar.count, budget: options.budget, best: best, elapsedSeconds: elapsed()))
                if options.stopAtTarget, targetMetAt != nil { status = .targetMet; break }
                if let limit = options.timeoutSeconds, elapsed() > limit, bestSoFar.count < options.budget { status = .timedOut; break }
                if let remote = environment as? RemoteEnvironment, remote.consecutiveUnansweredRequests >= options.maxUnansweredRequests {
                    status = .failed
                    statusDetail = "the server at \(remote.endpoint) did not answer \(remote.consecutiveUnansweredRequests) requests in a row: "
                        + "stopped after \(bestSoFar.count) evaluations (\(evaluations.last?.reason ?? "no answer"))"
                    break
                }
            }
        } catch {
            if let runID { try? store?.finishRun(runID, status: .failed, detail: String(describing: error)) }
            throw error
        }
        if let runID { try store?.finishRun(runID, status: status, detail: statusDetail) }
        return RunSummary(runID: runID, status: status, best: best, bestSoFar: bestSoFar, targetMetAt: targetMetAt, wallSeconds: elapsed(),
                          paretoFront: pareto.front.map(\.evaluation),
                          hypervolume: options.hypervolumeReference.isEmpty ? nil : pareto.hypervolume(reference: options.hypervolumeReference))
    }
}
