/// An objective's reward contract as data, for `dsegym describe ENV --json` and the wire's `make`
/// reply: the formula with its references, the bands rewards fall in, and the objective itself.
/// The contract is documented in docs/objectives.md ("Reward contract").
///
/// ```json
/// {"formula": "-soft(total_cycles / 2083612)", "references": {"total_cycles": 2083612},
///  "feasible": [-1, 1], "infeasible": [-3, -2], "unbuildable": -4, "contract": "docs/objectives.md#reward-contract"}
/// ```
public struct RewardDescription: Sendable, Hashable, Codable {
    /// The reward of a feasible design in words, e.g. `-soft(total_cycles / 2083612)`.
    public var formula: String
    /// Each goal term's reference value (in the metric's unit): what the metric is divided by.
    public var references: [String: Double]
    /// Feasible rewards lie in [feasible[0], feasible[1]] = [−W, W].
    public var feasible: [Double]
    /// Rewards of designs that violate constraints lie in [infeasible[0], infeasible[1]] = [−W−2, −W−1].
    public var infeasible: [Double]
    /// The reward of a design the simulator could not build: −W − 3.
    public var unbuildable: Double
    /// Where the contract is documented.
    public var contract: String
    /// The objective (goal, terms with references, constraints) as stored with runs.
    public var objective: Objective

    public init(_ objective: Objective) {
        let bound = objective.weightBound
        formula = objective.rewardFormula
        var references: [String: Double] = [:]
        switch objective.goal {
        case .targets(let targets): for target in targets { references[target.metric] = abs(target.value) }
        case .weightedSum(let terms), .pareto(let terms): for term in terms { references[term.metric] = term.reference ?? 1 }
        }
        self.references = references
        feasible = [-bound, bound]
        infeasible = [-bound - 2, -bound - 1]
        unbuildable = objective.unbuildableReward
        contract = "docs/objectives.md#reward-contract"
        self.objective = objective
    }
}
