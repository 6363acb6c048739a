import Foundation

/// A categorical distribution given by unnormalized logits: probabilities, log-probability and
/// entropy, with their gradients with respect to the logits.
///
/// ```swift
/// let distribution = CategoricalDistribution(logits: [0, 0, 1])
/// distribution.logProbability(of: 2)     // 1 − log(2 + e)
/// ```
public struct CategoricalDistribution: Sendable, Equatable {
    public let logits: [Double]
    /// `log softmax(logits)`, computed stably.
    public let logProbabilities: [Double]

    public init(logits: [Double]) {
        precondition(!logits.isEmpty, "a categorical distribution needs at least one logit")
        self.logits = logits
        let maximum = logits.max()!
        let logSum = maximum + log(logits.reduce(0) { $0 + exp($1 - maximum) })
        self.logProbabilities = logits.map { $0 - logSum }
    }

    public var probabilities: [Double] { logProbabilities.map(exp) }

    public func logProbability(of index: Int) -> Double { logProbabilities[index] }

    /// `−Σ p log p`, in nats.
    public var entropy: Double { -zip(probabilities, logProbabilities).reduce(0) { $0 + $1.0 * $1.1 } }

    /// `∂ log p(index) / ∂ logits = onehot(index) − p`.
    public func logProbabilityGradient(of index: Int) -> [Double] {
        probabilities.enumerated().map { ($0.offset == index ? 1 : 0) - $0.element }
    }

    /// `∂H / ∂ logits_j = −p_j (log p_j + H)`.
    public var entropyGradient: [Double] {
        let h = entropy
        return zip(probabilities, logProbabilities).map { -$0 * ($1 + h) }
    }

    /// A sample index.
    public func sample(using generator: inout some RandomNumberGenerator) -> Int {
        var u = Double.random(in: 0..<1, using: &generator)
        for (index, p) in probabilities.enumerated() {
            u -= p
            if u < 0 { return index }
        }
        return logits.count - 1
    }

    /// The most likely index (the first on ties).
    public var mode: Int { logits.indices.max { logits[$0] < logits[$1] || (logits[$0] == logits[$1] && $0 > $1) }! }
}
