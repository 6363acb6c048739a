import GymCore

/// Gaussian-process regression of one (transformed) metric on features scaled to [0, 1]: an ARD
/// Matérn-5/2 kernel fitted by maximum likelihood on at most `fitSubset` observations, then the exact
/// posterior over all of them.
///
/// JSON keeps the kernel, the feature ranges, the scaled inputs and the targets; reading it refactors
/// the covariance (O(n³), about a second for 2,000 observations).
///
/// ```swift
/// let gp = try GaussianProcessRegressor.fit(features: x, targets: y, encoder: encoder, fitSubset: 200, seed: 1)
/// gp.predict(x[0]).mean
/// ```
public struct GaussianProcessRegressor: Sendable, Codable {
    public let process: GaussianProcess
    /// Each feature's range (what scales it to [0, 1]).
    public let featureLow: [Double]
    public let featureHigh: [Double]

    public static func fit(features: [[Double]], targets: [Double], encoder: FeatureEncoder, fitSubset: Int, seed: UInt64) throws -> GaussianProcessRegressor {
        let low = encoder.features.map(\.low), high = encoder.features.map(\.high)
        let inputs = features.map { scale($0, low, high) }
        var generator = SeededGenerator(seed: seed)
        var subset = Array(inputs.indices)
        subset.shuffle(using: &generator)
        subset = Array(subset.prefix(fitSubset)).sorted()
        let start = Kernel(kind: .matern52, lengthScales: [Double](repeating: 0.5, count: encoder.count), signalVariance: 1, noiseVariance: 1e-4)
        let kernel = GaussianProcess.fitKernel(start: start, inputs: subset.map { inputs[$0] }, targets: subset.map { targets[$0] },
                                               restarts: 2, maxEvaluations: 200, using: &generator)
        let process = try GaussianProcess(kernel: kernel, inputs: inputs, targets: targets)
        return GaussianProcessRegressor(process: process, featureLow: low, featureHigh: high)
    }

    init(process: GaussianProcess, featureLow: [Double], featureHigh: [Double]) {
        self.process = process
        self.featureLow = featureLow
        self.featureHigh = featureHigh
    }

    static func scale(_ x: [Double], _ low: [Double], _ high: [Double]) -> [Double] {
        (0..<x.count).map { high[$0] > low[$0] ? (x[$0] - low[$0]) / (high[$0] - low[$0]) : 0 }
    }

    /// Posterior mean and variance at raw feature vector `x` (targets' units).
    public func predict(_ x: [Double]) -> (mean: Double, variance: Double) { process.predict(Self.scale(x, featureLow, featureHigh)) }

    func problem(featureCount: Int) -> String? {
        guard featureLow.count == featureCount, featureHigh.count == featureCount, process.kernel.lengthScales.count == featureCount else {
            return "the GP's feature count does not match the encoder's \(featureCount) features"
        }
        return nil
    }

    enum CodingKeys: String, CodingKey { case kernel, featureLow = "feature_low", featureHigh = "feature_high", inputs, targets }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(process.kernel, forKey: .kernel)
        try container.encode(featureLow, forKey: .featureLow)
        try container.encode(featureHigh, forKey: .featureHigh)
        try container.encode(process.inputs, forKey: .inputs)
        try container.encode(process.targets, forKey: .targets)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kernel = try container.decode(Kernel.self, forKey: .kernel)
        let inputs = try container.decode([[Double]].self, forKey: .inputs)
        let targets = try container.decode([Double].self, forKey: .targets)
        featureLow = try container.decode([Double].self, forKey: .featureLow)
        featureHigh = try container.decode([Double].self, forKey: .featureHigh)
        guard inputs.count == targets.count, inputs.allSatisfy({ $0.count == kernel.lengthScales.count }) else {
            throw DecodingError.dataCorruptedError(forKey: .inputs, in: container, debugDescription: "GP inputs and targets do not match the kernel")
        }
        do {
            process = try GaussianProcess(kernel: kernel, inputs: inputs, targets: targets)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .kernel, in: container, debugDescription: "the GP's covariance is not positive definite")
        }
    }
}
