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
    /// Trees learn the residuals of a linear trend (ridge regression on the features), so predictions
    /// extrapolate along it beyond the designs seen (forest and boosted; ignored by gp). Off by default:
    /// on random designs of `systolic` and `dram` it made held-out errors larger (docs/proxy.md); `mf`,
    /// which must extrapolate towards untried corners, turns it on.
    public var trend: Bool
    public var seed: UInt64

    public init(kind: SurrogateKind = .forest, forest: RandomForest.Settings = .init(), boosted: BoostedTrees.Settings = .init(),
                gpFitSubset: Int = 200, interactions: Bool = true, trend: Bool = false, seed: UInt64 = 1) {
        self.kind = kind
        self.forest = forest
        self.boosted = boosted
        self.gpFitSubset = gpFitSubset
        self.interactions = interactions
        self.trend = trend
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey { case kind, forest, boosted, gpFitSubset, interactions, trend, seed }

    /// Reads settings; `trend` may be absent (models saved before it existed had none).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(SurrogateKind.self, forKey: .kind)
        forest = try container.decode(RandomForest.Settings.self, forKey: .forest)
        boosted = try container.decode(BoostedTrees.Settings.self, forKey: .boosted)
        gpFitSubset = try container.decode(Int.self, forKey: .gpFitSubset)
        interactions = try container.decode(Bool.self, forKey: .interactions)
        trend = try container.decodeIfPresent(Bool.self, forKey: .trend) ?? false
        seed = try container.decode(UInt64.self, forKey: .seed)
    }
}
