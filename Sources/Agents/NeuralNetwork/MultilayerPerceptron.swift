import GymCore

/// A feed-forward network of ``DenseLayer``s with one ``Activation`` after every hidden layer and a
/// linear output, its parameters in one flat vector (``parameters``).
///
/// Weights start as scaled Gaussians (variance `gain² / inputs`), biases at zero; the last layer's
/// gain is ``init(sizes:activation:outputGain:generator:)``'s `outputGain` (small for policy heads, so
/// the initial policy is near uniform).
///
/// ```swift
/// var generator = SeededGenerator(seed: 1)
/// let network = MultilayerPerceptron(sizes: [4, 32, 32, 2], activation: .tanh, generator: &generator)
/// let trace = network.trace([0, 1, 0, 1])
/// var gradient = network.zeroGradient()
/// network.backward(trace, outputGradient: [1, 0], into: &gradient)
/// ```
public struct MultilayerPerceptron: Codable, Sendable, Equatable {
    /// Input width, hidden widths, output width.
    public let sizes: [Int]
    public let activation: Activation
    public let layers: [DenseLayer]
    /// All weights and biases, layer by layer.
    public var parameters: [Double]

    /// The intermediate values of one forward pass, needed by ``backward(_:outputGradient:into:)``.
    public struct Trace: Sendable {
        /// The input of each layer (the network input, then each hidden layer's activations).
        public var layerInputs: [[Double]]
        public var output: [Double]
    }

    public init(sizes: [Int], activation: Activation, outputGain: Double = 1, generator: inout SeededGenerator) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 >= 1 }, "a network needs an input and an output width")
        var layers: [DenseLayer] = []
        var offset = 0
        for (input, output) in zip(sizes, sizes.dropFirst()) {
            let layer = DenseLayer(inputCount: input, outputCount: output, offset: offset)
            layers.append(layer)
            offset += layer.parameterCount
        }
        var parameters = [Double](repeating: 0, count: offset)
        for (index, layer) in layers.enumerated() {
            let isOutput = index == layers.count - 1
            let gain = isOutput ? outputGain : (activation == .relu ? 2.0.squareRoot() : 1.0)
            let scale = gain / Double(layer.inputCount).squareRoot()
            for weight in layer.offset..<layer.biasOffset { parameters[weight] = scale * generator.nextGaussian() }
        }
        self.sizes = sizes
        self.activation = activation
        self.layers = layers
        self.parameters = parameters
    }

    public var inputCount: Int { sizes[0] }
    public var outputCount: Int { sizes[sizes.count - 1] }

    /// The network's output for `input`.
    public func forward(_ input: [Double]) -> [Double] { trace(input).output }

    /// A forward pass that keeps what the backward pass needs.
    public func trace(_ input: [Double]) -> Trace {
        var inputs: [[Double]] = []
        inputs.reserveCapacity(layers.count)
        var current = input
        for (index, layer) in layers.enumerated() {
            inputs.append(current)
            current = layer.forward(current, parameters: parameters)
            if index < layers.count - 1 {
                for unit in current.indices { current[unit] = activation.apply(current[unit]) }
            }
        }
        return Trace(layerInputs: inputs, output: current)
    }

    /// A zero vector shaped like ``parameters``.
    public func zeroGradient() -> [Double] { [Double](repeating: 0, count: parameters.count) }

    /// Accumulates `∂L/∂parameters` into `gradient` given `∂L/∂output`; returns `∂L/∂input`.
    @discardableResult
    public func backward(_ trace: Trace, outputGradient: [Double], into gradient: inout [Double]) -> [Double] {
        var upstream = outputGradient
        for index in layers.indices.reversed() {
            if index < layers.count - 1 {
                // `upstream` is ∂L/∂(activation output) of layer `index`; its activations are the next layer's input.
                let activations = trace.layerInputs[index + 1]
                for unit in upstream.indices { upstream[unit] *= activation.derivative(output: activations[unit]) }
            }
            upstream = layers[index].backward(input: trace.layerInputs[index], outputGradient: upstream, parameters: parameters, gradient: &gradient)
        }
        return upstream
    }
}
