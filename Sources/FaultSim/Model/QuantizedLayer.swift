/// One int8 quantized layer with its deterministic seeded weights, biases and input.
///
/// Shapes are NHWC with batch 1, no padding, stride 1. Arithmetic: int8 × int8 products summed into
/// a wrapping int32 accumulator that starts at the bias; requantization
/// `out = clamp(((acc · multiplier + 2^(shift−1)) >> shift) + outputZeroPoint, lower, 127)`; with
/// `relu` the lower clamp is the output zero point (fused ReLU), else −128. An optional pooling
/// stage follows the activation (same scale and zero point, as in TFLite int8): 2×2 stride-2 max or
/// average (VALID: a last odd row/column is dropped) or global average; averages round half away
/// from zero (`(sum ± n/2) / n`, truncating division), as TFLite's reference kernel.
///
/// ```swift
/// let layer = QuantizedLayer(kind: .convolution, height: 8, width: 8, inputChannels: 8,
///                            outputChannels: 16, kernel: 3, pooling: .max2x2, seed: 1)
/// let outputs = layer.referenceOutputs()   // 3 × 3 × 16 pooled int8 results
/// ```
public struct QuantizedLayer: Sendable, Hashable {
    /// The operator computed.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case convolution, depthwise, fullyConnected = "fully_connected"
    }

    /// Pooling applied by the output unit after requantization and activation.
    public enum Pooling: String, Sendable, Hashable, Codable, CaseIterable {
        /// No pooling: the activations are the results.
        case none
        /// 2×2 window, stride 2, maximum.
        case max2x2 = "max_2x2"
        /// 2×2 window, stride 2, rounded average.
        case average2x2 = "average_2x2"
        /// One rounded average per channel over the whole feature map.
        case globalAverage = "global_average"
    }

    public let kind: Kind
    /// Input height and width (pixels); 1 × 1 for fully connected.
    public let height: Int, width: Int
    /// Input and output channels (for fully connected: input and output features).
    public let inputChannels: Int, outputChannels: Int
    /// Square kernel size (pixels); 1 for fully connected.
    public let kernel: Int
    /// int8 weights, laid out [outputChannel][ky][kx][inputChannel] (depthwise: [channel][ky][kx]).
    public let weights: [Int8]
    /// int32 biases, one per output channel.
    public let biases: [Int32]
    /// int8 input activations, NHWC.
    public let inputs: [Int8]
    /// Requantization multiplier (Q31-free integer scale) and right shift (bits).
    public let multiplier: Int32, shift: Int
    /// Output zero point (int8 code).
    public let outputZeroPoint: Int8
    /// Fused ReLU (clamp at the zero point).
    public let relu: Bool
    /// Pooling after the activation.
    public let pooling: Pooling

    public init(kind: Kind, height: Int = 1, width: Int = 1, inputChannels: Int, outputChannels: Int,
                kernel: Int = 1, relu: Bool = true, pooling: Pooling = .none, seed: UInt64) {
        self.kind = kind
        self.height = kind == .fullyConnected ? 1 : height
        self.width = kind == .fullyConnected ? 1 : width
        self.kernel = kind == .fullyConnected ? 1 : kernel
        self.inputChannels = inputChannels
        self.outputChannels = kind == .depthwise ? inputChannels : outputChannels
        self.relu = relu
        self.pooling = kind == .fullyConnected ? .none : pooling
        var rng = SplitMixGenerator(seed: seed)
        let weightCount: Int
        switch kind {
        case .convolution: weightCount = self.outputChannels * kernel * kernel * inputChannels
        case .depthwise: weightCount = inputChannels * kernel * kernel
        case .fullyConnected: weightCount = self.outputChannels * inputChannels
        }
        weights = (0..<weightCount).map { _ in Int8.random(in: -127...127, using: &rng) }
        biases = (0..<self.outputChannels).map { _ in Int32.random(in: -2048...2048, using: &rng) }
        inputs = (0..<(self.height * self.width * inputChannels)).map { _ in Int8.random(in: -128...127, using: &rng) }
        let terms = kind == .depthwise ? kernel * kernel : self.kernel * self.kernel * inputChannels
        // Scale so that a typical accumulator (≈ 73² · √terms) maps to about ±64.
        let typical = 5300.0 * Double(terms).squareRoot()
        shift = 24
        multiplier = Int32(max(1, min(Double(Int32.max), 64.0 / typical * Double(1 << 24))))
        outputZeroPoint = -16
    }

    /// Output height and width (pixels).
    public var outputHeight: Int { height - kernel + 1 }
    public var outputWidth: Int { width - kernel + 1 }
    /// Number of int8 operator outputs (activations) before pooling.
    public var outputCount: Int { outputHeight * outputWidth * outputChannels }
    /// Height and width after pooling (pixels).
    public var pooledHeight: Int {
        switch pooling { case .none: outputHeight; case .max2x2, .average2x2: outputHeight / 2; case .globalAverage: 1 }
    }
    public var pooledWidth: Int {
        switch pooling { case .none: outputWidth; case .max2x2, .average2x2: outputWidth / 2; case .globalAverage: 1 }
    }
    /// Number of int8 results written to the buffer (after pooling).
    public var resultCount: Int { pooledHeight * pooledWidth * outputChannels }
    /// Multiply-accumulate terms per output.
    public var termsPerOutput: Int { kind == .depthwise ? kernel * kernel : kernel * kernel * inputChannels }

    /// Requantizes one accumulator with the given parameters (also used with faulty parameters).
    @inline(__always)
    public static func requantize(_ acc: Int32, multiplier: Int32, shift: Int, zeroPoint: Int8, relu: Bool) -> Int8 {
        let s = min(max(shift, 0), 62)
        let rounding: Int64 = s == 0 ? 0 : (1 << (s - 1))
        let scaled = (Int64(acc) * Int64(multiplier) + rounding) >> Int64(s)
        let shifted = scaled + Int64(zeroPoint)
        let lower: Int64 = relu ? Int64(zeroPoint) : -128
        return Int8(min(max(shifted, lower), 127))
    }

    /// Rounded average of `count` int8 values summing to `sum` (TFLite: half away from zero), saturated to int8.
    @inline(__always)
    public static func roundedAverage(sum: Int32, count: Int32) -> Int8 {
        Int8(clamping: sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count)
    }

    /// The plain reference implementation: the operator's nested loops, then pooling (NHWC results).
    public func referenceOutputs() -> [Int8] {
        referencePool(referenceActivations())
    }

    /// Reference pooling of NHWC activations by the definition of ``pooling``.
    public func referencePool(_ activations: [Int8]) -> [Int8] {
        let c = outputChannels, w = outputWidth
        var out = [Int8](repeating: 0, count: resultCount)
        switch pooling {
        case .none:
            return activations
        case .max2x2, .average2x2:
            for py in 0..<pooledHeight {
                for px in 0..<pooledWidth {
                    for ch in 0..<c {
                        var window: [Int8] = []
                        for dy in 0..<2 { for dx in 0..<2 { window.append(activations[((2 * py + dy) * w + 2 * px + dx) * c + ch]) } }
                        out[(py * pooledWidth + px) * c + ch] = pooling == .max2x2 ? window.max()!
                            : Self.roundedAverage(sum: window.reduce(0) { $0 + Int32($1) }, count: 4)
                    }
                }
            }
        case .globalAverage:
            for ch in 0..<c {
                var sum: Int32 = 0
                for pixel in 0..<(outputHeight * w) { sum += Int32(activations[pixel * c + ch]) }
                out[ch] = Self.roundedAverage(sum: sum, count: Int32(outputHeight * w))
            }
        }
        return out
    }

    /// Reference activations (operator + requantization + activation, before pooling), NHWC.
    public func referenceActivations() -> [Int8] {
        var out = [Int8](repeating: 0, count: outputCount)
        for oy in 0..<outputHeight {
            for ox in 0..<outputWidth {
                for oc in 0..<outputChannels {
                    var acc = biases[oc]
                    for ky in 0..<kernel {
                        for kx in 0..<kernel {
                            let base = ((oy + ky) * width + (ox + kx)) * inputChannels
                            switch kind {
                            case .depthwise:
                                let w = weights[(oc * kernel + ky) * kernel + kx]
                                acc &+= Int32(w) * Int32(inputs[base + oc])
                            case .convolution, .fullyConnected:
                                for ic in 0..<inputChannels {
                                    let w = weights[((oc * kernel + ky) * kernel + kx) * inputChannels + ic]
                                    acc &+= Int32(w) * Int32(inputs[base + ic])
                                }
                            }
                        }
                    }
                    out[(oy * outputWidth + ox) * outputChannels + oc] =
                        Self.requantize(acc, multiplier: multiplier, shift: shift, zeroPoint: outputZeroPoint, relu: relu)
                }
            }
        }
        return out
    }
}
