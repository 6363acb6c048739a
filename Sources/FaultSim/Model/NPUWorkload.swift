/// Named single-layer workloads that fit every configuration's shared buffer (≤ 16 KiB).
///
/// `conv` (8×8×8 → 6×6×16, 3×3 kernel, ReLU, then 2×2 max pooling → 3×3×16, as a conv–ReLU–max-pool
/// stage of LeNet/VGG-style networks), `depthwise` (10×10×16, 3×3), `fc` (64 → 48 features).
/// Weights and inputs come from `seed`.
///
/// ```swift
/// let layer = try NPUWorkload.layer(named: "conv", seed: 1)
/// ```
public enum NPUWorkload {
    public static let names = ["conv", "depthwise", "fc"]

    public struct UnknownWorkload: Error, Sendable { public let name: String }

    public static func layer(named name: String, seed: UInt64) throws -> QuantizedLayer {
        switch name {
        case "conv": return QuantizedLayer(kind: .convolution, height: 8, width: 8, inputChannels: 8, outputChannels: 16, kernel: 3, pooling: .max2x2, seed: seed)
        case "depthwise": return QuantizedLayer(kind: .depthwise, height: 10, width: 10, inputChannels: 16, outputChannels: 16, kernel: 3, seed: seed)
        case "fc": return QuantizedLayer(kind: .fullyConnected, inputChannels: 64, outputChannels: 48, seed: seed)
        default: throw UnknownWorkload(name: name)
        }
    }
}
