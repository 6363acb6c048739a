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

final class ReachTests: XCTestCase {
    func testSequencerReachesEverythingSoItsAVFIsNearOne() throws {
        let model = try NPUModel(configuration: .u55_32, layer: NPUWorkload.layer(named: "conv", seed: 1))
        let result = InjectionCampaign(model: model, injectionsPerBlock: 2000, seed: 4).run(blocks: [.control])[0]
        XCTAssertGreaterThan(result.avf, 0.95)
    }
}
