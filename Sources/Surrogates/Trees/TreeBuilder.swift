import GymCore

/// How a regression tree is grown (CART, squared error).
public struct TreeSettings: Sendable, Hashable, Codable {
    /// Deepest level a node may be at (root = 0).
    public var maxDepth: Int
    /// Fewest training samples in a leaf.
    public var minLeaf: Int
    /// Features tried at each split (a random subset; ≥ the feature count means all of them).
    public var featuresPerSplit: Int

    public init(maxDepth: Int = 32, minLeaf: Int = 1, featuresPerSplit: Int = .max) {
        self.maxDepth = maxDepth
        self.minLeaf = minLeaf
        self.featuresPerSplit = featuresPerSplit
    }
}

/// Grows a ``RegressionTree`` on ``BinnedFeatures``: at each node, a histogram of target sums per bin of
/// each tried feature gives every split's reduction of squared error in one pass; the best split wins
/// (ties: the first feature, then the lowest bin). A node becomes a leaf when it is pure, too small or
/// too deep, or no split reduces the error.
struct TreeBuilder {
    let data: BinnedFeatures
    let targets: [Double]
    let settings: TreeSettings

    /// Grows a tree on `samples` (row indices; repeats allowed, e.g. a bootstrap sample).
    func grow(samples: [Int], using generator: inout SeededGenerator) -> RegressionTree {
        var indices = samples
        var feature: [Int] = [], threshold: [Double] = [], right: [Int] = [], value: [Double] = []
        var sums = [Double](repeating: 0, count: 256), counts = [Int](repeating: 0, count: 256)
        var order = Array(0..<data.columns)

        // Explicit stack of (range in `indices`, depth, the parent slot whose `right` to set).
        var stack: [(Range<Int>, Int, Int)] = [(0..<indices.count, 0, -1)]
        while let (range, depth, parent) = stack.popLast() {
            let node = feature.count
            if parent >= 0 { right[parent] = node }
            var sum = 0.0, sumSquares = 0.0
            for i in range { let y = targets[indices[i]]; sum += y; sumSquares += y * y }
            let n = Double(range.count)
            let mean = sum / n
            feature.append(-1); threshold.append(0); right.append(0); value.append(mean)
            let error = sumSquares - sum * sum / n
            guard depth < settings.maxDepth, range.count >= 2 * settings.minLeaf, error > 1e-12 * max(sumSquares, 1e-300) else { continue }

            var best = (gain: 1e-12 * error, column: -1, bin: 0)
            let tried = min(settings.featuresPerSplit, data.columns)
            if tried < data.columns {
                for k in 0..<tried { order.swapAt(k, Int.random(in: k..<data.columns, using: &generator)) }
            }
            for column in order.prefix(tried) {
                let binCount = data.binCounts[column]
                guard binCount > 1 else { continue }
                for b in 0..<binCount { sums[b] = 0; counts[b] = 0 }
                for i in range {
                    let row = indices[i]
                    let b = data.bin(row, column)
                    sums[b] += targets[row]
                    counts[b] += 1
                }
                var leftSum = 0.0, leftCount = 0
                for b in 0..<(binCount - 1) {
                    leftSum += sums[b]; leftCount += counts[b]
                    let rightCount = range.count - leftCount
                    if leftCount < settings.minLeaf { continue }
                    if rightCount < settings.minLeaf { break }
                    if counts[b] == 0 { continue }
                    let rightSum = sum - leftSum
                    let gain = leftSum * leftSum / Double(leftCount) + rightSum * rightSum / Double(rightCount) - sum * sum / n
                    if gain > best.gain { best = (gain, column, b) }
                }
            }
            guard best.column >= 0 else { continue }
            // Partition the range: bins ≤ best.bin first.
            var split = range.lowerBound
            for i in range where data.bin(indices[i], best.column) <= best.bin {
                indices.swapAt(i, split)
                split += 1
            }
            feature[node] = best.column
            threshold[node] = data.thresholds[best.column][best.bin]
            value[node] = 0
            // Right pushed first so the left child is grown next (preorder: left child = node + 1).
            stack.append((split..<range.upperBound, depth + 1, node))
            stack.append((range.lowerBound..<split, depth + 1, -1))
        }
        return RegressionTree(feature: feature, threshold: threshold, right: right, value: value)
    }
}
