/// A binary regression tree: internal nodes test `x[feature] ≤ threshold` (left when true), leaves hold
/// the prediction. Stored as parallel arrays in preorder, so a node's left child is the next node and
/// only the right child's index is kept; this is also its JSON shape:
/// `{"feature": [2, -1, -1], "threshold": [5.5, 0, 0], "right": [2, 0, 0], "value": [0, 1.5, 3]}`
/// (`feature` −1 marks a leaf).
///
/// ```swift
/// let tree = RegressionTree(feature: [0, -1, -1], threshold: [0.5, 0, 0], right: [2, 0, 0], value: [0, 1, 2])
/// tree.predict([0.7])   // 2
/// ```
public struct RegressionTree: Sendable, Hashable, Codable {
    public var feature: [Int]
    public var threshold: [Double]
    public var right: [Int]
    public var value: [Double]

    public init(feature: [Int], threshold: [Double], right: [Int], value: [Double]) {
        self.feature = feature
        self.threshold = threshold
        self.right = right
        self.value = value
    }

    public var nodeCount: Int { feature.count }

    /// The leaf value `x` falls into.
    @inlinable public func predict(_ x: [Double]) -> Double {
        var node = 0
        while feature[node] >= 0 {
            node = x[feature[node]] <= threshold[node] ? node + 1 : right[node]
        }
        return value[node]
    }

    /// Checks the arrays describe a tree over `featureCount` features (a hand-edited or truncated file).
    func validate(featureCount: Int) -> String? {
        let n = feature.count
        guard n > 0, threshold.count == n, right.count == n, value.count == n else { return "tree arrays must be non-empty and of equal length" }
        for node in 0..<n where feature[node] >= 0 {
            guard feature[node] < featureCount else { return "node \(node): feature \(feature[node]) out of range 0..<\(featureCount)" }
            guard node + 1 < n, right[node] > node + 1, right[node] < n else { return "node \(node): child index out of range" }
        }
        guard value.allSatisfy(\.isFinite), threshold.allSatisfy(\.isFinite) else { return "non-finite number in a tree" }
        return nil
    }
}
