import GymCore

/// Hyperparameters of ``NSGA2Agent``. ArchGym has no native NSGA-II agent; the defaults are those of
/// Deb et al., "A fast and elitist multiobjective genetic algorithm: NSGA-II" (2002) — crossover
/// probability 0.9, per-gene mutation probability 1/(number of parameters), binary tournaments — with a
/// smaller population suited to DSE budgets of a few hundred evaluations.
public struct NSGA2Hyperparameters: Hyperparameters, Equatable {
    /// Individuals per generation (Deb et al. use 100; default 40 here for DSE budgets). Integer ≥ 4.
    public var populationSize: Int = 40
    /// Probability that two parents are crossed over (uniform crossover) rather than copied (Deb: 0.9). In [0, 1].
    public var crossoverRate: Double = 0.9
    /// Per-gene mutation probability; 0 means 1/(number of parameters), Deb's choice. In [0, 1].
    public var mutationRate: Double = 0
    /// Mutation step of an ordered gene as a fraction of its range (Gaussian σ, at least one level). In (0, 1].
    public var stepSize: Double = 0.1
    /// Objectives when the run's objective is not a Pareto goal: comma-separated metric names, each
    /// minimized unless written `name:max` (e.g. `loss,cost`). Empty: the run's Pareto terms, or else the
    /// scalar reward alone (NSGA-II then behaves as an elitist GA).
    public var metrics: String = ""

    public init() {}

    public func validate(agent: String) throws {
        try require((4...100_000).contains(populationSize), agent: agent, field: "populationSize", value: populationSize, allowed: "an integer in 4...100000")
        try require((0...1).contains(crossoverRate), agent: agent, field: "crossoverRate", value: crossoverRate, allowed: "a number in [0, 1]")
        try require((0...1).contains(mutationRate), agent: agent, field: "mutationRate", value: mutationRate, allowed: "a number in [0, 1]")
        try require(stepSize > 0 && stepSize <= 1, agent: agent, field: "stepSize", value: stepSize, allowed: "a number in (0, 1]")
        for item in metrics.split(separator: ",") {
            let parts = item.split(separator: ":")
            try require(parts.count <= 2 && (parts.count == 1 || ["min", "max"].contains(parts[1])), agent: agent, field: "metrics",
                        value: metrics, allowed: "comma-separated metric names, each optionally :min or :max")
        }
    }

    /// The objective terms named by ``metrics`` (empty when it is empty).
    public var metricTerms: [Objective.Term] {
        metrics.split(separator: ",").map { item in
            let parts = item.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            return Objective.Term(metric: parts[0], direction: parts.count > 1 && parts[1] == "max" ? .maximize : .minimize)
        }
    }
}

import Foundation
