import Foundation

/// A stationary covariance function with automatic relevance determination (one length-scale per
/// input dimension): k(x, y) = s²·g(r), r² = Σᵢ ((xᵢ − yᵢ)/ℓᵢ)².
///
/// - ``Kind/matern52``: g(r) = (1 + √5 r + 5r²/3)·exp(−√5 r) (twice differentiable; the default, as in
///   scikit-optimize and most BO libraries);
/// - ``Kind/rbf``: g(r) = exp(−r²/2).
///
/// ```swift
/// let kernel = Kernel(kind: .rbf, lengthScales: [1], signalVariance: 1, noiseVariance: 0)
/// kernel([0], [1])   // exp(-0.5)
/// ```
public struct Kernel: Sendable, Hashable, Codable {
    /// The covariance family (see the type's description).
    public enum Kind: String, Sendable, Hashable, Codable { case matern52, rbf }

    public var kind: Kind
    /// ℓᵢ per input dimension, in units of the (normalized) input.
    public var lengthScales: [Double]
    /// s², in units of the target squared.
    public var signalVariance: Double
    /// Observation noise variance σₙ² added to the diagonal, in units of the target squared.
    public var noiseVariance: Double

    public init(kind: Kind, lengthScales: [Double], signalVariance: Double, noiseVariance: Double) {
        self.kind = kind
        self.lengthScales = lengthScales
        self.signalVariance = signalVariance
        self.noiseVariance = noiseVariance
    }

    /// k(x, y) without noise.
    @inlinable public func callAsFunction(_ x: [Double], _ y: [Double]) -> Double {
        var r2 = 0.0
        for i in 0..<x.count {
            let d = (x[i] - y[i]) / lengthScales[i]
            r2 += d * d
        }
        switch kind {
        case .rbf:
            return signalVariance * exp(-0.5 * r2)
        case .matern52:
            let r = (5 * r2).squareRoot()
            return signalVariance * (1 + r + r * r / 3) * exp(-r)
        }
    }

    /// The kernel's free parameters as logs: [log ℓ₁…, log s², log σₙ²] (what the fit optimizes).
    public var logParameters: [Double] { lengthScales.map { log($0) } + [log(signalVariance), log(noiseVariance)] }

    /// The kernel with these log parameters (see ``logParameters``).
    public func with(logParameters theta: [Double]) -> Kernel {
        let d = lengthScales.count
        return Kernel(kind: kind, lengthScales: theta.prefix(d).map { exp($0) }, signalVariance: exp(theta[d]), noiseVariance: exp(theta[d + 1]))
    }
}
