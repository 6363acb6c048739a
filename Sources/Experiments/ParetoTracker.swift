import Agents
import GymCore

/// The Pareto front of a multi-objective run (an objective with a ``Objective/Goal/pareto(_:)`` goal):
/// the non-dominated feasible evaluations so far, and its hypervolume against a reference point.
///
/// The reference point is given per metric in the metric's own unit (the worst value that still
/// counts, e.g. `loss=2, cost=300`); the hypervolume is measured in the terms' normalized units (each
/// metric divided by its term's `reference`).
///
/// ```swift
/// var tracker = ParetoTracker(objective: objective)
/// tracker.add(evaluation)
/// tracker.hypervolume(reference: ["loss": 2, "cost": 300])
/// ```
public struct ParetoTracker: Sendable {
    public let terms: [Objective.Term]
    /// Non-dominated feasible evaluations with their vectors (larger is better), in the order found.
    public private(set) var front: [(vector: [Double], evaluation: Evaluation)] = []

    public init(objective: Objective) {
        self.terms = objective.paretoTerms
    }

    /// Adds an evaluation if it is feasible, has every metric, and no front member dominates or equals it.
    public mutating func add(_ evaluation: Evaluation) {
        guard evaluation.feasible, !terms.isEmpty else { return }
        var vector: [Double] = []
        for term in terms {
            guard let value = evaluation.metrics[term.metric] else { return }
            vector.append(term.normalized(value))
        }
        if front.contains(where: { Pareto.dominates($0.vector, vector) || $0.vector == vector }) { return }
        front.removeAll { Pareto.dominates(vector, $0.vector) }
        front.append((vector, evaluation))
    }

    /// The hypervolume of the front against `reference` (one value per Pareto metric, in its unit), or
    /// `nil` when a metric has no reference value.
    public func hypervolume(reference: [String: Double]) -> Double? {
        var bound: [Double] = []
        for term in terms {
            guard let value = reference[term.metric] else { return nil }
            bound.append(-term.normalized(value))
        }
        return Agents.hypervolume(points: front.map { $0.vector.map { -$0 } }, reference: bound)
    }
}
