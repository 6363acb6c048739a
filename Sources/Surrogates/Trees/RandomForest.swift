import GymCore

/// A random forest regressor (Breiman): each tree grown to full depth on a bootstrap sample of the
/// training rows, trying a random subset of features at each split; the prediction is the trees'
/// mean, and their spread is the forest's uncertainty.
///
/// Tree t's bootstrap sample depends only on the seed and t, so forests fitted with the same seed on
/// the same rows for different targets (one per metric) share their samples: tree t of every metric
/// saw the same designs, and tree t's predictions across metrics form one coherent guess.
///
/// ```swift
/// let forest = RandomForest.fit(features: x, targets: y, settings: .init(trees: 100), seed: 1)
/// let (mean, spread) = forest.predictWithSpread(x[0])
/// ```
public struct RandomForest: Sendable, Hashable, Codable {
    /// How a forest is grown.
    public struct Settings: Sendable, Hashable, Codable {
        /// Number of trees (≥ 1).
        public var trees: Int
        /// Fewest training samples in a leaf (1: grown to purity).
        public var minLeaf: Int
        /// Fraction of the features tried at each split (0 < f ≤ 1; 1 is bagged trees).
        public var featureFraction: Double

        public init(trees: Int = 100, minLeaf: Int = 1, featureFraction: Double = 0.5) {
            self.trees = trees
            self.minLeaf = minLeaf
            self.featureFraction = featureFraction
        }
    }

    public var trees: [RegressionTree]

    public init(trees: [RegressionTree]) { self.trees = trees }

    /// Fits a forest on rows `features` (one vector per sample) and their `targets`.
    public static func fit(features: [[Double]], targets: [Double], settings: Settings, seed: UInt64) -> RandomForest {
        fit(BinnedFeatures(features), targets: targets, settings: settings, seed: seed)
    }

    static func fit(_ data: BinnedFeatures, targets: [Double], settings: Settings, seed: UInt64) -> RandomForest {
        let perSplit = max(1, Int((settings.featureFraction * Double(data.columns)).rounded(.up)))
        let builder = TreeBuilder(data: data, targets: targets, settings: TreeSettings(minLeaf: settings.minLeaf, featuresPerSplit: perSplit))
        var trees: [RegressionTree] = []
        for t in 0..<settings.trees {
            var generator = SeededGenerator(seed: seed &+ UInt64(t) &* 0x9E37_79B9_7F4A_7C15)
            let sample = (0..<data.rows).map { _ in Int.random(in: 0..<data.rows, using: &generator) }
            trees.append(builder.grow(samples: sample, using: &generator))
        }
        return RandomForest(trees: trees)
    }

    /// The mean of the trees' predictions.
    public func predict(_ x: [Double]) -> Double { treePredictions(x).reduce(0, +) / Double(trees.count) }

    /// Each tree's prediction, in tree order.
    public func treePredictions(_ x: [Double]) -> [Double] { trees.map { $0.predict(x) } }

    /// The mean of the trees' predictions and their standard deviation (the forest's uncertainty).
    public func predictWithSpread(_ x: [Double]) -> (mean: Double, spread: Double) {
        let values = treePredictions(x)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }
}
