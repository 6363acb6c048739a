import GymCore

/// Gradient-boosted regression trees (Friedman's least-squares boosting): start from the targets'
/// mean, then each round fits a shallow tree to the current residuals on a random subsample of the
/// rows and adds it scaled by the learning rate. Prediction = base + Σ trees.
///
/// ```swift
/// let model = BoostedTrees.fit(features: x, targets: y, settings: .init(), seed: 1)
/// model.predict(x[0])
/// ```
public struct BoostedTrees: Sendable, Hashable, Codable {
    /// How the ensemble is grown.
    public struct Settings: Sendable, Hashable, Codable {
        /// Boosting rounds (trees), ≥ 1.
        public var rounds: Int
        /// Shrinkage applied to each tree, in (0, 1].
        public var learningRate: Double
        /// Depth of each tree (≥ 1).
        public var maxDepth: Int
        /// Fewest samples in a leaf.
        public var minLeaf: Int
        /// Fraction of rows each round sees, in (0, 1].
        public var subsample: Double

        public init(rounds: Int = 600, learningRate: Double = 0.05, maxDepth: Int = 6, minLeaf: Int = 2, subsample: Double = 0.8) {
            self.rounds = rounds
            self.learningRate = learningRate
            self.maxDepth = maxDepth
            self.minLeaf = minLeaf
            self.subsample = subsample
        }
    }

    public var base: Double
    /// Trees with the learning rate already folded into their leaf values.
    public var trees: [RegressionTree]

    public init(base: Double, trees: [RegressionTree]) {
        self.base = base
        self.trees = trees
    }

    public static func fit(features: [[Double]], targets: [Double], settings: Settings, seed: UInt64) -> BoostedTrees {
        fit(BinnedFeatures(features), targets: targets, settings: settings, seed: seed)
    }

    static func fit(_ data: BinnedFeatures, targets: [Double], settings: Settings, seed: UInt64) -> BoostedTrees {
        let n = data.rows
        let base = targets.reduce(0, +) / Double(max(n, 1))
        var residuals = targets.map { $0 - base }
        var generator = SeededGenerator(seed: seed)
        var trees: [RegressionTree] = []
        let sampleSize = max(1, Int(settings.subsample * Double(n)))
        var rows = Array(0..<n)
        let treeSettings = TreeSettings(maxDepth: settings.maxDepth, minLeaf: settings.minLeaf)
        for _ in 0..<settings.rounds {
            if sampleSize < n { for k in 0..<sampleSize { rows.swapAt(k, Int.random(in: k..<n, using: &generator)) } }
            var tree = TreeBuilder(data: data, targets: residuals, settings: treeSettings).grow(samples: Array(rows.prefix(sampleSize)), using: &generator)
            tree.value = tree.value.map { $0 * settings.learningRate }
            for row in 0..<n { residuals[row] -= tree.predict(data, row: row) }
            trees.append(tree)
        }
        return BoostedTrees(base: base, trees: trees)
    }

    public func predict(_ x: [Double]) -> Double { trees.reduce(base) { $0 + $1.predict(x) } }
}

extension RegressionTree {
    /// The leaf value of training row `row` of `data`, walking the bins (each threshold lies between bins).
    func predict(_ data: BinnedFeatures, row: Int) -> Double {
        var node = 0
        while feature[node] >= 0 {
            let column = feature[node]
            let cuts = data.thresholds[column]
            let bin = data.bin(row, column)
            // Rows in bins whose values are ≤ the threshold go left: bin b's values are below cuts[b].
            node = bin < cuts.count && cuts[bin] <= threshold[node] ? node + 1 : right[node]
        }
        return value[node]
    }
}
