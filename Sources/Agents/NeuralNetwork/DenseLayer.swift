/// One fully connected layer `y = W x + b`, stored in a slice of a flat parameter vector: the weights
/// row-major (`outputCount × inputCount`) from ``offset``, then the biases.
///
/// Layers own no storage, so a whole network is one `[Double]` that ``AdamOptimizer`` updates in place.
///
/// ```swift
/// let layer = DenseLayer(inputCount: 2, outputCount: 1, offset: 0)
/// layer.forward([1, 2], parameters: [0.5, -1, 0.1])   // [-1.4]
/// ```
public struct DenseLayer: Codable, Sendable, Equatable {
    public let inputCount: Int
    public let outputCount: Int
    /// Index of the first weight in the flat parameter vector.
    public let offset: Int

    public init(inputCount: Int, outputCount: Int, offset: Int) {
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.offset = offset
    }

    /// Weights plus biases.
    public var parameterCount: Int { outputCount * (inputCount + 1) }
    var biasOffset: Int { offset + outputCount * inputCount }

    /// `W x + b`.
    public func forward(_ input: [Double], parameters: [Double]) -> [Double] {
        precondition(input.count == inputCount, "dense layer: input has \(input.count) entries, expected \(inputCount)")
        var output = [Double](repeating: 0, count: outputCount)
        parameters.withUnsafeBufferPointer { p in
            input.withUnsafeBufferPointer { x in
                for row in 0..<outputCount {
                    var sum = p[biasOffset + row]
                    let base = offset + row * inputCount
                    for column in 0..<inputCount { sum += p[base + column] * x[column] }
                    output[row] = sum
                }
            }
        }
        return output
    }

    /// Accumulates `∂L/∂W` and `∂L/∂b` into `gradient` (same layout as the parameters) and returns
    /// `∂L/∂x`, given the layer's input and `∂L/∂y`.
    public func backward(input: [Double], outputGradient: [Double], parameters: [Double], gradient: inout [Double]) -> [Double] {
        var inputGradient = [Double](repeating: 0, count: inputCount)
        parameters.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { g in
                for row in 0..<outputCount {
                    let dy = outputGradient[row]
                    if dy == 0 { continue }
                    g[biasOffset + row] += dy
                    let base = offset + row * inputCount
                    for column in 0..<inputCount {
                        g[base + column] += dy * input[column]
                        inputGradient[column] += dy * p[base + column]
                    }
                }
            }
        }
        return inputGradient
    }
}
