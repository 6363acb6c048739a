/// Injects one single-bit flip at (block, bit, cycle) into an ``NPUModel`` and classifies the result.
///
/// A flip is applied at the start of `cycle`. Cost is proportional to the slice of the computation
/// the flipped bit can reach (analytic liveness plus re-execution of only the affected outputs),
/// not to the whole layer.
///
/// ```swift
/// let injector = FaultInjector(model: model)
/// let outcome = injector.inject(block: .accumulators, bit: 5, cycle: 10)   // .sdc or .masked
/// ```
public struct FaultInjector: Sendable {
    public let model: NPUModel

    public init(model: NPUModel) { self.model = model }

    /// The outcome of flipping `bit` (0 ..< model.bitCount(of: block)) of `block` at `cycle` (0 ..< totalCycles).
    public func inject(block: StateBlock, bit: Int, cycle: Int) -> FaultOutcome {
        let m = model
        let lanes = m.configuration.macsPerCycle
        let k = m.terms
        let group = cycle / (k + 1)
        let term = cycle % (k + 1)          // == k on the drain cycle
        switch block {
        case .accumulators:
            let o = group * lanes + bit / 32
            guard o < m.layer.outputCount else { return .masked }
            var partial = m.layer.biases[o % m.layer.outputChannels]
            for t in 0..<term { partial &+= product(o, t) }
            let delta = Int32(bitPattern: UInt32(bitPattern: partial) ^ (1 << UInt32(bit % 32))) &- partial
            return compare(o, m.goldenAccumulators[o] &+ delta)
        case .weightDecoder, .inputRegisters:
            let o = group * lanes + bit / 8
            guard o < m.layer.outputCount, term < k else { return .masked }
            let w = m.layer.weights[Int(m.weightIndex[o * k + term])]
            let x = m.layer.inputs[Int(m.inputIndex[o * k + term])]
            let mask = Int8(bitPattern: UInt8(1 << (bit % 8)))
            let faulty = block == .weightDecoder ? Int32(w ^ mask) * Int32(x) : Int32(w) * Int32(x ^ mask)
            return compare(o, m.goldenAccumulators[o] &+ (faulty &- Int32(w) * Int32(x)))
        case .outputRegisters:
            let o = group * lanes + bit / 8
            guard o < m.layer.outputCount, term == k else { return .masked }
            return .sdc   // the register is written to the buffer unchanged at the end of this cycle
        case .sharedBuffer:
            return injectBuffer(byte: bit / 8, bit: bit % 8, cycle: cycle)
        case .dmaLoad:
            return .masked   // loads finished before cycle 0
        case .dmaStore:
            return injectStoreDMA(bit: bit, group: group)
        case .control:
            return bit < 16 ? injectTermCounter(bit: bit, group: group, term: term)
                            : injectGroupCounter(bit: bit - 16, group: group)
        case .outputUnit:
            return injectOutputUnit(bit: bit, cycle: cycle)
        }
    }

    @inline(__always) private func product(_ o: Int, _ t: Int) -> Int32 {
        let p = o * model.terms + t
        return Int32(model.layer.weights[Int(model.weightIndex[p])]) * Int32(model.layer.inputs[Int(model.inputIndex[p])])
    }

    @inline(__always) private func requantize(_ acc: Int32) -> Int8 {
        let l = model.layer
        return QuantizedLayer.requantize(acc, multiplier: l.multiplier, shift: l.shift, zeroPoint: l.outputZeroPoint, relu: l.relu)
    }

    @inline(__always) private func compare(_ o: Int, _ acc: Int32) -> FaultOutcome {
        requantize(acc) == model.goldenOutputs[o] ? .masked : .sdc
    }

    private func injectBuffer(byte: Int, bit: Int, cycle: Int) -> FaultOutcome {
        let m = model
        let mask = Int8(bitPattern: UInt8(1 << bit))
        if byte < m.biasBase {
            return rereadOperand(users: m.weightUsers, start: m.weightUsersStart, index: byte, cycle: cycle) { o, t in
                let w = m.layer.weights[byte], x = m.layer.inputs[Int(m.inputIndex[o * m.terms + t])]
                return Int32(w ^ mask) * Int32(x) &- Int32(w) * Int32(x)
            }
        } else if byte < m.inputBase {
            let channel = (byte - m.biasBase) / 4
            let bias = m.layer.biases[channel]
            let flipped = Int32(bitPattern: UInt32(bitPattern: bias) ^ (UInt32(1) << UInt32(((byte - m.biasBase) % 4) * 8 + bit)))
            var o = channel
            while o < m.layer.outputCount {
                if m.cycle(ofOutput: o, term: 0) >= cycle,
                   compare(o, m.goldenAccumulators[o] &+ (flipped &- bias)) == .sdc { return .sdc }
                o += m.layer.outputChannels
            }
            return .masked
        } else if byte < m.outputBase {
            let index = byte - m.inputBase
            return rereadOperand(users: m.inputUsers, start: m.inputUsersStart, index: index, cycle: cycle) { o, t in
                let x = m.layer.inputs[index], w = m.layer.weights[Int(m.weightIndex[o * m.terms + t])]
                return Int32(w) * Int32(x ^ mask) &- Int32(w) * Int32(x)
            }
        } else if byte < m.usedBytes {
            return cycle > m.drainCycle(ofOutput: byte - m.outputBase) ? .sdc : .masked
        }
        return .masked   // unused buffer bytes are never read
    }

    /// Re-executes only the outputs that read the flipped operand at or after `cycle`.
    private func rereadOperand(users: [Int32], start: [Int32], index: Int, cycle: Int,
                               delta: (Int, Int) -> Int32) -> FaultOutcome {
        let k = model.terms
        var current = -1
        var acc: Int32 = 0
        for u in Int(start[index])..<Int(start[index + 1]) {
            let position = Int(users[u]), o = position / k, t = position % k
            guard model.cycle(ofOutput: o, term: t) >= cycle else { continue }
            if o != current {
                if current >= 0, compare(current, acc) == .sdc { return .sdc }
                current = o
                acc = model.goldenAccumulators[o]
            }
            acc &+= delta(o, t)
        }
        if current >= 0, compare(current, acc) == .sdc { return .sdc }
        return .masked
    }

    private func injectStoreDMA(bit: Int, group: Int) -> FaultOutcome {
        let m = model
        let lanes = m.configuration.macsPerCycle
        let firstPending = group * lanes   // outputs of this and later groups are still to be written
        guard firstPending < m.layer.outputCount else { return .masked }
        if bit < 24 {   // address register
            let address = m.outputBase ^ (1 << bit)
            if address + m.layer.outputCount > m.configuration.sharedBufferBytes { return .detected }
            return .sdc
        }
        let length = m.layer.outputCount ^ (1 << (bit - 24))
        if m.outputBase + length > m.configuration.sharedBufferBytes { return .detected }
        if length < m.layer.outputCount { return .sdc }   // the last pending outputs are never written
        return .masked   // extra bytes land in unused buffer space
    }

    private func injectTermCounter(bit: Int, group: Int, term: Int) -> FaultOutcome {
        let m = model
        let flipped = term ^ (1 << bit)
        if flipped > m.terms { return .detected }   // counts past the end test: hang, watchdog
        let lanes = m.configuration.macsPerCycle
        for lane in 0..<lanes {
            let o = group * lanes + lane
            guard o < m.layer.outputCount else { break }
            var acc = m.goldenAccumulators[o]
            if flipped > term {
                for t in term..<flipped { acc &-= product(o, t) }   // skipped terms
            } else {
                for t in flipped..<min(term, m.terms) { acc &+= product(o, t) }   // repeated terms
            }
            if compare(o, acc) == .sdc { return .sdc }
        }
        return .masked
    }

    private func injectGroupCounter(bit: Int, group: Int) -> FaultOutcome {
        let m = model
        let flipped = group ^ (1 << bit)
        if flipped >= m.groups { return .detected }   // past the end: hang or out-of-range store
        let lanes = m.configuration.macsPerCycle
        // Group `group`'s results land in slot `flipped`; skipped slots keep their initial zeros.
        for lane in 0..<lanes {
            let src = group * lanes + lane, dst = flipped * lanes + lane
            guard dst < m.layer.outputCount else { break }
            let value: Int8 = src < m.layer.outputCount ? m.goldenOutputs[src] : 0
            if value != m.goldenOutputs[dst] { return .sdc }
        }
        if flipped > group {
            for o in ((group * lanes)..<min(flipped * lanes, m.layer.outputCount)) where m.goldenOutputs[o] != 0 { return .sdc }
        }
        return .masked
    }

    private func injectOutputUnit(bit: Int, cycle: Int) -> FaultOutcome {
        let m = model, l = m.layer
        var multiplier = l.multiplier, shift = l.shift, zero = l.outputZeroPoint
        if bit < 32 { multiplier = Int32(bitPattern: UInt32(bitPattern: multiplier) ^ (1 << UInt32(bit))) }
        else if bit < 38 { shift ^= 1 << (bit - 32) }
        else { zero ^= Int8(bitPattern: UInt8(1 << (bit - 38))) }
        let lanes = m.configuration.macsPerCycle
        let firstGroup = cycle / (m.terms + 1)   // groups not yet drained (this one drains at its last cycle)
        for o in (firstGroup * lanes)..<max(firstGroup * lanes, l.outputCount) {
            let value = QuantizedLayer.requantize(m.goldenAccumulators[o], multiplier: multiplier, shift: shift, zeroPoint: zero, relu: l.relu)
            if value != m.goldenOutputs[o] { return .sdc }
        }
        return .masked
    }
}
