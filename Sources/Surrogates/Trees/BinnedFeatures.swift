/// A training matrix with each feature's values replaced by a small bin number, so a tree finds the
/// best split of a node by one pass over its samples (a histogram per feature) instead of sorting.
///
/// A feature with at most `maxBins` distinct values gets one bin per value (exact splits, the usual
/// case for design parameters); one with more is cut at quantiles. A split between bins b and b+1
/// sends `x ≤ thresholds[f][b]` left, the threshold halfway between the two bins' values.
struct BinnedFeatures: Sendable {
    let rows: Int
    let columns: Int
    /// Row-major bin numbers, rows × columns.
    let bins: [UInt8]
    /// Number of bins of each feature.
    let binCounts: [Int]
    /// thresholds[f][b]: the split value between bin b and bin b + 1 of feature f.
    let thresholds: [[Double]]

    init(_ features: [[Double]], maxBins: Int = 128) {
        precondition(maxBins <= 256)
        rows = features.count
        columns = features.first?.count ?? 0
        var bins = [UInt8](repeating: 0, count: rows * columns)
        var binCounts: [Int] = []
        var thresholds: [[Double]] = []
        for column in 0..<columns {
            let distinct = Array(Set(features.map { $0[column] })).sorted()
            var edges: [Double]   // upper value of each bin (the last bin is open)
            if distinct.count <= maxBins {
                edges = distinct
            } else {
                edges = (1...maxBins).map { distinct[min(distinct.count - 1, $0 * distinct.count / maxBins - 1)] }
                edges = Array(Set(edges)).sorted()
            }
            var cuts: [Double] = []
            for index in 0..<max(edges.count - 1, 0) {
                let next = distinct.first { $0 > edges[index] } ?? edges[index]
                cuts.append((edges[index] + next) / 2)
            }
            for row in 0..<rows {
                let value = features[row][column]
                var low = 0, high = cuts.count   // first cut ≥ value
                while low < high {
                    let mid = (low + high) / 2
                    if cuts[mid] < value { low = mid + 1 } else { high = mid }
                }
                bins[row * columns + column] = UInt8(low)
            }
            binCounts.append(cuts.count + 1)
            thresholds.append(cuts)
        }
        self.bins = bins
        self.binCounts = binCounts
        self.thresholds = thresholds
    }

    @inline(__always) func bin(_ row: Int, _ column: Int) -> Int { Int(bins[row * columns + column]) }
}
