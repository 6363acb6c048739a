@testable import Agents
import Foundation
import GymCore
import Numerics
@testable import Surrogates
import XCTest

final class GaussianProcessTests: XCTestCase {
    func testPosteriorMeanInterpolatesNoiseFreeData() throws {
        let inputs: [[Double]] = [[0, 0], [0.3, 0.9], [0.5, 0.2], [0.8, 0.7], [1, 0.1]]
        let targets = [1.0, -2.0, 0.5, 3.0, 0.0]
        for kind in [Kernel.Kind.matern52, .rbf] {
            let kernel = Kernel(kind: kind, lengthScales: [0.4, 0.6], signalVariance: 1, noiseVariance: 1e-10)
            let gp = try GaussianProcess(kernel: kernel, inputs: inputs, targets: targets)
            for (x, y) in zip(inputs, targets) {
                let prediction = gp.predict(x)
                XCTAssertEqual(prediction.mean, y, accuracy: 1e-6, "\(kind) at \(x)")
                XCTAssertLessThan(prediction.variance, 1e-6)
            }
            XCTAssertGreaterThan(gp.predict([0.2, 0.5]).variance, 1e-3, "uncertain between observations")
        }
    }

    func testLogMarginalLikelihoodMatchesAHandComputationOnThreePoints() throws {
        // RBF, ℓ = 1, s² = 1, σₙ² = 0.5; inputs 0, 1, 2; targets y = (1, 0, −1).
        // K + σₙ²I = [[c, a, b], [a, c, a], [b, a, c]] with c = 1.5, a = e^(−1/2) = 0.60653066, b = e^(−2) = 0.13533528.
        // det = c³ − 2ca² + 2a²b − cb² = 3.375 − 1.10363832 + 0.09957279 − 0.02747346 = 2.34346235.
        // yᵀ adj(K) y = A₁₁ + A₃₃ − 2A₁₃ = 2(c² − a²) − 2(a² − cb) = 2c² − 4a² + 2cb = 3.43448809,
        // so yᵀK⁻¹y = 3.43448809 / 2.34346235 = 1.46556145.
        // log p = −½·1.46556145 − ½·ln 2.34346235 − (3/2)·ln 2π = −0.73278073 − 0.42573018 − 2.75681559 = −3.91541106.
        let kernel = Kernel(kind: .rbf, lengthScales: [1], signalVariance: 1, noiseVariance: 0.5)
        let value = try XCTUnwrap(GaussianProcess.logMarginalLikelihood(kernel: kernel, inputs: [[0], [1], [2]], targets: [1, 0, -1]))
        XCTAssertEqual(value, -3.9154110615362407, accuracy: 1e-12)
    }

    func testGrowingTheFactorMatchesRefactoring() throws {
        let kernel = Kernel(kind: .matern52, lengthScales: [0.3], signalVariance: 2, noiseVariance: 1e-3)
        var grown = try GaussianProcess(kernel: kernel, inputs: [[0], [0.5]], targets: [1, 2])
        try grown.append(input: [0.9], target: -1)
        let direct = try GaussianProcess(kernel: kernel, inputs: [[0], [0.5], [0.9]], targets: [1, 2, -1])
        for x in [0.1, 0.7, 1.0] {
            XCTAssertEqual(grown.predict([x]).mean, direct.predict([x]).mean, accuracy: 1e-12)
            XCTAssertEqual(grown.predict([x]).variance, direct.predict([x]).variance, accuracy: 1e-12)
        }
        XCTAssertEqual(grown.logMarginalLikelihood, direct.logMarginalLikelihood, accuracy: 1e-12)
    }

    func testCholeskyAddsJitterToASingularMatrix() throws {
        let factor = try Cholesky(matrix: [1, 1, 1, 1], size: 2)   // rank 1
        XCTAssertGreaterThan(factor.jitter, 0)
        XCTAssertLessThanOrEqual(factor.jitter, 1e-4)
        let exact = try Cholesky(matrix: [4, 2, 2, 3], size: 2)
        XCTAssertEqual(exact.jitter, 0)
        XCTAssertEqual(exact.element(1, 1), 2.0.squareRoot(), accuracy: 1e-15)   // L = [[2, 0], [1, √2]]
        XCTAssertEqual(exact.solve([2, 1]), [0.5, 0], "A·(0.5, 0) = (2, 1)")
    }

    func testExpectedImprovementIsZeroWhereTheVarianceIsZero() throws {
        XCTAssertEqual(Acquisition.expectedImprovement(mean: 1, standardDeviation: 0, best: 1, xi: 0), 0)
        XCTAssertEqual(Acquisition.expectedImprovement(mean: 0.5, standardDeviation: 0, best: 1, xi: 0.01), 0)
        // At an observed incumbent of a noise-free GP the posterior is certain, so EI vanishes.
        let kernel = Kernel(kind: .matern52, lengthScales: [0.3], signalVariance: 1, noiseVariance: 1e-12)
        let gp = try GaussianProcess(kernel: kernel, inputs: [[0], [0.4], [1]], targets: [0, 2, 1])
        let atBest = gp.predict([0.4])
        XCTAssertEqual(Acquisition.expectedImprovement(mean: atBest.mean, standardDeviation: atBest.variance.squareRoot(), best: 2, xi: 0), 0, accuracy: 1e-6)
        // Elsewhere, σ > 0: EI = (μ − f*)Φ(z) + σφ(z) > 0; with μ = f*, EI = σφ(0) = σ/√(2π).
        XCTAssertEqual(Acquisition.expectedImprovement(mean: 2, standardDeviation: 0.5, best: 2, xi: 0), 0.5 / (2 * Double.pi).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(NormalDistribution.cdf(1.96), 0.9750021048517795, accuracy: 1e-12)
    }

    func testNormalQuantileInvertsTheDistributionFunctionAndScoresKeepOrder() {
        XCTAssertEqual(NormalDistribution.quantile(0.5), 0, accuracy: 1e-12)
        XCTAssertEqual(NormalDistribution.quantile(0.975), 1.959963984540054, accuracy: 1e-10)
        XCTAssertEqual(NormalDistribution.quantile(0.001), -3.090232306167813, accuracy: 1e-9)
        for p in [1e-12, 1e-6, 0.02, 0.3, 0.77, 0.999, 1 - 1e-10] {
            XCTAssertEqual(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, accuracy: p * 1e-9)
        }
        // Ranks 0...3 of four values, the two equal ones sharing rank 1.5: Φ⁻¹((rank + ½)/4).
        let scores = NormalDistribution.scores([-1e9, -2, -2, -1])
        XCTAssertEqual(scores[0], NormalDistribution.quantile(0.125), accuracy: 1e-12)
        XCTAssertEqual(scores[1], 0, accuracy: 1e-12)
        XCTAssertEqual(scores[2], scores[1])
        XCTAssertEqual(scores[3], NormalDistribution.quantile(0.875), accuracy: 1e-12)
    }

    func testFittingTheKernelRaisesTheLikelihood() throws {
        var generator = SeededGenerator(seed: 1)
        let inputs = (0..<20).map { _ in [Double.random(in: 0...1, using: &generator), Double.random(in: 0...1, using: &generator)] }
        let targets = inputs.map { sin(6 * $0[0]) }   // depends on the first input only
        let start = Kernel(kind: .matern52, lengthScales: [0.5, 0.5], signalVariance: 1, noiseVariance: 1e-2)
        let fitted = GaussianProcess.fitKernel(start: start, inputs: inputs, targets: targets, restarts: 2, maxEvaluations: 300, using: &generator)
        let before = try GaussianProcess(kernel: start, inputs: inputs, targets: targets).logMarginalLikelihood
        let after = try GaussianProcess(kernel: fitted, inputs: inputs, targets: targets).logMarginalLikelihood
        XCTAssertGreaterThan(after, before + 1)
        XCTAssertGreaterThan(fitted.lengthScales[1], fitted.lengthScales[0], "ARD: the irrelevant input gets the longer length-scale")
    }
}

extension GaussianProcessTests {
    func testBatchPredictionMatchesPointPredictions() throws {
        let kernel = Kernel(kind: .matern52, lengthScales: [0.3, 0.5], signalVariance: 1.5, noiseVariance: 1e-4)
        let gp = try GaussianProcess(kernel: kernel, inputs: [[0, 0], [0.5, 0.5], [1, 0.2], [0.3, 0.9]], targets: [1, 2, -1, 0.5])
        let points: [[Double]] = [[0.1, 0.1], [0.9, 0.9], [0.5, 0.5], [0.2, 0.7]]
        for (batch, point) in zip(gp.predict(batch: points), points) {
            let single = gp.predict(point)
            XCTAssertEqual(batch.mean, single.mean, accuracy: 1e-12)
            XCTAssertEqual(batch.variance, single.variance, accuracy: 1e-12)
        }
    }
}
