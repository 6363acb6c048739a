import Foundation
import GymCore

/// Turns the last evaluation into a fixed-width observation vector for PPO.
///
/// Layout: `metricSlots` entries for the evaluation's metrics (sorted by name; `sign(m)·log(1 + |m|)`
/// then standardized with running mean and variance and clipped to ±5; missing slots 0), the
/// standardized reward, a feasibility flag (1/−1, 0 before any evaluation), and when `includeDesign`
/// the design's normalized position per parameter. The initial observation (episode start) is all zeros.
///
/// ```swift
/// var encoder = ObservationEncoder(space: space, metricSlots: 4, includeDesign: true)
/// let observation = encoder.observe(evaluation)
/// ```
public struct ObservationEncoder: Codable, Sendable {
    public let metricSlots: Int
    public let includeDesign: Bool
    public let parameterCount: Int
    private var statistics: [RunningStatistics]

    public init(space: ParameterSpace, metricSlots: Int, includeDesign: Bool) {
        self.metricSlots = metricSlots
        self.includeDesign = includeDesign
        self.parameterCount = space.parameters.count
        self.statistics = Array(repeating: RunningStatistics(), count: metricSlots + 1)
    }

    public var width: Int { metricSlots + 2 + (includeDesign ? parameterCount : 0) }
    public var initial: [Double] { [Double](repeating: 0, count: width) }

    /// The observation after `evaluation` (updates the running statistics). `reward` is the reward the
    /// agent used (an infeasible design without one gets a penalty).
    public mutating func observe(_ evaluation: Evaluation, reward: Double, space: ParameterSpace) -> [Double] {
        var vector: [Double] = []
        vector.reserveCapacity(width)
        let names = evaluation.metrics.keys.sorted()
        for slot in 0..<metricSlots {
            guard slot < names.count, let metric = evaluation.metrics[names[slot]] else { vector.append(0); continue }
            let squashed = (metric < 0 ? -1.0 : 1.0) * log1p(abs(metric))
            statistics[slot].add(squashed)
            vector.append(statistics[slot].standardize(squashed))
        }
        statistics[metricSlots].add(reward)
        vector.append(statistics[metricSlots].standardize(reward))
        vector.append(evaluation.feasible ? 1 : -1)
        if includeDesign { vector += space.normalized(evaluation.design) }
        return vector
    }
}

/// Welford's running mean and variance of a stream of numbers.
///
/// ```swift
/// var statistics = RunningStatistics()
/// statistics.add(1); statistics.add(3)
/// statistics.standardize(3)   // 1
/// ```
public struct RunningStatistics: Codable, Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var sumOfSquares = 0.0

    public init() {}

    public mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        sumOfSquares += delta * (value - mean)
    }

    public var standardDeviation: Double { count > 1 ? (sumOfSquares / Double(count - 1)).squareRoot() : 0 }

    /// `(value − mean)/σ` clipped to ±5, or 0 while σ is (near) zero.
    public func standardize(_ value: Double) -> Double {
        let deviation = standardDeviation
        guard deviation > 1e-9 else { return 0 }
        return min(max((value - mean) / deviation, -5), 5)
    }
}
