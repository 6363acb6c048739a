import GymCore

/// Hyperparameters of ``MultiFidelityAgent`` (defaults documented per field).
public struct MultiFidelityHyperparameters: Hyperparameters, Equatable {
    /// Real evaluations of random designs before the proxy proposes (default 10). ≥ 2.
    public var initialPoints: Int = 10
    /// Random designs screened on the proxy per proposal round, besides the neighbours of the best
    /// real designs (default 2000). ≥ 1.
    public var candidates: Int = 2000
    /// Best real designs whose neighbours are screened, and best screened designs improved by greedy
    /// local search on the proxy (default 5). ≥ 0.
    public var localStarts: Int = 5
    /// Trees of each metric's forest (default 64). ≥ 2.
    public var trees: Int = 64
    /// Fraction of the features tried at each split (default 0.5). In (0, 1].
    public var featureFraction: Double = 0.5
    /// How screened designs are ranked: `ei` (expected improvement of the reward over the best real one,
    /// from the forest's mean and tree spread, times the probability of feasibility), `ucb` (mean + κ ×
    /// spread, times the probability of feasibility) or `uncertainty` (the spread alone: pure exploration).
    public var acquisition: String = "ei"
    /// Trees learn the residuals of a linear trend of each metric, so the proxy extrapolates towards
    /// designs beyond those tried (default true).
    public var trend: Bool = true
    /// κ of `ucb`, in reward standard deviations (default 1). ≥ 0.
    public var kappa: Double = 1
    /// The proxy is refitted every this many new real evaluations (default 1). ≥ 1.
    public var refitEvery: Int = 1
    /// A saved proxy of the same space (`dsegym proxy fit -o FILE`), optional: the initial designs are
    /// then the best of `candidates` random designs screened on it instead of random ones (default "": none).
    public var proxy: String = ""

    public init() {}

    public func validate(agent: String) throws {
        try require(initialPoints >= 2, agent: agent, field: "initialPoints", value: initialPoints, allowed: "an integer >= 2")
        try require(candidates >= 1, agent: agent, field: "candidates", value: candidates, allowed: "an integer >= 1")
        try require(localStarts >= 0, agent: agent, field: "localStarts", value: localStarts, allowed: "an integer >= 0")
        try require(trees >= 2, agent: agent, field: "trees", value: trees, allowed: "an integer >= 2")
        try require(featureFraction > 0 && featureFraction <= 1, agent: agent, field: "featureFraction", value: featureFraction, allowed: "a number in (0, 1]")
        try require(["ei", "ucb", "uncertainty"].contains(acquisition), agent: agent, field: "acquisition", value: acquisition, allowed: "ei, ucb, uncertainty")
        try require(kappa >= 0, agent: agent, field: "kappa", value: kappa, allowed: "a number >= 0")
        try require(refitEvery >= 1, agent: agent, field: "refitEvery", value: refitEvery, allowed: "an integer >= 1")
    }
}
