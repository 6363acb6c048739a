import GymCore

/// Hyperparameters of ``BayesianAgent``.
///
/// ArchGym's BO (`sims/DRAM/train_bo_DRAMSys.py`) runs scikit-optimize's `BayesSearchCV` with `num_iter` 16
/// and `random_state` 2; skopt's defaults behind it are a Matérn-5/2 ARD GP, 10 random initial points,
/// ξ = 0.01 and κ = 1.96, which are the defaults here. ArchGym's `num_iter` is the whole evaluation budget;
/// in DSEGym the run's `--budget` plays that role, so the agent has no cap of its own. The sweep grid
/// (`configs/algos/bo_config.py`) is `agents/presets/bo.json`.
public struct BayesianHyperparameters: Hyperparameters, Equatable {
    /// Covariance function: `matern52` (skopt's default) or `rbf`.
    public var kernel: String = "matern52"
    /// Acquisition function: `ei` (expected improvement), `pi` (probability of improvement) or `ucb`
    /// (upper confidence bound). Default `ei` (skopt's default `gp_hedge` mixes all three).
    public var acquisition: String = "ei"
    /// ξ of EI and PI: the improvement required, in standardized reward units (skopt default 0.01). ≥ 0.
    public var xi: Double = 0.01
    /// κ of UCB: standard deviations of optimism (skopt default 1.96). ≥ 0.
    public var kappa: Double = 1.96
    /// Evaluations from the initial design before the model proposes (skopt `n_initial_points` 10). ≥ 1.
    public var initialPoints: Int = 10
    /// Initial design: `random` (skopt's default) or `lhs` (Latin hypercube over the parameters' levels).
    public var initialDesign: String = "random"
    /// Kernel hyperparameters are refitted every this many new observations; in between, the GP grows
    /// its Cholesky factor in O(n²) per observation (ours; default 10). ≥ 1.
    public var refitEvery: Int = 10
    /// Nelder–Mead starts per refit (the previous optimum plus random points; default 3). ≥ 1.
    public var restarts: Int = 3
    /// Likelihood evaluations per Nelder–Mead start (default 150). ≥ 10.
    public var fitEvaluations: Int = 150
    /// At most this many observations (the best half and a random rest) are used to fit the kernel;
    /// the posterior always uses all of them (default 96). ≥ 8.
    public var fitSubset: Int = 96
    /// Random candidates scored per proposal before local search (default 512; skopt samples 10,000
    /// with numpy). ≥ 1.
    public var candidates: Int = 512
    /// Best candidates improved by greedy local search over neighbouring levels (default 4). ≥ 0.
    public var localStarts: Int = 4
    /// Batch proposals: `believer` (Kriging believer: pretend each proposal returned the posterior mean)
    /// or `liar` (constant liar: pretend it returned the worst reward so far).
    public var batchStrategy: String = "believer"
    /// What the GP models: `rank` (default: the rewards' normal scores, Φ⁻¹((rank + ½)/n), so a few
    /// designs orders of magnitude worse than the rest, common with cycle counts, do not flatten the
    /// model; the order of designs, hence the optimum, is unchanged) or `reward` (the rewards as they
    /// are, as skopt does).
    public var targetWarp: String = "rank"

    public init() {}

    public func validate(agent: String) throws {
        try require(["matern52", "rbf"].contains(kernel), agent: agent, field: "kernel", value: kernel, allowed: "matern52, rbf")
        try require(["ei", "pi", "ucb"].contains(acquisition), agent: agent, field: "acquisition", value: acquisition, allowed: "ei, pi, ucb")
        try require(xi >= 0, agent: agent, field: "xi", value: xi, allowed: "a number >= 0")
        try require(kappa >= 0, agent: agent, field: "kappa", value: kappa, allowed: "a number >= 0")
        try require((1...100_000).contains(initialPoints), agent: agent, field: "initialPoints", value: initialPoints, allowed: "an integer in 1...100000")
        try require(["random", "lhs"].contains(initialDesign), agent: agent, field: "initialDesign", value: initialDesign, allowed: "random, lhs")
        try require(refitEvery >= 1, agent: agent, field: "refitEvery", value: refitEvery, allowed: "an integer >= 1")
        try require((1...1000).contains(restarts), agent: agent, field: "restarts", value: restarts, allowed: "an integer in 1...1000")
        try require((10...100_000).contains(fitEvaluations), agent: agent, field: "fitEvaluations", value: fitEvaluations, allowed: "an integer in 10...100000")
        try require((8...10_000).contains(fitSubset), agent: agent, field: "fitSubset", value: fitSubset, allowed: "an integer in 8...10000")
        try require((1...100_000).contains(candidates), agent: agent, field: "candidates", value: candidates, allowed: "an integer in 1...100000")
        try require((0...1000).contains(localStarts), agent: agent, field: "localStarts", value: localStarts, allowed: "an integer in 0...1000")
        try require(["believer", "liar"].contains(batchStrategy), agent: agent, field: "batchStrategy", value: batchStrategy, allowed: "believer, liar")
        try require(["rank", "reward"].contains(targetWarp), agent: agent, field: "targetWarp", value: targetWarp, allowed: "rank, reward")
    }
}
