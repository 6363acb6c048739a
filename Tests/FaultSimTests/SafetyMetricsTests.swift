import XCTest
@testable import FaultSim

final class SafetyMetricsTests: XCTestCase {
    /// A two-block profile small enough to compute by hand.
    let handProfiles = [
        BlockFaultProfile(block: .sharedBuffer, bits: 100_000, rawFIT: 100, area: 20_000, sdcFraction: 0.10, detectedFraction: 0),
        BlockFaultProfile(block: .accumulators, bits: 1024, rawFIT: 0.512, area: 12_000, sdcFraction: 0.40, detectedFraction: 0.10),
    ]

    func testHandComputedMetricsForSECDEDOnBufferAndDuplicatedMACs() {
        let m = SafetyMetrics(profiles: handProfiles, protection: [.sharedBuffer: .secded, .accumulators: .duplication])
        // Buffer: rate 100·0.01 = 1 FIT; nonsafe 0.1; RF 0.1. MACs: nonsafe 0.512·0.5 = 0.256;
        // RF 0.512·0.4·0.01 = 0.002048; MPF 0.512·(0.1 + 0.4·0.99) = 0.253952; latent 0.512·0.4·0.99·0.01 = 0.00202752.
        let nonsafe = 0.1 + 0.256, rf = 0.1 + 0.002048, latent = 0.00202752
        XCTAssertEqual(m.spfmPercent, 100 * (1 - rf / nonsafe), accuracy: 1e-9)
        XCTAssertEqual(m.lfmPercent, 100 * (1 - latent / 0.253952), accuracy: 1e-9)
        XCTAssertEqual(m.pmhfFIT, rf + latent, accuracy: 1e-12)
        XCTAssertEqual(m.areaOverheadPercent, 100 * (20_000 * 7.0 / 32 + 12_000 * 1.10) / 32_000, accuracy: 1e-9)
    }

    func testExhaustiveSearchFindsHandDerivedOptimum() throws {
        // ASIL-B needs SPFM ≥ 90 %. Buffer SDC dominates (10 of 10.256 nonsafe FIT): parity (12.5 %) reaches
        // SPFM = 1 − (0.1 + 0.2048)/10.256 = 97.0 % and LFM ≥ 60 %; area 2500 µm² = 7.8125 %, cheaper than SECDED.
        let best = try XCTUnwrap(ProtectionSearch.minimumArea(profiles: handProfiles, asil: .b))
        XCTAssertEqual(best.protection[.sharedBuffer], .parity)
        XCTAssertEqual(best.protection[.accumulators], Protection.none)
        XCTAssertEqual(best.metrics.areaOverheadPercent, 100 * 2500.0 / 32_000, accuracy: 1e-9)
        XCTAssertEqual(best.metrics.spfmPercent, 100 * (1 - (0.1 * 0.01 * 100 * 0 + 100 * 0.1 * 0.01 + 0.2048) / 10.256), accuracy: 1e-9)
    }

    func testNPUUnprotectedFailsASILDAndDuplicationMeetsItAtOver100PercentArea() throws {
        let model = try NPUModel(configuration: .u55_32, layer: QuantizedLayer(kind: .convolution, height: 8, width: 8,
                                 inputChannels: 8, outputChannels: 16, kernel: 3, seed: 1))
        let avf = InjectionCampaign(model: model, injectionsPerBlock: 3000, seed: 1).run()
        let profiles = BlockFaultProfile.profiles(model: model, avf: avf)
        let totalFIT = profiles.reduce(0) { $0 + $1.rawFIT }
        let weightedAVF = profiles.reduce(0) { $0 + $1.rawFIT * ($1.sdcFraction + $1.detectedFraction) } / totalFIT
        XCTAssertGreaterThan(weightedAVF, 0.01)
        XCTAssertFalse(SafetyMetrics(profiles: profiles, protection: [:]).meets(.d))
        let lockstep = SafetyMetrics(profiles: profiles, protection: Dictionary(uniqueKeysWithValues: StateBlock.allCases.map { ($0, .duplication) }))
        XCTAssertTrue(lockstep.meets(.d))
        XCTAssertGreaterThanOrEqual(lockstep.areaOverheadPercent, 100)
        let best = try XCTUnwrap(ProtectionSearch.minimumArea(profiles: profiles, asil: .d))
        XCTAssertLessThan(best.metrics.areaOverheadPercent, 100)
        print("ASIL-D optimum:", best.protection.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value.rawValue)" },
              "area +\(best.metrics.areaOverheadPercent)%", "PMHF \(best.metrics.pmhfFIT) FIT")
        for a in avf { print(a.block.rawValue, "bits", a.bits, "AVF", a.avf, "±", a.margin, "sdc", a.sdcFraction) }
    }
}
