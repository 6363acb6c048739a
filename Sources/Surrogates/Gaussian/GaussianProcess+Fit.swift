import GymCore
import Numerics

extension GaussianProcess {
    /// Fits the kernel's length-scales, signal and noise variances by maximizing the log marginal
    /// likelihood plus a weak log-normal prior on each length-scale (median 0.5, σ of log ℓ = 1.5, which
    /// keeps a few dozen observations from fitting ripples with tiny length-scales) with Nelder–Mead over
    /// log parameters, from `start` and `restarts` − 1 random starting points, within boxes:
    /// ℓ ∈ [0.05, 20], s² ∈ [0.01, 100], σₙ² ∈ [1e-8, 1] (normalized inputs, standardized targets).
    /// Returns the best kernel found.
    public static func fitKernel(start: Kernel, inputs: [[Double]], targets: [Double], restarts: Int, maxEvaluations: Int,
                                 using generator: inout SeededGenerator) -> Kernel {
        let d = start.lengthScales.count
        let lower = [Double](repeating: log(0.05), count: d) + [log(0.01), log(1e-8)]
        let upper = [Double](repeating: log(20), count: d) + [log(100), log(1)]
        func clamp(_ theta: [Double]) -> [Double] { (0..<theta.count).map { min(max(theta[$0], lower[$0]), upper[$0]) } }
        // The likelihood of the standardized targets (what the GP uses).
        let mean = targets.reduce(0, +) / Double(max(targets.count, 1))
        let variance = targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(targets.count, 1))
        let scale = variance > 1e-24 ? variance.squareRoot() : 1
        let standardized = targets.map { ($0 - mean) / scale }
        func negativeLikelihood(_ theta: [Double]) -> Double {
            let bounded = clamp(theta)
            let kernel = start.with(logParameters: bounded)
            let prior = bounded.prefix(d).reduce(0) { $0 - 0.5 * pow(($1 - log(0.5)) / 1.5, 2) }
            return -((logMarginalLikelihood(kernel: kernel, inputs: inputs, targets: standardized) ?? -.greatestFiniteMagnitude) + prior)
        }
        var best = (point: clamp(start.logParameters), value: negativeLikelihood(clamp(start.logParameters)))
        for restart in 0..<max(restarts, 1) {
            let origin = restart == 0 ? best.point : (0..<lower.count).map { Double.random(in: lower[$0]...upper[$0], using: &generator) }
            let result = NelderMead.minimize(start: origin, step: 1, maxEvaluations: maxEvaluations, negativeLikelihood)
            if result.value < best.value { best = (clamp(result.point), result.value) }
        }
        return start.with(logParameters: best.point)
    }
}

import Foundation
