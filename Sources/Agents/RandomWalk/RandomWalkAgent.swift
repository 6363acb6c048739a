import GymCore

/// Hyperparameters of ``RandomWalkAgent``.
public struct RandomWalkHyperparameters: Hyperparameters, Equatable {
    /// Probability that a proposal is a fresh uniform sample rather than a step from the best design
    /// so far. The default 1 is ArchGym's random walker: independent uniform samples.
    public var restartProbability: Double = 1
    /// The same probability while the best design so far violates constraints (none feasible yet):
    /// the other proposals step from that least-violating design, a walk toward feasibility.
    public var infeasibleRestartProbability: Double = 0.25
    /// When stepping, the probability that each parameter moves (to a neighbouring level for ordered
    /// parameters, another choice for categorical ones, a Gaussian step for continuous ones).
    public var mutationRate: Double = 0.3
    /// Standard deviation of a continuous step, as a fraction of the normalized range.
    public var stepSize: Double = 0.1

    public init() {}

    public func validate(agent: String) throws {
        try require((0...1).contains(restartProbability), agent: agent, field: "restartProbability", value: restartProbability, allowed: "a number in [0, 1]")
        try require((0...1).contains(infeasibleRestartProbability), agent: agent, field: "infeasibleRestartProbability",
                    value: infeasibleRestartProbability, allowed: "a number in [0, 1]")
        try require((0...1).contains(mutationRate), agent: agent, field: "mutationRate", value: mutationRate, allowed: "a number in [0, 1]")
        try require(stepSize > 0 && stepSize <= 1, agent: agent, field: "stepSize", value: stepSize, allowed: "a number in (0, 1]")
    }
}

/// Random search: uniform samples of the space (ArchGym's random walker), optionally mixed with local
/// steps from the best design seen so far (a (1+λ)-style random walk). "Best" is ``EvaluationRank``'s:
/// while no design is feasible it is the one with the smallest constraint violation, and proposals
/// step from it with probability 1 − `infeasibleRestartProbability` (Deb's rules: search toward
/// feasibility); once one is feasible, `restartProbability` applies.
///
/// ```swift
/// var agent = RandomWalkAgent(space: environment.parameterSpace, seed: 1)
/// let designs = agent.ask(count: 8)
/// ```
public struct RandomWalkAgent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: RandomWalkHyperparameters
    private var generator: SeededGenerator
    private var best: Evaluation?

    public init(space: ParameterSpace, hyperparameters: RandomWalkHyperparameters = .init(), seed: UInt64) {
        self.space = space
        self.hyperparameters = hyperparameters
        self.generator = SeededGenerator(seed: seed)
    }

    public mutating func ask(count: Int) -> [Design] {
        (0..<count).map { _ in
            let restart = best.map { !$0.feasible && $0.isBuildable } == true
                ? hyperparameters.infeasibleRestartProbability : hyperparameters.restartProbability
            if let best, Double.random(in: 0..<1, using: &generator) >= restart {
                return neighbour(of: best.design)
            }
            return space.randomDesign(using: &generator)
        }
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        for evaluation in evaluations where evaluation.isBetter(than: best) { best = evaluation }
    }

    private mutating func neighbour(of design: Design) -> Design {
        var next = design
        var moved = false
        for (index, parameter) in space.parameters.enumerated() {
            let isLast = index == space.parameters.count - 1
            guard Double.random(in: 0..<1, using: &generator) < hyperparameters.mutationRate || (isLast && !moved) else { continue }
            moved = true
            let value = design[parameter.name]!
            switch parameter.kind {
            case .categorical(let choices) where choices.count > 1:
                let others = choices.filter { ParameterValue.choice($0) != value }
                next[parameter.name] = .choice(others[Int.random(in: 0..<others.count, using: &generator)])
            case .categorical:
                break
            case .continuous:
                let position = parameter.normalize(value) + hyperparameters.stepSize * generator.nextGaussian()
                next[parameter.name] = parameter.denormalize(position)
            case .integer, .ordinal:
                let count = parameter.cardinality!
                let index = Int((parameter.normalize(value) * Double(count - 1)).rounded())
                let step = Bool.random(using: &generator) ? 1 : -1
                let target = (0..<count).contains(index + step) ? index + step : index - step
                if (0..<count).contains(target) { next[parameter.name] = parameter.levels()[target] }
            }
        }
        return next
    }
}
