import Foundation

/// How a metric's values are mapped before a regressor learns them, and back afterwards.
///
/// Hardware metrics (cycles, energy) are positive and span orders of magnitude, and their errors are
/// relative, so a metric whose values are all ≥ 0 is learned as log(y + offset) (offset 0 when every
/// value is positive, else 1e-3 × the mean value, so zeros such as "no stall cycles" stay finite);
/// a metric with negative values is learned as it is.
///
/// ```swift
/// let transform = TargetTransform.choose(for: [120, 3_400, 98_000])   // log, offset 0
/// transform.inverse(transform.forward(3_400))                         // 3_400
/// ```
public struct TargetTransform: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case identity, log }
    public var kind: Kind
    /// Added before the log (the metric's unit).
    public var offset: Double

    public init(kind: Kind, offset: Double = 0) {
        self.kind = kind
        self.offset = offset
    }

    /// log when every value is ≥ 0 (with an offset when one is 0), identity otherwise.
    public static func choose(for values: [Double]) -> TargetTransform {
        guard let smallest = values.min(), smallest >= 0 else { return TargetTransform(kind: .identity) }
        if smallest > 0 { return TargetTransform(kind: .log) }
        let mean = values.reduce(0, +) / Double(values.count)
        return TargetTransform(kind: .log, offset: mean > 0 ? 1e-3 * mean : 1)
    }

    public func forward(_ value: Double) -> Double { kind == .log ? Foundation.log(max(value + offset, .leastNormalMagnitude)) : value }

    /// The metric value of a learned value (never negative for a log transform).
    public func inverse(_ value: Double) -> Double {
        guard kind == .log else { return value }
        return max(Foundation.exp(min(value, 700)) - offset, 0)
    }
}
