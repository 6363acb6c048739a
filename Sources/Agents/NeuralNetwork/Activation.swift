import Foundation

/// The elementwise nonlinearity between hidden layers of a ``MultilayerPerceptron``.
///
/// ```swift
/// Activation.tanh.apply(0.5)                 // 0.4621
/// Activation.relu.derivative(output: 0.0)    // 0
/// ```
public enum Activation: String, Codable, Sendable, Equatable {
    case tanh
    case relu

    /// The activation of a pre-activation value.
    @inlinable public func apply(_ x: Double) -> Double {
        switch self {
        case .tanh: return Foundation.tanh(x)
        case .relu: return x > 0 ? x : 0
        }
    }

    /// The derivative at the point whose activation is `output` (both are functions of the output).
    @inlinable public func derivative(output y: Double) -> Double {
        switch self {
        case .tanh: return 1 - y * y
        case .relu: return y > 0 ? 1 : 0
        }
    }
}
