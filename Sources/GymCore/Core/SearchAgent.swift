/// A black-box search agent driven by ask/tell.
///
/// Contract: the runner calls ``ask(count:)`` for up to `count` designs (fewer when the agent has
/// nothing more to propose; an empty array or ``isExhausted`` ends the run), evaluates them, then calls
/// ``tell(_:)`` with the evaluations in the same order. Agents always maximize
/// ``Evaluation/reward`` (the reward contract: finite, infeasible below feasible) and rank with
/// ``Evaluation/isBetter(than:)`` (``EvaluationRank``: feasible first, then smaller
/// ``Evaluation/violation``, then larger reward; unbuildable last), so they search toward
/// feasibility. Given the same seed and the same evaluations, an agent proposes the same designs.
///
/// ```swift
/// var agent = RandomWalkAgent(space: environment.parameterSpace, seed: 7)
/// let designs = agent.ask(count: 4)
/// agent.tell(try await environment.evaluate(batch: designs))
/// ```
public protocol SearchAgent {
    mutating func ask(count: Int) -> [Design]
    mutating func tell(_ evaluations: [Evaluation])
    /// True when the agent has proposed everything it ever will (e.g. a finished grid).
    var isExhausted: Bool { get }
}

extension SearchAgent {
    public var isExhausted: Bool { false }
}
