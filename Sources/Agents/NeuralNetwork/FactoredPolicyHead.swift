import GymCore

/// One factor of a factored action: a categorical choice among `count` levels, or a real number drawn
/// from a Gaussian.
public enum ActionHead: Codable, Sendable, Equatable {
    case categorical(count: Int)
    case gaussian

    /// Network outputs this head reads: its logits, or its mean.
    public var outputWidth: Int {
        switch self {
        case .categorical(let count): return count
        case .gaussian: return 1
        }
    }
}

/// A factored policy: the network output is split into one block per ``ActionHead`` (logits or a mean);
/// Gaussian heads take their log standard deviations from a separate learned vector. The joint
/// log-probability and entropy are the sums over heads. An action is one `Double` per head: the chosen
/// index for a categorical head, the sampled value for a Gaussian one.
///
/// ```swift
/// let head = FactoredPolicyHead(heads: [.categorical(count: 3), .gaussian])
/// let action = head.sample(output: [0, 0, 0, 0.5], logStandardDeviations: [-1], using: &generator)
/// let (logProbability, entropy) = head.logProbabilityAndEntropy(output: [0, 0, 0, 0.5], logStandardDeviations: [-1], action: action)
/// ```
public struct FactoredPolicyHead: Codable, Sendable, Equatable {
    public let heads: [ActionHead]

    public init(heads: [ActionHead]) { self.heads = heads }

    /// Width of the network output the head reads.
    public var outputWidth: Int { heads.reduce(0) { $0 + $1.outputWidth } }
    /// Number of Gaussian heads (the length of the log standard deviation vector).
    public var gaussianCount: Int { heads.filter { $0 == .gaussian }.count }

    /// Walks the heads with their output offsets and Gaussian indices.
    private func forEachHead(_ body: (_ head: Int, _ outputOffset: Int, _ gaussianIndex: Int) -> Void) {
        var offset = 0, gaussian = 0
        for (index, head) in heads.enumerated() {
            body(index, offset, gaussian)
            offset += head.outputWidth
            if head == .gaussian { gaussian += 1 }
        }
    }

    public func sample(output: [Double], logStandardDeviations: [Double], using generator: inout SeededGenerator) -> [Double] {
        var action = [Double](repeating: 0, count: heads.count)
        forEachHead { index, offset, gaussian in
            switch heads[index] {
            case .categorical(let count):
                action[index] = Double(CategoricalDistribution(logits: Array(output[offset..<offset + count])).sample(using: &generator))
            case .gaussian:
                action[index] = GaussianDistribution(mean: output[offset], logStandardDeviation: logStandardDeviations[gaussian]).sample(using: &generator)
            }
        }
        return action
    }

    /// The most likely action: each categorical head's mode, each Gaussian head's mean.
    public func greedy(output: [Double]) -> [Double] {
        var action = [Double](repeating: 0, count: heads.count)
        forEachHead { index, offset, _ in
            switch heads[index] {
            case .categorical(let count): action[index] = Double(CategoricalDistribution(logits: Array(output[offset..<offset + count])).mode)
            case .gaussian: action[index] = output[offset]
            }
        }
        return action
    }

    /// Joint log-probability of `action` and joint entropy (nats).
    public func logProbabilityAndEntropy(output: [Double], logStandardDeviations: [Double], action: [Double]) -> (logProbability: Double, entropy: Double) {
        var logProbability = 0.0, entropy = 0.0
        forEachHead { index, offset, gaussian in
            switch heads[index] {
            case .categorical(let count):
                let distribution = CategoricalDistribution(logits: Array(output[offset..<offset + count]))
                logProbability += distribution.logProbability(of: Int(action[index]))
                entropy += distribution.entropy
            case .gaussian:
                let distribution = GaussianDistribution(mean: output[offset], logStandardDeviation: logStandardDeviations[gaussian])
                logProbability += distribution.logProbability(of: action[index])
                entropy += distribution.entropy
            }
        }
        return (logProbability, entropy)
    }

    /// Gradient of `logProbabilityWeight · log π(action) + entropyWeight · H` with respect to the
    /// network output and the log standard deviations.
    public func gradient(output: [Double], logStandardDeviations: [Double], action: [Double],
                         logProbabilityWeight: Double, entropyWeight: Double) -> (output: [Double], logStandardDeviations: [Double])
    {
        var outputGradient = [Double](repeating: 0, count: output.count)
        var logStdGradient = [Double](repeating: 0, count: logStandardDeviations.count)
        forEachHead { index, offset, gaussian in
            switch heads[index] {
            case .categorical(let count):
                let distribution = CategoricalDistribution(logits: Array(output[offset..<offset + count]))
                let dLogP = distribution.logProbabilityGradient(of: Int(action[index])), dH = distribution.entropyGradient
                for j in 0..<count { outputGradient[offset + j] = logProbabilityWeight * dLogP[j] + entropyWeight * dH[j] }
            case .gaussian:
                let distribution = GaussianDistribution(mean: output[offset], logStandardDeviation: logStandardDeviations[gaussian])
                let dLogP = distribution.logProbabilityGradient(of: action[index])
                outputGradient[offset] = logProbabilityWeight * dLogP.mean
                logStdGradient[gaussian] = logProbabilityWeight * dLogP.logStandardDeviation + entropyWeight * 1
            }
        }
        return (outputGradient, logStdGradient)
    }
}
