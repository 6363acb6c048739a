import XCTest
@testable import FaultSim

final class InjectionTests: XCTestCase {
    let model = try! NPUModel(configuration: .u55_32, layer: QuantizedLayer(kind: .fullyConnected, inputChannels: 64, outputChannels: 48, seed: 5))

    func testLoadDMAIsProvablyDeadSoItsAVFIsZero() {
        let result = InjectionCampaign(model: model, injectionsPerBlock: 2000, seed: 1).run(blocks: [.dmaLoad])[0]
        XCTAssertEqual(result.avf, 0)
        XCTAssertGreaterThan(result.margin, 0)
    }

    func testOutputRegisterOnItsDrainCycleAlwaysCorrupts() {
        // Every bit of every lane in use, on the drain cycle (cycle K of group 0), is written out: AVF 1.
        let drain = model.terms
        for bit in 0..<model.bitCount(of: .outputRegisters) {
            XCTAssertEqual(FaultInjector(model: model).inject(block: .outputRegisters, bit: bit, cycle: drain), .sdc)
        }
    }

    func testAccumulatorSignBitAlwaysCorruptsAndLowBitIsMaskedByRequantization() {
        let injector = FaultInjector(model: model)
        XCTAssertEqual(injector.inject(block: .accumulators, bit: 31, cycle: 3), .sdc)
        XCTAssertEqual(injector.inject(block: .accumulators, bit: 0, cycle: 3), .masked)   // 1 ≪ 2^(shift−1)
    }

    func testUnusedBufferBytesAreMasked() {
        let byte = model.usedBytes + 10
        XCTAssertEqual(FaultInjector(model: model).inject(block: .sharedBuffer, bit: byte * 8, cycle: 0), .masked)
    }

    func testCampaignIsReproducibleFromItsSeed() {
        let a = InjectionCampaign(model: model, injectionsPerBlock: 5000, seed: 9).run()
        let b = InjectionCampaign(model: model, injectionsPerBlock: 5000, seed: 9).run()
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(a.first { $0.block == .accumulators }!.avf, 0.05)
    }

    func testLeveugleSampleSizeForOnePercentMargin() {
        // n = N / (1 + e²(N−1)/(t² p(1−p))) with N = 1e9, e = 0.01, t = 1.96, p = 0.5 → 9603.9 → 9604.
        XCTAssertEqual(SampleSize.injections(population: 1e9, margin: 0.01), 9604)
        XCTAssertEqual(SampleSize.injections(population: 100, margin: 0.01), 99)
    }

    func testIntervalsShrinkAsOneOverSquareRootOfN() {
        let small = SampleSize.margin(proportion: 0.3, injections: 1000, population: 1e12)
        let large = SampleSize.margin(proportion: 0.3, injections: 4000, population: 1e12)
        XCTAssertEqual(small / large, 2, accuracy: 0.001)
        let measured = InjectionCampaign(model: model, injectionsPerBlock: 1000, seed: 2).run(blocks: [.accumulators])[0]
        let measured4 = InjectionCampaign(model: model, injectionsPerBlock: 16000, seed: 2).run(blocks: [.accumulators])[0]
        XCTAssertEqual(measured.margin / measured4.margin, 4, accuracy: 0.6)
    }

    func testInjectionRate() {
        let start = Date()
        let n = 20000
        _ = InjectionCampaign(model: model, injectionsPerBlock: n, seed: 3).run()
        let rate = Double(n * StateBlock.allCases.count) / Date().timeIntervalSince(start)
        print("injections/s (debug, all cores):", Int(rate))
        XCTAssertGreaterThan(rate, 10_000)
    }
}

final class PoolingInjectionTests: XCTestCase {
    let conv = try! NPUModel(configuration: .u55_32, layer: NPUWorkload.layer(named: "conv", seed: 1))
    let fc = try! NPUModel(configuration: .u55_32, layer: QuantizedLayer(kind: .fullyConnected, inputChannels: 64, outputChannels: 48, seed: 5))
    /// Output-unit bit of pooling entry `e`, bit `b` (after multiplier 32, shift 6, zero point 8).
    func entryBit(_ e: Int, _ b: Int) -> Int { 46 + 16 * e + b }

    func testOutputUnitCountsThePoolingLineBuffer() {
        XCTAssertEqual(conv.bitCount(of: .outputUnit), 32 + 6 + 8 + 64 * 16)
    }

    func testPoolingEntriesAreDeadWithoutPooling() {
        let injector = FaultInjector(model: fc)
        for cycle in stride(from: 0, to: fc.totalCycles, by: 7) {
            XCTAssertEqual(injector.inject(block: .outputUnit, bit: entryBit(cycle % 64, 14), cycle: cycle), .masked)
        }
    }

    func testPoolingEntryIsLiveFromAfterItsFirstMemberToItsLastMembersDrain() throws {
        // Window w < 64 (result (py, px, c)) uses entry w; its members are activations at rows 2py, 2py+1:
        // for w = c (py = px = 0) they are c, 16 + c (group 0, drained at cycle K = 72) and 96 + c,
        // 112 + c (group 3, drained at 4·73 − 1 = 291). Between the drains the entry holds the partial
        // max m of the first two; a flip of bit 14 of m ≥ 0 makes it ≥ 16384, which saturates to 127.
        let a = conv.goldenActivations
        let c = try XCTUnwrap((0..<16).first { max(a[$0], a[16 + $0]) >= 0 && conv.goldenOutputs[$0] != 127 })
        let injector = FaultInjector(model: conv)
        XCTAssertEqual(injector.inject(block: .outputUnit, bit: entryBit(c, 14), cycle: 72), .masked)   // overwritten by the first member
        XCTAssertEqual(injector.inject(block: .outputUnit, bit: entryBit(c, 14), cycle: 73), .sdc)
        XCTAssertEqual(injector.inject(block: .outputUnit, bit: entryBit(c, 14), cycle: 291), .sdc)     // read by the last fold
        XCTAssertEqual(injector.inject(block: .outputUnit, bit: entryBit(c, 14), cycle: 292), .masked)  // written; window c + 64 not yet open
        // The sign bit turns m ≥ 0 into m − 32768: the later members alone decide the max.
        let later = max(a[96 + c], a[112 + c])
        XCTAssertEqual(injector.inject(block: .outputUnit, bit: entryBit(c, 15), cycle: 100), later == conv.goldenOutputs[c] ? .masked : .sdc)
    }

    func testOutputRegisterFlipBelowTheWindowMaxIsMaskedByMaxPooling() throws {
        // Find a lane whose activation is strictly below its window's max; clearing its top value bit cannot raise it.
        let injector = FaultInjector(model: conv)
        let o = try XCTUnwrap((0..<32).first { conv.goldenActivations[$0] < conv.goldenOutputs[Int(conv.windowOf[$0])] && conv.goldenActivations[$0] >= 0 })
        let bit = try XCTUnwrap((0..<7).last { (conv.goldenActivations[o] >> $0) & 1 == 1 }.map { o * 8 + $0 },
                                "lane \(o) is below its window's max, so it is positive and has a set value bit")
        XCTAssertEqual(injector.inject(block: .outputRegisters, bit: bit, cycle: conv.terms), .masked)
        // Setting the sign bit makes a non-negative activation negative: below the max too.
        XCTAssertEqual(injector.inject(block: .outputRegisters, bit: o * 8 + 7, cycle: conv.terms), .masked)
    }

    func testInjectorAgreesWithReplayingTheOutputUnitForAccumulatorFlips() throws {
        for pooling in [QuantizedLayer.Pooling.max2x2, .average2x2, .globalAverage] {
            let layer = QuantizedLayer(kind: .convolution, height: 6, width: 6, inputChannels: 4, outputChannels: 16, kernel: 3, pooling: pooling, seed: 8)
            let model = try NPUModel(configuration: .u55_32, layer: layer)
            let injector = FaultInjector(model: model)
            var rng = SplitMixGenerator(seed: 11)
            var sdc = 0
            for _ in 0..<400 {
                let bit = Int.random(in: 0..<model.bitCount(of: .accumulators), using: &rng)
                let cycle = Int.random(in: 0..<model.totalCycles, using: &rng)
                let o = cycle / (model.terms + 1) * 32 + bit / 32
                guard o < layer.outputCount else { continue }
                // Brute force: a flipped accumulator bit adds ±2^bit to the final accumulator.
                var partial = layer.biases[o % 16]
                for t in 0..<(cycle % (model.terms + 1)) {
                    let p = o * model.terms + t
                    partial &+= Int32(layer.weights[Int(model.weightIndex[p])]) * Int32(layer.inputs[Int(model.inputIndex[p])])
                }
                let delta = Int32(bitPattern: UInt32(bitPattern: partial) ^ (1 << UInt32(bit % 32))) &- partial
                let faulty = QuantizedLayer.requantize(model.goldenAccumulators[o] &+ delta, multiplier: layer.multiplier,
                                                       shift: layer.shift, zeroPoint: layer.outputZeroPoint, relu: layer.relu)
                var activations = model.goldenActivations
                activations[o] = faulty
                let expected: FaultOutcome = layer.referencePool(activations) == model.goldenOutputs ? .masked : .sdc
                XCTAssertEqual(injector.inject(block: .accumulators, bit: bit, cycle: cycle), expected, "\(pooling) bit \(bit) cycle \(cycle)")
                if expected == .sdc { sdc += 1 }
            }
            XCTAssertGreaterThan(sdc, 10, "\(pooling)")
        }
    }
}

final class StoreDMATests: XCTestCase {
    // conv 6×6×4 → 4×4×8 (3×3): 128 results in 4 groups of 32 lanes, K = 36; buffer: weights 0..<288,
    // biases 288..<320, inputs 320..<464, results 464..<592 of 16384 bytes.
    let model = try! NPUModel(configuration: .u55_32, layer: QuantizedLayer(kind: .convolution, height: 6, width: 6,
                              inputChannels: 4, outputChannels: 8, kernel: 3, seed: 12))

    /// Whole-layer re-execution on a byte image of the buffer: groups before `flipGroup` store at the
    /// golden base, later ones at `address`; nil when a store leaves the buffer (bounds check).
    func bruteForceResults(address: Int, flipGroup: Int) -> [Int8]? {
        let l = model.layer
        var buffer = [UInt8](repeating: 0, count: model.configuration.sharedBufferBytes)
        for (i, w) in l.weights.enumerated() { buffer[i] = UInt8(bitPattern: w) }
        for (c, b) in l.biases.enumerated() { withUnsafeBytes(of: b.littleEndian) { for k in 0..<4 { buffer[model.biasBase + 4 * c + k] = $0[k] } } }
        for (i, x) in l.inputs.enumerated() { buffer[model.inputBase + i] = UInt8(bitPattern: x) }
        for g in 0..<model.groups {
            var values: [(Int, Int8)] = []
            for o in (g * 32)..<min(g * 32 + 32, l.outputCount) {
                let oc = o % l.outputChannels, pixel = o / l.outputChannels
                let oy = pixel / l.outputWidth, ox = pixel % l.outputWidth
                var acc = (0..<4).reduce(Int32(0)) { $0 | Int32(buffer[model.biasBase + 4 * oc + $1]) << (8 * $1) }
                for ky in 0..<3 { for kx in 0..<3 { for ic in 0..<4 {
                    let w = Int8(bitPattern: buffer[((oc * 3 + ky) * 3 + kx) * 4 + ic])
                    let x = Int8(bitPattern: buffer[model.inputBase + ((oy + ky) * l.width + ox + kx) * 4 + ic])
                    acc &+= Int32(w) * Int32(x)
                } } }
                values.append((o, QuantizedLayer.requantize(acc, multiplier: l.multiplier, shift: l.shift, zeroPoint: l.outputZeroPoint, relu: l.relu)))
            }
            for (o, v) in values {
                let target = (g < flipGroup ? model.outputBase : address) + o
                guard target < buffer.count else { return nil }
                buffer[target] = UInt8(bitPattern: v)
            }
        }
        return buffer[model.outputBase..<(model.outputBase + l.resultCount)].map { Int8(bitPattern: $0) }
    }

    func testAddressFlipsMatchAWholeLayerReexecution() {
        let injector = FaultInjector(model: model)
        var outcomes: [FaultOutcome: Int] = [:]
        for bit in 0..<24 {
            for group in 0..<model.groups {
                let expected: FaultOutcome = bruteForceResults(address: model.outputBase ^ (1 << bit), flipGroup: group)
                    .map { $0 == model.goldenOutputs ? .masked : .sdc } ?? .detected
                let outcome = injector.inject(block: .dmaStore, bit: bit, cycle: group * (model.terms + 1) + 5)
                XCTAssertEqual(outcome, expected, "address bit \(bit), group \(group)")
                outcomes[outcome, default: 0] += 1
            }
        }
        XCTAssertGreaterThan(outcomes[.detected, default: 0], 0)   // high bits leave the 16 KiB buffer
        XCTAssertGreaterThan(outcomes[.sdc, default: 0], 0)
    }

    func testGroupCounterFlipsMatchAWholeLayerReexecution() {
        // A flip to g' at term t of group g: lanes finish with bias and terms < t of g·32+l plus terms ≥ t of
        // g'·32+l (all of g' when t = 0), store as g'; then g'+1 ..< G run normally; g' ≥ G hangs (watchdog).
        let l = model.layer, k = model.terms
        func activation(_ o: Int, terms: Range<Int>) -> Int32 {
            terms.reduce(Int32(0)) { acc, t in
                let p = o * k + t
                return acc &+ Int32(l.weights[Int(model.weightIndex[p])]) * Int32(l.inputs[Int(model.inputIndex[p])])
            }
        }
        func requantize(_ acc: Int32) -> Int8 {
            QuantizedLayer.requantize(acc, multiplier: l.multiplier, shift: l.shift, zeroPoint: l.outputZeroPoint, relu: l.relu)
        }
        let injector = FaultInjector(model: model)
        var sdc = 0
        for g in 0..<model.groups {
            for t in [0, 1, 17, k] {
                for bit in 0..<16 {
                    let flipped = g ^ (1 << bit)
                    let outcome = injector.inject(block: .control, bit: 16 + bit, cycle: g * (k + 1) + t)
                    guard flipped < model.groups else { XCTAssertEqual(outcome, .detected); continue }
                    var results = [Int8](repeating: 0, count: l.resultCount)
                    for o in 0..<min(g * 32, l.outputCount) { results[o] = model.goldenActivations[o] }
                    for lane in 0..<32 {
                        let dst = flipped * 32 + lane, src = g * 32 + lane
                        var acc = t == 0 ? l.biases[dst % 8] : (src < l.outputCount ? l.biases[src % 8] &+ activation(src, terms: 0..<t) : 0)
                        acc &+= activation(dst, terms: (t == 0 ? 0 : t)..<k)
                        results[dst] = requantize(acc)
                    }
                    for o in ((flipped + 1) * 32)..<max((flipped + 1) * 32, l.outputCount) { results[o] = model.goldenActivations[o] }
                    let expected: FaultOutcome = results == model.goldenOutputs ? .masked : .sdc
                    XCTAssertEqual(outcome, expected, "group \(g) term \(t) bit \(bit)")
                    if expected == .sdc { sdc += 1 }
                }
            }
        }
        XCTAssertGreaterThan(sdc, 0)
    }

    func testLengthAboveTheResultCountNeverCompletesAndBelowDropsTheLastResults() {
        let injector = FaultInjector(model: model)
        // 128 = 0b1000_0000: setting bit 0 asks for 129 bytes (hang, watchdog); clearing bit 7 asks for 0.
        XCTAssertEqual(injector.inject(block: .dmaStore, bit: 24 + 0, cycle: 0), .detected)
        XCTAssertEqual(injector.inject(block: .dmaStore, bit: 24 + 7, cycle: 0), .sdc)
        // After the last drain nothing is pending: any flip is masked (the cycle range ends there).
        XCTAssertEqual(model.firstResultWrittenFrom[model.groups], Int32(model.layer.resultCount))
    }
}

final class ReachTests: XCTestCase {
    func testSequencerReachesEverythingSoItsAVFIsNearOne() throws {
        let model = try NPUModel(configuration: .u55_32, layer: NPUWorkload.layer(named: "conv", seed: 1))
        let result = InjectionCampaign(model: model, injectionsPerBlock: 2000, seed: 4).run(blocks: [.control])[0]
        XCTAssertGreaterThan(result.avf, 0.95)
    }
}
