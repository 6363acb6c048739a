/// The functional int8 NPU model: one layer scheduled on one configuration, with its golden run.
///
/// Schedule (output-stationary): outputs are taken in NHWC order in groups of `macsPerCycle`; group
/// `g` occupies cycles `g·(K+1) ..< (g+1)·(K+1)` where `K` is the terms per output: cycle `g·(K+1)+k`
/// multiplies term `k` on every lane (the weight decoder and input registers hold that cycle's
/// operands), the last cycle drains the lanes through the output unit into the output registers,
/// which the store DMA writes to the shared buffer at the end of the cycle. Weights, biases and
/// inputs are preloaded by the load DMA before cycle 0, so the load DMA registers are dead during
/// compute. Shared buffer layout: weights, biases (4 bytes each), inputs, outputs, then unused bytes.
///
/// What is modelled: the data path values bit-exactly, the liveness of every state bit per cycle,
/// the sequencer's counters (loops that run off the end hang and are caught by a watchdog), DMA
/// bounds checks. Not modelled: pipeline stages inside the MAC, clock gating, the weight
/// decompression stream, command stream parsing, multiple layers.
///
/// ```swift
/// let model = try NPUModel(configuration: .u55_32, layer: QuantizedLayer(kind: .fullyConnected,
///                          inputChannels: 64, outputChannels: 32, seed: 1))
/// model.goldenOutputs == model.layer.referenceOutputs()   // true
/// ```
public struct NPUModel: Sendable {
    public enum ModelError: Error, Equatable, Sendable {
        /// The layer's weights, biases and activations do not fit the shared buffer (bytes).
        case doesNotFit(neededBytes: Int, bufferBytes: Int)
    }

    public let configuration: NPUConfiguration
    public let layer: QuantizedLayer
    /// Terms per output (K) and output groups (G).
    public let terms: Int, groups: Int
    /// Total cycles of the layer (cycles).
    public let totalCycles: Int
    /// Golden int32 accumulators after the last term, and golden int8 outputs (NHWC).
    public let goldenAccumulators: [Int32]
    public let goldenOutputs: [Int8]
    /// Shared buffer byte offsets of each region (bytes).
    public let weightBase: Int, biasBase: Int, inputBase: Int, outputBase: Int, usedBytes: Int

    // Gather tables: for output o and term k, the weight and input indices (row-major o·K + k).
    let weightIndex: [Int32]
    let inputIndex: [Int32]
    // Reverse tables (CSR): for each weight/input, the (o·K + k) positions reading it.
    let weightUsersStart: [Int32], weightUsers: [Int32]
    let inputUsersStart: [Int32], inputUsers: [Int32]

    public init(configuration: NPUConfiguration, layer: QuantizedLayer) throws {
        self.configuration = configuration
        self.layer = layer
        let k = layer.termsPerOutput
        terms = k
        let outputs = layer.outputCount
        groups = (outputs + configuration.macsPerCycle - 1) / configuration.macsPerCycle
        totalCycles = groups * (k + 1)
        weightBase = 0
        biasBase = layer.weights.count
        inputBase = biasBase + 4 * layer.biases.count
        outputBase = inputBase + layer.inputs.count
        usedBytes = outputBase + outputs
        guard usedBytes <= configuration.sharedBufferBytes else {
            throw ModelError.doesNotFit(neededBytes: usedBytes, bufferBytes: configuration.sharedBufferBytes)
        }
        var wIdx = [Int32](repeating: 0, count: outputs * k)
        var iIdx = [Int32](repeating: 0, count: outputs * k)
        let kn = layer.kernel, cin = layer.inputChannels, cout = layer.outputChannels
        for o in 0..<outputs {
            let oc = o % cout, pixel = o / cout
            let oy = pixel / layer.outputWidth, ox = pixel % layer.outputWidth
            var t = 0
            for ky in 0..<kn {
                for kx in 0..<kn {
                    let base = ((oy + ky) * layer.width + (ox + kx)) * cin
                    if layer.kind == .depthwise {
                        wIdx[o * k + t] = Int32((oc * kn + ky) * kn + kx)
                        iIdx[o * k + t] = Int32(base + oc)
                        t += 1
                    } else {
                        for ic in 0..<cin {
                            wIdx[o * k + t] = Int32(((oc * kn + ky) * kn + kx) * cin + ic)
                            iIdx[o * k + t] = Int32(base + ic)
                            t += 1
                        }
                    }
                }
            }
        }
        weightIndex = wIdx
        inputIndex = iIdx
        (weightUsersStart, weightUsers) = Self.reverse(wIdx, count: layer.weights.count)
        (inputUsersStart, inputUsers) = Self.reverse(iIdx, count: layer.inputs.count)
        // Golden run through the model's own data path.
        var accs = [Int32](repeating: 0, count: outputs)
        var outs = [Int8](repeating: 0, count: outputs)
        for o in 0..<outputs {
            var acc = layer.biases[o % cout]
            for t in 0..<k {
                acc &+= Int32(layer.weights[Int(wIdx[o * k + t])]) * Int32(layer.inputs[Int(iIdx[o * k + t])])
            }
            accs[o] = acc
            outs[o] = QuantizedLayer.requantize(acc, multiplier: layer.multiplier, shift: layer.shift,
                                                zeroPoint: layer.outputZeroPoint, relu: layer.relu)
        }
        goldenAccumulators = accs
        goldenOutputs = outs
    }

    private static func reverse(_ index: [Int32], count: Int) -> ([Int32], [Int32]) {
        var start = [Int32](repeating: 0, count: count + 1)
        for i in index { start[Int(i) + 1] += 1 }
        for i in 0..<count { start[i + 1] += start[i] }
        var fill = start
        var users = [Int32](repeating: 0, count: index.count)
        for (position, i) in index.enumerated() {
            users[Int(fill[Int(i)])] = Int32(position)
            fill[Int(i)] += 1
        }
        return (start, users)
    }

    /// Bits of state in `block` (bits): flops for register blocks, SRAM bits for the shared buffer.
    public func bitCount(of block: StateBlock) -> Int {
        let lanes = configuration.macsPerCycle
        switch block {
        case .accumulators: return lanes * 32
        case .weightDecoder, .inputRegisters, .outputRegisters: return lanes * 8
        case .sharedBuffer: return configuration.sharedBufferBytes * 8
        case .dmaLoad: return 2 * (24 + 16)
        case .dmaStore: return 24 + 16
        case .control: return 32
        case .outputUnit: return 32 + 6 + 8
        }
    }

    /// Cycle on which output `o` is drained and written (cycles).
    @inline(__always) func drainCycle(ofOutput o: Int) -> Int {
        (o / configuration.macsPerCycle + 1) * (terms + 1) - 1
    }

    /// Cycle on which term `k` of output `o` is multiplied (cycles).
    @inline(__always) func cycle(ofOutput o: Int, term k: Int) -> Int {
        (o / configuration.macsPerCycle) * (terms + 1) + k
    }
}
