/// Which regressor a proxy learns each metric with.
///
/// - `forest`: a ``RandomForest`` (the default; its trees' spread is the uncertainty `mf` screens by);
/// - `boosted`: ``BoostedTrees``;
/// - `gp`: Gaussian-process regression (``GaussianProcessRegressor``) on features scaled to [0, 1].
public enum SurrogateKind: String, Sendable, Hashable, Codable, CaseIterable {
    case forest, boosted, gp

    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Everything that decides how a proxy is fitted (stored with the model).
///
/// ```swift
/// var settings = SurrogateSettings(kind: .forest)
/// settings.forest.trees = 200
/// ```
public struct SurrogateSettings: Sendable, Hashable, Codable {
    public var kind: SurrogateKind
    public var forest: RandomForest.Settings
    public var boosted: BoostedTrees.Settings
    /// Observations used to fit a GP's kernel (the posterior uses all of them).
    public var gpFitSubset: Int
    /// Log-sum and log-difference features of pairs of log-scaled parameters (``FeatureEncoder``).
    public var interactions: Bool
    public var seed: UInt64

    public init(kind: SurrogateKind = .forest, forest: RandomForest.Settings = .init(), boosted: BoostedTrees.Settings = .init(),
                gpFitSubset: Int = 200, interactions: Bool = true, seed: UInt64 = 1) {
        self.kind = kind
        self.forest = forest
        self.boosted = boosted
        self.gpFitSubset = gpFitSubset
        self.interactions = interactions
        self.seed = seed
    }
}
