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
            // Written to the buffer (or folded into its pooling window) at the end of this cycle.
            return classify(o, m.goldenActivations[o] ^ Int8(bitPattern: UInt8(1 << (bit % 8))))
        case .sharedBuffer:
            return injectBuffer(byte: bit / 8, bit: bit % 8, cycle: cycle)
        case .dmaLoad:
            return .masked   // loads finished before cycle 0
        case .dmaStore:
            return injectStoreDMA(bit: bit, group: group)
        case .control:
            return bit < 16 ? injectTermCounter(bit: bit, group: group, term: term)
                            : injectGroupCounter(bit: bit - 16, group: group, term: term)
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
        classify(o, requantize(acc))
    }

    /// Outcome when only activation `o` changes to `value`: compared directly, or through its pooling window.
    @inline(__always) private func classify(_ o: Int, _ value: Int8) -> FaultOutcome {
        let m = model
        if value == m.goldenActivations[o] { return .masked }
        if m.layer.pooling == .none { return .sdc }
        let w = Int(m.windowOf[o])
        guard w >= 0 else { return .masked }   // dropped by VALID pooling
        return m.result(ofWindow: w) { $0 == o ? value : m.goldenActivations[$0] } == m.goldenOutputs[w] ? .masked : .sdc
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
            var changes = ActivationChanges(model: m)
            while o < m.layer.outputCount {
                if m.cycle(ofOutput: o, term: 0) >= cycle,
                   changes.add(o, requantize(m.goldenAccumulators[o] &+ (flipped &- bias))) { return .sdc }
                o += m.layer.outputChannels
            }
            return changes.outcome()
        } else if byte < m.outputBase {
            let index = byte - m.inputBase
            return rereadOperand(users: m.inputUsers, start: m.inputUsersStart, index: index, cycle: cycle) { o, t in
                let x = m.layer.inputs[index], w = m.layer.weights[Int(m.weightIndex[o * m.terms + t])]
                return Int32(w) * Int32(x ^ mask) &- Int32(w) * Int32(x)
            }
        } else if byte < m.usedBytes {   // a result: corrupted once written, overwritten if flipped before
            return cycle > m.writeCycle(ofResult: byte - m.outputBase) ? .sdc : .masked
        }
        return .masked   // unused buffer bytes are never read
    }

    /// Re-executes only the outputs that read the flipped operand at or after `cycle`.
    private func rereadOperand(users: [Int32], start: [Int32], index: Int, cycle: Int,
                               delta: (Int, Int) -> Int32) -> FaultOutcome {
        let k = model.terms
        var current = -1
        var acc: Int32 = 0
        var changes = ActivationChanges(model: model)
        for u in Int(start[index])..<Int(start[index + 1]) {
            let position = Int(users[u]), o = position / k, t = position % k
            guard model.cycle(ofOutput: o, term: t) >= cycle else { continue }
            if o != current {
                if current >= 0, changes.add(current, requantize(acc)) { return .sdc }
                current = o
                acc = model.goldenAccumulators[o]
            }
            acc &+= delta(o, t)
        }
        if current >= 0, changes.add(current, requantize(acc)) { return .sdc }
        return changes.outcome()
    }

    /// Store DMA: the address register holds the result region's base (result `w` goes to
    /// `address + w`, bounds-checked per write); the length register holds the bytes after which
    /// the DMA signals completion. A flip acts on the results still to be written (`firstPending…`).
    private func injectStoreDMA(bit: Int, group: Int) -> FaultOutcome {
        let m = model
        let count = m.layer.resultCount
        let firstPending = Int(m.firstResultWrittenFrom[group])   // results written at this or later drains
        guard firstPending < count else { return .masked }
        if bit < 24 { return injectStoreAddress(m.outputBase ^ (1 << bit), group: group, firstPending: firstPending) }
        let length = count ^ (1 << (bit - 24))
        if length > count { return .detected }   // waits for bytes that never come: the layer never ends, watchdog
        // Writes from `length` on are dropped: those results keep the region's initial zeros.
        for w in max(firstPending, length)..<count where m.goldenOutputs[w] != 0 { return .sdc }
        return .masked
    }

    /// Pending results go to `address + w`. One out of the buffer trips the bounds check (detected);
    /// otherwise their own slots keep zeros and the bytes they land on are overwritten: results
    /// already written, weights/biases/inputs still to be read (the rest of the layer is re-executed
    /// with them), or unused bytes. The result region is then compared with the golden one.
    private func injectStoreAddress(_ address: Int, group: Int, firstPending: Int) -> FaultOutcome {
        let m = model, l = m.layer
        let count = l.resultCount
        if address + count > m.configuration.sharedBufferBytes { return .detected }
        var region = m.goldenOutputs
        for w in firstPending..<count { region[w] = 0 }
        if address + count <= m.outputBase {   // only operands are hit: no result reaches the region
            return region == m.goldenOutputs ? .masked : .sdc
        }
        if address + firstPending >= m.outputBase {   // only result or unused bytes are hit: golden values land
            for w in firstPending..<count {
                let slot = address + w - m.outputBase
                if slot < count { region[slot] = m.goldenOutputs[w] }
            }
            return region == m.goldenOutputs ? .masked : .sdc
        }
        // Operands are overwritten: re-execute the groups from `group` on a copy of the operand bytes.
        var bytes = [UInt8](repeating: 0, count: m.outputBase)
        for (i, w) in l.weights.enumerated() { bytes[m.weightBase + i] = UInt8(bitPattern: w) }
        for (c, b) in l.biases.enumerated() {
            for k in 0..<4 { bytes[m.biasBase + 4 * c + k] = UInt8(truncatingIfNeeded: UInt32(bitPattern: b) >> UInt32(8 * k)) }
        }
        for (i, x) in l.inputs.enumerated() { bytes[m.inputBase + i] = UInt8(bitPattern: x) }
        let lanes = m.configuration.macsPerCycle, k = m.terms
        var replay = OutputUnitReplay(model: m)
        for o in 0..<min(group * lanes, l.outputCount) { _ = replay.drain(o, m.goldenActivations[o]) }
        var written: [(Int, Int8)] = []
        for g in group..<m.groups {
            written.removeAll(keepingCapacity: true)
            for o in (g * lanes)..<min((g + 1) * lanes, l.outputCount) {
                let c = o % l.outputChannels
                var acc = Int32(bitPattern: UInt32(bytes[m.biasBase + 4 * c]) | UInt32(bytes[m.biasBase + 4 * c + 1]) << 8
                                | UInt32(bytes[m.biasBase + 4 * c + 2]) << 16 | UInt32(bytes[m.biasBase + 4 * c + 3]) << 24)
                for t in 0..<k {
                    let w = Int8(bitPattern: bytes[m.weightBase + Int(m.weightIndex[o * k + t])])
                    let x = Int8(bitPattern: bytes[m.inputBase + Int(m.inputIndex[o * k + t])])
                    acc &+= Int32(w) * Int32(x)
                }
                let value = requantize(acc)
                if let w = replay.drain(o, value) { written.append((w, value)) }
            }
            for (w, value) in written {   // at the end of this group's drain cycle
                let target = address + w
                if target < m.outputBase { bytes[target] = UInt8(bitPattern: value) }
                else if target - m.outputBase < count { region[target - m.outputBase] = value }
            }
        }
        return region == m.goldenOutputs ? .masked : .sdc
    }

    private func injectTermCounter(bit: Int, group: Int, term: Int) -> FaultOutcome {
        let m = model
        let flipped = term ^ (1 << bit)
        if flipped > m.terms { return .detected }   // counts past the end test: hang, watchdog
        let lanes = m.configuration.macsPerCycle
        var changes = ActivationChanges(model: m)
        for lane in 0..<lanes {
            let o = group * lanes + lane
            guard o < m.layer.outputCount else { break }
            var acc = m.goldenAccumulators[o]
            if flipped > term {
                for t in term..<flipped { acc &-= product(o, t) }   // skipped terms
            } else {
                for t in flipped..<min(term, m.terms) { acc &+= product(o, t) }   // repeated terms
            }
            if changes.add(o, requantize(acc)) { return .sdc }
        }
        return changes.outcome()
    }

    /// The group counter selects the lanes' operands (outputs `g·P + lane`) and where they drain.
    /// After a flip to `g'` at term `t` of group `g` (`g' ≥ G`: the loop misses its end test, hang,
    /// watchdog), lane `l` finishes with bias and terms `0..<t` of output `g·P+l` plus terms `t..<K` of
    /// output `g'·P+l` (at `t = 0` the bias is loaded after the flip: all of `g'`), drains it as output
    /// `g'·P+l`, and the sequencer continues with `g'+1 ..< G`: groups skipped keep the result
    /// region's initial zeros, groups repeated recompute the same values. The output unit and store
    /// DMA are replayed over that drain sequence (pooling entries included) and the results compared.
    private func injectGroupCounter(bit: Int, group: Int, term: Int) -> FaultOutcome {
        let m = model, l = m.layer
        let flipped = group ^ (1 << bit)
        if flipped >= m.groups { return .detected }
        let lanes = m.configuration.macsPerCycle, k = m.terms
        var replay = OutputUnitReplay(model: m)
        for g in 0..<group { for o in (g * lanes)..<min((g + 1) * lanes, l.outputCount) { replay.drain(o, m.goldenActivations[o]) } }
        for lane in 0..<lanes {
            let dst = flipped * lanes + lane, src = group * lanes + lane
            guard dst < l.outputCount else { break }
            var acc = m.goldenAccumulators[dst]
            if term > 0 {
                acc &-= l.biases[dst % l.outputChannels]
                for t in 0..<min(term, k) { acc &-= product(dst, t) }
                if src < l.outputCount {   // an idle lane of the last group holds zero
                    acc &+= l.biases[src % l.outputChannels]
                    for t in 0..<min(term, k) { acc &+= product(src, t) }
                }
            }
            replay.drain(dst, requantize(acc))
        }
        for o in ((flipped + 1) * lanes)..<max((flipped + 1) * lanes, l.outputCount) { replay.drain(o, m.goldenActivations[o]) }
        return replay.results == m.goldenOutputs ? .masked : .sdc
    }

    private func injectOutputUnit(bit: Int, cycle: Int) -> FaultOutcome {
        let m = model, l = m.layer
        if bit >= 46 { return injectPoolingEntry(entry: (bit - 46) / 16, bit: (bit - 46) % 16, cycle: cycle) }
        var multiplier = l.multiplier, shift = l.shift, zero = l.outputZeroPoint
        if bit < 32 { multiplier = Int32(bitPattern: UInt32(bitPattern: multiplier) ^ (1 << UInt32(bit))) }
        else if bit < 38 { shift ^= 1 << (bit - 32) }
        else { zero ^= Int8(bitPattern: UInt8(1 << (bit - 38))) }
        let lanes = m.configuration.macsPerCycle
        let firstGroup = cycle / (m.terms + 1)   // groups not yet drained (this one drains at its last cycle)
        var changes = ActivationChanges(model: m)
        for o in (firstGroup * lanes)..<max(firstGroup * lanes, l.outputCount) {
            let value = QuantizedLayer.requantize(m.goldenAccumulators[o], multiplier: multiplier, shift: shift, zeroPoint: zero, relu: l.relu)
            if changes.add(o, value) { return .sdc }
        }
        return changes.outcome()
    }

    /// A flip in pooling line-buffer entry `entry`: live from the end of its window's first member's
    /// drain cycle up to and including its last member's drain cycle (the final fold reads it).
    private func injectPoolingEntry(entry: Int, bit: Int, cycle: Int) -> FaultOutcome {
        let m = model, pooling = m.layer.pooling
        guard pooling != .none else { return .masked }   // the line buffer is unused
        var w = entry
        while w < m.layer.resultCount {
            let start = Int(m.windowMembersStart[w]), end = Int(m.windowMembersStart[w + 1])
            if cycle <= m.drainCycle(ofOutput: Int(m.windowMembers[start])) { return .masked }   // overwritten by the first member
            if cycle <= m.drainCycle(ofOutput: Int(m.windowMembers[end - 1])) {
                var value: Int16 = 0, flipped = false
                for i in start..<end {
                    let o = Int(m.windowMembers[i])
                    if !flipped, m.drainCycle(ofOutput: o) >= cycle { value ^= Int16(bitPattern: UInt16(1) << UInt16(bit)); flipped = true }
                    value = NPUModel.fold(value, m.goldenActivations[o], first: i == start, pooling)
                }
                return NPUModel.finalize(value, count: end - start, pooling) == m.goldenOutputs[w] ? .masked : .sdc
            }
            w += NPUModel.poolingEntries
        }
        return .masked
    }
}

/// Changed activations of one injection, classified jointly (several members of one pooling window
/// may change together). Without pooling the first change decides (SDC).
struct ActivationChanges {
    let model: NPUModel
    private var changes: [(Int, Int8)] = []
    private var decided = false

    init(model: NPUModel) { self.model = model }

    /// Records activation `o` becoming `value`; true when the outcome is already known to be SDC.
    @inline(__always) mutating func add(_ o: Int, _ value: Int8) -> Bool {
        guard value != model.goldenActivations[o] else { return false }
        if model.layer.pooling == .none { decided = true; return true }
        if model.windowOf[o] >= 0 { changes.append((o, value)) }
        return false
    }

    func outcome() -> FaultOutcome {
        if decided { return .sdc }
        guard !changes.isEmpty else { return .masked }
        if changes.count <= 16 {   // few changes: look them up instead of copying the activations
            for (o, _) in changes {
                let w = Int(model.windowOf[o])
                let result = model.result(ofWindow: w) { member in
                    for (changed, value) in changes where changed == member { return value }
                    return model.goldenActivations[member]
                }
                if result != model.goldenOutputs[w] { return .sdc }
            }
            return .masked
        }
        var values = model.goldenActivations
        for (o, v) in changes { values[o] = v }
        for (o, _) in changes {
            let w = Int(model.windowOf[o])
            if model.result(ofWindow: w, activations: { values[$0] }) != model.goldenOutputs[w] { return .sdc }
        }
        return .masked
    }
}

/// Replays the output unit (pooling line buffer) and store DMA over a drain sequence of activations.
struct OutputUnitReplay {
    let model: NPUModel
    /// The result region after the replay (initially zero).
    private(set) var results: [Int8]
    private var entries: [Int16]

    init(model: NPUModel) {
        self.model = model
        results = [Int8](repeating: 0, count: model.layer.resultCount)
        entries = [Int16](repeating: 0, count: model.layer.pooling == .none ? 0 : NPUModel.poolingEntries)
    }

    /// Activation `o` drains with `value` (lanes in order); returns the result it finalizes, if any.
    @discardableResult
    mutating func drain(_ o: Int, _ value: Int8) -> Int? {
        let w = Int(model.windowOf[o])
        guard w >= 0 else { return nil }
        let pooling = model.layer.pooling
        if pooling == .none { results[w] = value; return w }
        let start = Int(model.windowMembersStart[w]), end = Int(model.windowMembersStart[w + 1])
        let slot = w % NPUModel.poolingEntries
        entries[slot] = NPUModel.fold(entries[slot], value, first: Int(model.windowMembers[start]) == o, pooling)
        guard Int(model.windowMembers[end - 1]) == o else { return nil }
        results[w] = NPUModel.finalize(entries[slot], count: end - start, pooling)
        return w
    }
}
