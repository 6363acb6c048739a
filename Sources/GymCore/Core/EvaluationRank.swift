/// The one ordering of evaluations that every agent, run summary, comparison, leaderboard and report
/// uses to say which design is better (Deb's feasibility rules):
///
/// 1. a feasible evaluation beats every infeasible one, and among feasible ones the larger reward wins;
/// 2. an infeasible evaluation with metrics (it violates constraints) beats every unbuildable one, and
///    among them the smaller ``Evaluation/violation`` wins (then the larger reward);
/// 3. an unbuildable evaluation (the simulator could not build the design: no metrics) ranks last.
///
/// A missing reward counts as the lowest. Comparable: `a.rank > b.rank` means `a` is better.
///
/// ```swift
/// let best = evaluations.max { $0.rank < $1.rank }
/// ```
public struct EvaluationRank: Sendable, Hashable, Comparable {
    /// The three bands of the ordering, worst first.
    public enum Tier: Int, Sendable, Hashable, Comparable {
        case unbuildable = 0, violatesConstraints = 1, feasible = 2
        public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let tier: Tier
    /// The evaluation's violation (0 for feasible and unbuildable evaluations).
    public let violation: Double
    /// The evaluation's reward (−∞ when it has none).
    public let reward: Double

    public init(_ evaluation: Evaluation) {
        tier = evaluation.feasible ? .feasible : evaluation.violation > 0 ? .violatesConstraints : .unbuildable
        violation = evaluation.feasible ? 0 : evaluation.violation
        reward = evaluation.reward ?? -.infinity
    }

    public static func < (lhs: EvaluationRank, rhs: EvaluationRank) -> Bool {
        if lhs.tier != rhs.tier { return lhs.tier < rhs.tier }
        if lhs.violation != rhs.violation { return lhs.violation > rhs.violation }
        return lhs.reward < rhs.reward
    }
}
