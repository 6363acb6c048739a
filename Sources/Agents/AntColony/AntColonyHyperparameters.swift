import GymCore

/// Hyperparameters of ``AntColonyAgent``.
///
/// Defaults follow ArchGym's ACO scripts (`sims/DRAM/train_aco_DRAMSys.py`, which drive DeepSwarm's ant
/// colony system): `ant_count` 16, `evaporation` 0.1, `greediness` 0.5, `depth` 4. Its sweep grid
/// (`configs/algos/aco_config.py`) is `agents/presets/aco.json`.
public struct AntColonyHyperparameters: Hyperparameters, Equatable {
    /// Ants per colony iteration; pheromone is reinforced once per `antCount` evaluations
    /// (ArchGym `ant_count`, default 16; sweep 2…64). Integer ≥ 1.
    public var antCount: Int = 16
    /// Evaporation rate ρ of both pheromone updates (ArchGym `evaporation`, default 0.1; sweep 0.1…1).
    /// In (0, 1].
    public var evaporation: Double = 0.1
    /// Probability that an ant takes the level with the most pheromone instead of sampling levels in
    /// proportion to pheromone: exploitation vs exploration (ArchGym `greediness`, default 0.5;
    /// sweep 0…1). In [0, 1].
    public var greediness: Double = 0.5
    /// How many parameters an ant decides on its walk; the others are copied from the best design so
    /// far (ArchGym `depth`, default 4; sweep 2…16). With depth ≥ the number of parameters every
    /// walk builds a whole design. Integer ≥ 1.
    public var depth: Int = 4
    /// Initial pheromone τ₀ on every (parameter, level) edge, and the level local updates relax toward
    /// (dimensionless; default 1, ours: only ratios matter).
    public var initialPheromone: Double = 1
    /// Pheromone deposited on the best design's edges by each global update, as a multiple of τ₀
    /// (dimensionless; default 10, ours). Number > 0.
    public var deposit: Double = 10
    /// Levels a continuous parameter is divided into for pheromone (a value is drawn uniformly within the
    /// chosen level's cell). Integer ≥ 2; default 16 (ours).
    public var resolution: Int = 16

    public init() {}

    public func validate(agent: String) throws {
        try require((1...100_000).contains(antCount), agent: agent, field: "antCount", value: antCount, allowed: "an integer in 1...100000")
        try require(evaporation > 0 && evaporation <= 1, agent: agent, field: "evaporation", value: evaporation, allowed: "a number in (0, 1]")
        try require((0...1).contains(greediness), agent: agent, field: "greediness", value: greediness, allowed: "a number in [0, 1]")
        try require((1...1000).contains(depth), agent: agent, field: "depth", value: depth, allowed: "an integer in 1...1000")
        try require(initialPheromone > 0, agent: agent, field: "initialPheromone", value: initialPheromone, allowed: "a number > 0")
        try require(deposit > 0, agent: agent, field: "deposit", value: deposit, allowed: "a number > 0")
        try require((2...1024).contains(resolution), agent: agent, field: "resolution", value: resolution, allowed: "an integer in 2...1024")
    }
}
