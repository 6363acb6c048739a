import Foundation
import GymCore
import Numerics

/// The state of one CMA-ES run (between restarts) on the unit cube: mean, step size, covariance with
/// its eigen-decomposition, evolution paths, and Hansen's default constants for its dimension and
/// population (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016). Every coordinate is in [0, 1].
struct CMAESStrategy {
    let dimension: Int
    let lambda: Int
    let mu: Int
    /// Positive recombination weights of the best `mu` samples (sum 1).
    let weights: [Double]
    let muEffective: Double
    let cSigma: Double, dSigma: Double, cC: Double, c1: Double, cMu: Double
    /// E‖N(0, I)‖.
    let chiN: Double

    var mean: [Double]
    var sigma: Double
    var covariance: [[Double]]
    /// Eigenvectors (columns) and square roots of the eigenvalues of the covariance.
    var basis: [[Double]]
    var scales: [Double]
    var pathSigma: [Double]
    var pathC: [Double]
    var generation = 0

    init(dimension: Int, lambda: Int, mean: [Double], sigma: Double) {
        self.dimension = dimension
        self.lambda = lambda
        let n = Double(dimension)
        mu = max(lambda / 2, 1)
        let raw = (1...mu).map { log((Double(lambda) + 1) / 2) - log(Double($0)) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
        muEffective = 1 / weights.reduce(0) { $0 + $1 * $1 }
        cSigma = (muEffective + 2) / (n + muEffective + 5)
        dSigma = 1 + 2 * max(0, ((muEffective - 1) / (n + 1)).squareRoot() - 1) + cSigma
        cC = (4 + muEffective / n) / (n + 4 + 2 * muEffective / n)
        c1 = 2 / ((n + 1.3) * (n + 1.3) + muEffective)
        cMu = min(1 - c1, 2 * (muEffective - 2 + 1 / muEffective) / ((n + 2) * (n + 2) + muEffective))
        chiN = n.squareRoot() * (1 - 1 / (4 * n) + 1 / (21 * n * n))
        self.mean = mean
        self.sigma = sigma
        covariance = (0..<dimension).map { row in (0..<dimension).map { $0 == row ? 1.0 : 0.0 } }
        basis = covariance
        scales = [Double](repeating: 1, count: dimension)
        pathSigma = [Double](repeating: 0, count: dimension)
        pathC = [Double](repeating: 0, count: dimension)
    }

    /// A step y ~ N(0, C): B·(D∘z) with z standard normal.
    func step(using generator: inout SeededGenerator) -> [Double] {
        let z = (0..<dimension).map { scales[$0] * generator.nextGaussian() }
        return (0..<dimension).map { row in (0..<dimension).reduce(0) { $0 + basis[row][$1] * z[$1] } }
    }

    /// Standard deviation of coordinate `index` of σ·y (before any margin scaling).
    func coordinateWidth(_ index: Int) -> Double { sigma * covariance[index][index].squareRoot() }

    /// One generation's update from the steps of the selected samples, best first (y = (x − m)/σ in the
    /// covariance's metric; at most `mu` used). `meanShift` is the mean's move in x units.
    mutating func update(selectedSteps: [[Double]], meanShift: [Double]) {
        let n = dimension
        generation += 1
        var weighted = [Double](repeating: 0, count: n)
        for (weight, y) in zip(weights, selectedSteps) { for i in 0..<n { weighted[i] += weight * y[i] } }
        for i in 0..<n { mean[i] = min(max(mean[i] + meanShift[i], 0), 1) }
        // C^(-1/2)·weighted = B·D⁻¹·Bᵀ·weighted.
        let rotated = (0..<n).map { column in (0..<n).reduce(0) { $0 + basis[$1][column] * weighted[$1] } / max(scales[column], 1e-300) }
        let whitened = (0..<n).map { row in (0..<n).reduce(0) { $0 + basis[row][$1] * rotated[$1] } }
        let sigmaRate = (cSigma * (2 - cSigma) * muEffective).squareRoot()
        for i in 0..<n { pathSigma[i] = (1 - cSigma) * pathSigma[i] + sigmaRate * whitened[i] }
        let pathNorm = pathSigma.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let stalled = pathNorm / (1 - pow(1 - cSigma, 2 * Double(generation))).squareRoot() < (1.4 + 2 / Double(n + 1)) * chiN
        let hSigma = stalled ? 1.0 : 0.0
        let cRate = (cC * (2 - cC) * muEffective).squareRoot()
        for i in 0..<n { pathC[i] = (1 - cC) * pathC[i] + hSigma * cRate * weighted[i] }
        let decay = 1 - c1 - cMu + (1 - hSigma) * c1 * cC * (2 - cC)
        for i in 0..<n {
            for j in 0...i {
                var rankMu = 0.0
                for (weight, y) in zip(weights, selectedSteps) { rankMu += weight * y[i] * y[j] }
                let value = decay * covariance[i][j] + c1 * pathC[i] * pathC[j] + cMu * rankMu
                covariance[i][j] = value
                covariance[j][i] = value
            }
        }
        sigma *= exp(min(1, (cSigma / dSigma) * (pathNorm / chiN - 1)))
        let eigen = SymmetricEigen(covariance)
        basis = eigen.vectors
        scales = eigen.values.map { max($0, 1e-20).squareRoot() }
    }

    /// Whether the run has degenerated: a non-finite state, a collapsed step, or an ill-conditioned covariance.
    var isDegenerate: Bool {
        guard sigma.isFinite, sigma > 0, scales.allSatisfy(\.isFinite) else { return true }
        let largest = scales.max() ?? 1, smallest = scales.min() ?? 1
        return sigma * largest < 1e-10 || largest / max(smallest, 1e-300) > 1e7
    }
}
