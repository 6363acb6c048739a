import GymCore

/// Hyperparameters of ``GeneticAgent``.
///
/// Defaults follow ArchGym's GA scripts (`sims/*/train_ga_*.py`: `num_agents` 32, `num_iter` 100,
/// `prob_mutation` 0.1, run through scikit-opt's `GA`, whose selection is a size-3 tournament). Its sweep
/// grid (`configs/algos/ga_config.py`) is `agents/presets/ga.json`.
public struct GeneticHyperparameters: Hyperparameters, Equatable {
    /// Individuals per generation (ArchGym `num_agents`, default 32; sweep 2…64). Integer ≥ 2.
    public var populationSize: Int = 32
    /// Generations before the agent is exhausted (ArchGym `num_iter`, default 100; sweep 8…64);
    /// 0 means no limit (the run's budget decides). Integer ≥ 0.
    public var generations: Int = 100
    /// Probability that each gene of a child mutates (ArchGym `prob_mutation`, default 0.1;
    /// sweep 0.001…0.05). In [0, 1].
    public var mutationRate: Double = 0.1
    /// Mutation step of an ordered gene as a fraction of its range (Gaussian σ; at least one level).
    /// In (0, 1]; default 0.1 (ours; scikit-opt flips bits instead).
    public var stepSize: Double = 0.1
    /// Parent selection: `tournament` (best of ``tournamentSize`` drawn at random, scikit-opt's default)
    /// or `roulette` (fitness-proportional on linear ranks, so negative rewards work).
    public var selection: String = "tournament"
    /// Individuals per tournament (scikit-opt's `tourn_size`, default 3). Integer ≥ 1.
    public var tournamentSize: Int = 3
    /// Crossover operator: `uniform` (each gene from either parent) or `onePoint` (a prefix from one
    /// parent, the rest from the other). Default `uniform` (ours; scikit-opt uses two-point on bits).
    public var crossover: String = "uniform"
    /// Probability that a pair of parents is crossed over rather than copied. In [0, 1]; default 0.9.
    public var crossoverRate: Double = 0.9
    /// Best individuals carried into the next generation's parent pool without re-evaluation
    /// (elitism). Integer in 0…populationSize; default 2 (ours; scikit-opt keeps none).
    public var eliteCount: Int = 2

    public init() {}

    public func validate(agent: String) throws {
        try require((2...100_000).contains(populationSize), agent: agent, field: "populationSize", value: populationSize, allowed: "an integer in 2...100000")
        try require(generations >= 0, agent: agent, field: "generations", value: generations, allowed: "an integer >= 0")
        try require((0...1).contains(mutationRate), agent: agent, field: "mutationRate", value: mutationRate, allowed: "a number in [0, 1]")
        try require(stepSize > 0 && stepSize <= 1, agent: agent, field: "stepSize", value: stepSize, allowed: "a number in (0, 1]")
        try require(["tournament", "roulette"].contains(selection), agent: agent, field: "selection", value: selection, allowed: "tournament, roulette")
        try require((1...100_000).contains(tournamentSize), agent: agent, field: "tournamentSize", value: tournamentSize, allowed: "an integer in 1...100000")
        try require(["uniform", "onePoint"].contains(crossover), agent: agent, field: "crossover", value: crossover, allowed: "uniform, onePoint")
        try require((0...1).contains(crossoverRate), agent: agent, field: "crossoverRate", value: crossoverRate, allowed: "a number in [0, 1]")
        try require((0...populationSize).contains(eliteCount), agent: agent, field: "eliteCount", value: eliteCount, allowed: "an integer in 0...populationSize")
    }
}
