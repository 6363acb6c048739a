/// One metric's learned model: the target transform and the regressor fitted to transformed values.
///
/// JSON: `{"metric": "total_cycles", "transform": {"kind": "log", "offset": 0}, "trend": {...}, "forest": {"trees": [...]}}`
/// (exactly one of `forest`, `boosted`, `gp`). With a `trend` (``LinearModel``), the trees learn what
/// the linear trend leaves and predictions add it back.
public struct MetricRegressor: Sendable, Codable {
    public var metric: String
    public var transform: TargetTransform
    public var forest: RandomForest?
    public var boosted: BoostedTrees?
    public var gp: GaussianProcessRegressor?
    /// The linear trend under a forest or boosted trees (``SurrogateSettings/trend``).
    public var trend: LinearModel?

    /// Fits `values` (the metric for each row of `features`) with the regressor `settings` names.
    public static func fit(metric: String, features: [[Double]], values: [Double], encoder: FeatureEncoder,
                           settings: SurrogateSettings) throws -> MetricRegressor {
        let transform = TargetTransform.choose(for: values)
        var targets = values.map(transform.forward)
        var regressor = MetricRegressor(metric: metric, transform: transform)
        if settings.trend, settings.kind != .gp {
            let trend = try LinearModel.fit(features: features, targets: targets)
            targets = zip(features, targets).map { $1 - trend.predict($0) }
            regressor.trend = trend
        }
        switch settings.kind {
        case .forest: regressor.forest = RandomForest.fit(features: features, targets: targets, settings: settings.forest, seed: settings.seed)
        case .boosted: regressor.boosted = BoostedTrees.fit(features: features, targets: targets, settings: settings.boosted, seed: settings.seed)
        case .gp: regressor.gp = try GaussianProcessRegressor.fit(features: features, targets: targets, encoder: encoder,
                                                                   fitSubset: settings.gpFitSubset, seed: settings.seed)
        }
        return regressor
    }

    init(metric: String, transform: TargetTransform) {
        self.metric = metric
        self.transform = transform
    }

    /// The predicted metric value for feature vector `x`.
    public func predict(_ x: [Double]) -> Double {
        let base = trend?.predict(x) ?? 0
        if let forest { return transform.inverse(base + forest.predict(x)) }
        if let boosted { return transform.inverse(base + boosted.predict(x)) }
        if let gp { return transform.inverse(gp.predict(x).mean) }
        return 0
    }

    /// The ensemble's members' predictions of the metric (a forest: one per tree; otherwise one).
    public func memberPredictions(_ x: [Double]) -> [Double] {
        if let forest {
            let base = trend?.predict(x) ?? 0
            return forest.treePredictions(x).map { transform.inverse(base + $0) }
        }
        return [predict(x)]
    }

    var kind: SurrogateKind? { forest != nil ? .forest : boosted != nil ? .boosted : gp != nil ? .gp : nil }

    /// Why the stored model cannot be used, or `nil`.
    func problem(featureCount: Int) -> String? {
        guard kind != nil else { return "metric '\(metric)': no regressor (one of forest, boosted, gp)" }
        let trees = (forest?.trees ?? []) + (boosted?.trees ?? [])
        if let forest, forest.trees.isEmpty { return "metric '\(metric)': a forest needs at least one tree" }
        for (index, tree) in trees.enumerated() {
            if let problem = tree.validate(featureCount: featureCount) { return "metric '\(metric)', tree \(index): \(problem)" }
        }
        if let gp, let problem = gp.problem(featureCount: featureCount) { return "metric '\(metric)': \(problem)" }
        if let trend, let problem = trend.problem(featureCount: featureCount) { return "metric '\(metric)': \(problem)" }
        return nil
    }
}
