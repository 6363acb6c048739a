import GymCore

/// Hyperparameters of ``CMAESAgent``.
///
/// The strategy constants (recombination weights, learning rates, damping) are Hansen's defaults for
/// the dimension and population (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016, table 1);
/// what is left to choose is here.
public struct CMAESHyperparameters: Hyperparameters, Equatable {
    /// Initial step size σ₀ on the normalized encoding (every parameter spans [0, 1]); default 0.25
    /// (Optuna uses range/6 ≈ 0.17). A number in (0, 1].
    public var sigma0: Double = 0.25
    /// Designs per generation λ; 0 means Hansen's default 4 + ⌊3 ln n⌋ for n parameters (at least 4).
    /// Integer 0 or ≥ 4.
    public var populationSize: Int = 0
    /// Restart strategy when a run stalls or its step size collapses: `ipop` (default: restart from a
    /// random mean with the population multiplied by ``populationGrowth``; Auger & Hansen 2005) or
    /// `none` (never restart).
    public var restarts: String = "ipop"
    /// Factor by which IPOP multiplies λ at each restart (default 2). A number in [1, 10].
    public var populationGrowth: Double = 2
    /// Margin α of discrete coordinates (integer, ordinal, categorical): the sampling width of such a
    /// coordinate is kept large enough that a sample leaves the mean's level toward its nearer
    /// neighbour with probability at least α, so discrete coordinates never freeze (CMA-ES with
    /// margin, Hamano et al. 2022). 0 means 1/(n·λ). A number in [0, 0.5).
    public var margin: Double = 0
    /// Generations without improving the restart's best design before IPOP restarts; 0 means
    /// 10 + ⌈30·n/λ⌉ (Hansen's stagnation criterion). Integer ≥ 0.
    public var stallGenerations: Int = 0
    /// A sample whose design was already evaluated takes that evaluation's rank instead of being
    /// proposed again (the environments are deterministic per seed), so a converging run spends no
    /// budget on repeats (default true; ours).
    public var reuseEvaluations: Bool = true

    public init() {}

    public func validate(agent: String) throws {
        try require(sigma0 > 0 && sigma0 <= 1, agent: agent, field: "sigma0", value: sigma0, allowed: "a number in (0, 1]")
        try require(populationSize == 0 || populationSize >= 4, agent: agent, field: "populationSize", value: populationSize, allowed: "0 (Hansen's default) or an integer >= 4")
        try require(["ipop", "none"].contains(restarts), agent: agent, field: "restarts", value: restarts, allowed: "ipop, none")
        try require((1...10).contains(populationGrowth), agent: agent, field: "populationGrowth", value: populationGrowth, allowed: "a number in [1, 10]")
        try require(margin >= 0 && margin < 0.5, agent: agent, field: "margin", value: margin, allowed: "a number in [0, 0.5)")
        try require(stallGenerations >= 0, agent: agent, field: "stallGenerations", value: stallGenerations, allowed: "an integer >= 0")
    }
}
