import Foundation

/// How well predictions match measured values of one metric.
///
/// - `relativeRMSE`: √(mean (ŷ − y)²) / mean |y| — the root-mean-square error as a fraction of the
///   metric's mean (0.01 = 1%);
/// - `meanRelativeError`: mean |ŷ − y| / |y| over the values that are not 0;
/// - `spearman`: Spearman's rank correlation of ŷ and y (ties get their average rank), 1 when the
///   predictions order the designs exactly as the measurements do.
///
/// ```swift
/// let quality = FitQuality(predicted: [1, 2, 3.1], actual: [1, 2, 3])
/// quality.spearman   // 1
/// ```
public struct FitQuality: Sendable, Hashable, Codable {
    public var count: Int
    public var relativeRMSE: Double
    public var meanRelativeError: Double
    public var spearman: Double

    enum CodingKeys: String, CodingKey {
        case count, relativeRMSE = "relative_rmse", meanRelativeError = "mean_relative_error", spearman
    }

    public init(predicted: [Double], actual: [Double]) {
        precondition(predicted.count == actual.count)
        let n = Double(max(actual.count, 1))
        count = actual.count
        let squared = zip(predicted, actual).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let scale = actual.reduce(0) { $0 + abs($1) } / n
        relativeRMSE = scale > 0 ? (squared / n).squareRoot() / scale : (squared > 0 ? 1 : 0)
        let nonZero = zip(predicted, actual).filter { $0.1 != 0 }
        meanRelativeError = nonZero.isEmpty ? 0 : nonZero.reduce(0) { $0 + abs($1.0 - $1.1) / abs($1.1) } / Double(nonZero.count)
        spearman = Self.pearson(Self.ranks(predicted), Self.ranks(actual))
    }

    /// Ranks 1…n, tied values sharing their average rank.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            for position in start...end { ranks[order[position]] = Double(start + end) / 2 + 1 }
            start = end + 1
        }
        return ranks
    }

    /// Pearson correlation; 1 when both are constant and equal in shape, 0 when only one is constant.
    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        guard a.count > 1 else { return 1 }
        let meanA = a.reduce(0, +) / n, meanB = b.reduce(0, +) / n
        var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
        for (x, y) in zip(a, b) {
            covariance += (x - meanA) * (y - meanB)
            varianceA += (x - meanA) * (x - meanA)
            varianceB += (y - meanB) * (y - meanB)
        }
        if varianceA == 0 && varianceB == 0 { return 1 }
        guard varianceA > 0, varianceB > 0 else { return 0 }
        return covariance / (varianceA * varianceB).squareRoot()
    }
}
