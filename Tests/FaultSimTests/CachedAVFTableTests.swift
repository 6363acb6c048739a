import Foundation
import XCTest
@testable import FaultSim

/// The AVF tables `npu-fault` reads from `envs/npu-fault/` are what the campaign measures today: a
/// stale table (the model changed, the file did not) would make every safety figure quietly wrong.
final class CachedAVFTableTests: XCTestCase {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("envs/npu-fault")

    func cached(_ configuration: String, _ workload: String) throws -> AVFTable {
        try XCTUnwrap(AVFTable.load(from: directory, configuration: configuration, workload: workload, seed: 1, injectionsPerBlock: 4000),
                      "envs/npu-fault/\(configuration)_\(workload)_s1_n4000.json is missing or unreadable")
    }

    /// Same configuration, workload, seed and sample size: the campaign is reproducible, so the
    /// measured counts must equal the cached ones block by block.
    func testCachedU55_32TablesAreReproducedExactlyByTheirCampaign() throws {
        for workload in ["conv", "depthwise", "fc"] {
            let fresh = try AVFTable.measure(configuration: .u55_32, workload: workload, seed: 1, injectionsPerBlock: 4000)
            XCTAssertEqual(fresh, try cached("u55-32", workload), "regenerate with `dsegym faults measure` (workload \(workload))")
        }
    }

    /// An independent campaign (other injection seed, 1,000 flips per block) agrees with every cached
    /// block AVF on every configuration and workload: a two-proportion test with the pooled AVF,
    /// |p₁ − p₂| ≤ 3.5 σ + 1/n (3.5 σ keeps the chance of a false alarm over the 108 blocks near 5 %).
    func testIndependentSmallCampaignAgreesWithEveryCachedTable() throws {
        for configuration in NPUConfiguration.all {
            for workload in ["conv", "depthwise", "fc"] {
                let table = try cached(configuration.name, workload)
                let model = try NPUModel(configuration: configuration, layer: NPUWorkload.layer(named: workload, seed: 1))
                let fresh = InjectionCampaign(model: model, injectionsPerBlock: 1000, seed: 77).run()
                XCTAssertEqual(fresh.map(\.block), table.blocks.map(\.block))
                for (now, stored) in zip(fresh, table.blocks) {
                    XCTAssertEqual(now.bits, stored.bits, "\(configuration.name) \(workload) \(now.block) bits")
                    let (n1, n2) = (Double(now.injections), Double(stored.injections))
                    let pooled = (now.avf * n1 + stored.avf * n2) / (n1 + n2)
                    let sigma = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
                    XCTAssertLessThanOrEqual(abs(now.avf - stored.avf), 3.5 * sigma + 1 / n1,
                                             "\(configuration.name) \(workload) \(now.block): AVF \(now.avf) vs cached \(stored.avf)")
                }
            }
        }
    }
}
