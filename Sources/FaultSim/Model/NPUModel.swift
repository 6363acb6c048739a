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
        /// More pooling windows are open at once than the output unit's line buffer has entries.
        case poolingWindowsDoNotFit(entries: Int)
    }

    /// Entries of the output unit's pooling line buffer (16 bits each, 1024 flop bits): enough for
    /// the open 2×2 windows of one pooled row of up to 64 (pixel, channel) pairs, e.g. 4 pixels ×
    /// 16 channels, or global averages over 64 channels. The entries are flops of `output_unit`.
    public static let poolingEntries = 64

    public let configuration: NPUConfiguration
    public let layer: QuantizedLayer
    /// Terms per output (K) and output groups (G).
    public let terms: Int, groups: Int
    /// Total cycles of the layer (cycles).
    public let totalCycles: Int
    /// Golden int32 accumulators after the last term, and golden int8 activations before pooling (NHWC).
    public let goldenAccumulators: [Int32]
    public let goldenActivations: [Int8]
    /// Golden int8 results written to the buffer (after pooling; NHWC).
    public let goldenOutputs: [Int8]
    /// Shared buffer byte offsets of each region (bytes).
    public let weightBase: Int, biasBase: Int, inputBase: Int, outputBase: Int, usedBytes: Int

    // Gather tables: for output o and term k, the weight and input indices (row-major o·K + k).
    let weightIndex: [Int32]
    let inputIndex: [Int32]
    // Reverse tables (CSR): for each weight/input, the (o·K + k) positions reading it.
    let weightUsersStart: [Int32], weightUsers: [Int32]
    let inputUsersStart: [Int32], inputUsers: [Int32]
    // Pooling windows: result index of each activation (-1: dropped by VALID pooling); members of
    // each window (CSR, ascending activation index); for each group 0...G, the first result whose
    // write happens on or after that group's drain cycle.
    let windowOf: [Int32]
    let windowMembersStart: [Int32], windowMembers: [Int32]
    let firstResultWrittenFrom: [Int32]

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
        usedBytes = outputBase + layer.resultCount
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
        goldenActivations = outs
        // Pooling windows.
        var window = [Int32](repeating: -1, count: outputs)
        let ow = layer.outputWidth
        for o in 0..<outputs {
            let c = o % cout, x = (o / cout) % ow, y = o / cout / ow
            switch layer.pooling {
            case .none: window[o] = Int32(o)
            case .max2x2, .average2x2:
                if y / 2 < layer.pooledHeight, x / 2 < layer.pooledWidth {
                    window[o] = Int32(((y / 2) * layer.pooledWidth + x / 2) * cout + c)
                }
            case .globalAverage: window[o] = Int32(c)
            }
        }
        windowOf = window
        (windowMembersStart, windowMembers) = Self.reverse(window.map { $0 < 0 ? Int32(layer.resultCount) : $0 }, count: layer.resultCount + 1)
        // Window w and w + entries share an entry: w must be finalized before w + entries opens.
        if layer.pooling != .none {
            for w in 0..<max(0, layer.resultCount - Self.poolingEntries)
            where windowMembers[Int(windowMembersStart[w + 1]) - 1] > windowMembers[Int(windowMembersStart[w + Self.poolingEntries])] {
                throw ModelError.poolingWindowsDoNotFit(entries: Self.poolingEntries)
            }
        }
        var results = [Int8](repeating: 0, count: layer.resultCount)
        for w in 0..<layer.resultCount { results[w] = Self.pool(members: windowMembers[Int(windowMembersStart[w])..<Int(windowMembersStart[w + 1])].map { outs[Int($0)] }, layer.pooling) }
        goldenOutputs = results
        // Results are written in index order (each at its last member's drain cycle).
        var firstWritten = [Int32](repeating: Int32(layer.resultCount), count: groups + 1)
        for w in stride(from: layer.resultCount - 1, through: 0, by: -1) {
            let last = Int(windowMembers[Int(windowMembersStart[w + 1]) - 1])
            firstWritten[last / configuration.macsPerCycle] = Int32(w)
        }
        for g in stride(from: groups - 1, through: 0, by: -1) { firstWritten[g] = min(firstWritten[g], firstWritten[g + 1]) }
        firstResultWrittenFrom = firstWritten
    }

    /// One pooling-unit entry step: the first member overwrites the entry, later ones fold in.
    @inline(__always)
    static func fold(_ entry: Int16, _ value: Int8, first: Bool, _ pooling: QuantizedLayer.Pooling) -> Int16 {
        if first { return Int16(value) }
        return pooling == .max2x2 ? max(entry, Int16(value)) : entry &+ Int16(value)
    }

    /// The result the pooling unit writes for a finished entry of a `count`-member window.
    @inline(__always)
    static func finalize(_ entry: Int16, count: Int, _ pooling: QuantizedLayer.Pooling) -> Int8 {
        switch pooling {
        case .none, .max2x2: return Int8(clamping: entry)
        case .average2x2, .globalAverage: return QuantizedLayer.roundedAverage(sum: Int32(entry), count: Int32(count))
        }
    }

    /// The pooling unit's result for a window's member values in drain order.
    static func pool(members: [Int8], _ pooling: QuantizedLayer.Pooling) -> Int8 {
        var entry: Int16 = 0
        for (i, v) in members.enumerated() { entry = fold(entry, v, first: i == 0, pooling) }
        return finalize(entry, count: members.count, pooling)
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
        case .outputUnit: return 32 + 6 + 8 + 16 * Self.poolingEntries
        }
    }

    /// The pooling unit's result for window (result) `w` when activation `o` reads `value` (cycles aside).
    @inline(__always) func result(ofWindow w: Int, activations: (Int) -> Int8) -> Int8 {
        let start = Int(windowMembersStart[w]), end = Int(windowMembersStart[w + 1])
        var entry: Int16 = 0
        for i in start..<end { entry = Self.fold(entry, activations(Int(windowMembers[i])), first: i == start, layer.pooling) }
        return Self.finalize(entry, count: end - start, layer.pooling)
    }

    /// Cycle at the end of which the store DMA writes result `w` (its last member's drain cycle) (cycles).
    @inline(__always) func writeCycle(ofResult w: Int) -> Int {
        drainCycle(ofOutput: Int(windowMembers[Int(windowMembersStart[w + 1]) - 1]))
    }

    /// Cycle on which output (activation) `o` is drained (cycles).
    @inline(__always) func drainCycle(ofOutput o: Int) -> Int {
        (o / configuration.macsPerCycle + 1) * (terms + 1) - 1
    }

    /// Cycle on which term `k` of output `o` is multiplied (cycles).
    @inline(__always) func cycle(ofOutput o: Int, term k: Int) -> Int {
        (o / configuration.macsPerCycle) * (terms + 1) + k
    }
}
