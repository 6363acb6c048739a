import Foundation
import GymCore

/// What a run is, recorded when it starts: environment, workload, agent and hyperparameters,
/// objective, seed and budget. Everything needed to repeat it.
public struct RunSpecification: Sendable, Hashable, Codable {
    public var environment: String
    public var workload: String
    public var agent: String
    /// Resolved agent hyperparameters as compact JSON.
    public var hyperparametersJSON: String
    public var objective: Objective
    public var seed: UInt64
    /// Maximum number of evaluations.
    public var budget: Int
    public var batchSize: Int
    /// Parameter names in the space's order (the export's column order).
    public var parameterNames: [String]
    /// Metric names in the environment's order.
    public var metricNames: [String]
    /// The sweep this run belongs to, if any.
    public var sweepID: String?
    /// Identity of the run within its sweep (a hash of what it runs), used to resume sweeps.
    public var runKey: String?

    public init(environment: String, workload: String, agent: String, hyperparametersJSON: String, objective: Objective,
                seed: UInt64, budget: Int, batchSize: Int, parameterNames: [String], metricNames: [String], sweepID: String? = nil, runKey: String? = nil)
    {
        self.environment = environment
        self.workload = workload
        self.agent = agent
        self.hyperparametersJSON = hyperparametersJSON
        self.objective = objective
        self.seed = seed
        self.budget = budget
        self.batchSize = batchSize
        self.parameterNames = parameterNames
        self.metricNames = metricNames
        self.sweepID = sweepID
        self.runKey = runKey
    }
}

/// How a run ended (or that it has not).
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    /// Started and not yet ended by its process.
    case running
    /// Used its whole budget.
    case finished
    /// Stopped early because an evaluation met the objective's targets.
    case targetMet = "target_met"
    /// Stopped because the agent had nothing more to propose (e.g. a complete grid).
    case exhausted
    /// Its process died before ending it (found on the next open of the store).
    case interrupted
    /// Stopped because it exceeded its wall-time limit.
    case timedOut = "timeout"
    /// Ended by an error; `statusDetail` says which.
    case failed

    /// Whether the run ended normally (a resumed sweep keeps it rather than running it again).
    public var isComplete: Bool { [.finished, .targetMet, .exhausted, .timedOut].contains(self) }
}

/// A run as stored: its specification, timing, status and progress.
public struct RunRecord: Sendable, Hashable {
    public var id: Int
    public var specification: RunSpecification
    public var startedAt: Date
    public var endedAt: Date?
    public var status: RunStatus
    public var statusDetail: String?
    public var evaluationCount: Int
    public var bestReward: Double?
}

/// One stored evaluation of a run.
public struct EvaluationRecord: Sendable, Hashable {
    public var runID: Int
    /// 0-based position in the run's sequence of evaluations.
    public var index: Int
    public var evaluation: Evaluation
    /// Best reward among feasible evaluations up to and including this one (`nil` before any).
    public var bestSoFar: Double?
    /// When the evaluation was recorded.
    public var wallClock: Date
}
