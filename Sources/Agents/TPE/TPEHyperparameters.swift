import GymCore

/// Hyperparameters of ``TPEAgent``.
///
/// Defaults follow the tree-structured Parzen estimator as Optuna's `TPESampler` ships it
/// (`n_startup_trials` 10, `n_ei_candidates` 24, γ(n) = min(⌈0.1·n⌉, 25), `prior_weight` 1,
/// `consider_magic_clip`, older observations weighted down, multivariate and constant liar on — the
/// defaults of Optuna 5 for one objective); ``avoidRepeats`` is ours (Optuna may repeat a design).
public struct TPEHyperparameters: Hyperparameters, Equatable {
    /// Uniformly random designs proposed before the estimators take over (Optuna `n_startup_trials`,
    /// default 10). Integer ≥ 0.
    public var startupTrials: Int = 10
    /// Candidates drawn from the good group's estimator per proposal; the one with the largest density
    /// ratio l(x)/g(x) is proposed (Optuna `n_ei_candidates`, default 24). Integer in 1…10,000.
    public var candidates: Int = 24
    /// Fraction of the observations in the good group: ⌈gamma·n⌉, at most ``gammaCap`` (default 0.1).
    /// In (0, 1].
    public var gamma: Double = 0.1
    /// Largest good group (default 25). Integer ≥ 1.
    public var gammaCap: Int = 25
    /// Weight of the prior component (uniform over the space) in each mixture, against 1 per
    /// observation (Optuna `prior_weight`, default 1). A number in (0, 100].
    public var priorWeight: Double = 1
    /// `true` (default, as Optuna ≥ 4 for one objective): one joint mixture over all parameters, each
    /// kernel a product over parameters, so interactions are kept (Optuna `multivariate=True`).
    /// `false`: one estimator per parameter, each proposing its own best value (Optuna before 4).
    public var multivariate: Bool = true
    /// Clips kernel widths from below at range/min(100, 1 + kernels) so early kernels are not needle-thin
    /// (Optuna `consider_magic_clip`, default true).
    public var magicClip: Bool = true
    /// Weights observations by age: with more than 25 in a group, older ones weigh linearly less, from
    /// 1/n up to 1 for the newest 25 (Optuna's `default_weights`, default true); `false`: equal weights.
    public var weightRamp: Bool = true
    /// Designs proposed but not yet told count as bad observations, so a batch spreads out
    /// (Optuna `constant_liar`, default true).
    public var constantLiar: Bool = true
    /// Prefers a candidate that was not proposed before: the best-scoring new candidate is taken, and a
    /// repeat only when every candidate repeats (default true; ours).
    public var avoidRepeats: Bool = true

    public init() {}

    public func validate(agent: String) throws {
        try require(startupTrials >= 0, agent: agent, field: "startupTrials", value: startupTrials, allowed: "an integer >= 0")
        try require((1...10_000).contains(candidates), agent: agent, field: "candidates", value: candidates, allowed: "an integer in 1...10000")
        try require(gamma > 0 && gamma <= 1, agent: agent, field: "gamma", value: gamma, allowed: "a number in (0, 1]")
        try require(gammaCap >= 1, agent: agent, field: "gammaCap", value: gammaCap, allowed: "an integer >= 1")
        try require(priorWeight > 0 && priorWeight <= 100, agent: agent, field: "priorWeight", value: priorWeight, allowed: "a number in (0, 100]")
    }
}
