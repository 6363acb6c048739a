import Foundation
import XCTest
import FaultSim
import GymCore
@testable import Environments

final class NPUFaultEnvironmentTests: XCTestCase {
    func testUnprotectedFailsAndDuplicatedMeetsASILDThroughTheRegistry() throws {
        let environment = try EnvironmentRegistry.standard.make("npu-fault", workload: "fc", options: ["injections": "1500"])
        let none = try environment.step(environment.parameterSpace.defaults!)
        XCTAssertEqual(none.metrics["asil_met"], 0)
        XCTAssertEqual(none.metrics["area_overhead_pct"], 0)
        XCTAssertFalse(none.feasible)   // default objective: ASIL-D at minimum area
        var all = Design()
        for block in StateBlock.allCases { all.values[block.rawValue] = .choice("duplication") }
        let lockstep = try environment.step(all)
        XCTAssertEqual(lockstep.metrics["asil_met"], 4)
        XCTAssertTrue(lockstep.feasible)
        XCTAssertGreaterThanOrEqual(lockstep.metrics["area_overhead_pct"]!, 100)
    }

    func testStepMetricsEqualTheExhaustiveOptimum() throws {
        let environment = try NPUFaultEnvironment(workload: "fc", injectionsPerBlock: 1500)
        let best = try XCTUnwrap(ProtectionSearch.minimumArea(profiles: environment.profiles, asil: .d))
        var design = Design()
        for (block, option) in best.protection { design.values[block.rawValue] = .choice(option.rawValue) }
        let evaluation = try environment.step(design)
        XCTAssertTrue(evaluation.feasible)
        XCTAssertEqual(evaluation.metrics["area_overhead_pct"]!, best.metrics.areaOverheadPercent, accuracy: 1e-9)
        XCTAssertLessThan(best.metrics.areaOverheadPercent, 100)
    }
}

final class NPUFaultOptimumTests: XCTestCase {
    func testEnumeratingTheCachedConvTableByHandFindsTheSearchOptimumAndItsMetrics() throws {
        // The shipped table (u55-32, conv with max pooling, seed 1, 4000/block), every one of the 26,244
        // assignments scored with the ISO 26262-5 formulas written out here, independently of SafetyMetrics.
        let environment = try NPUFaultEnvironment(workload: "conv")
        let table = try XCTUnwrap(AVFTable.load(from: XCTUnwrap(EnvironmentData.directory("npu-fault", containing: "u55-32_conv_s1_n4000.json")),
                                                configuration: "u55-32", workload: "conv", seed: 1, injectionsPerBlock: 4000))
        XCTAssertEqual(environment.avf, table.blocks)
        let tech = TechnologyData.default
        struct Row { var fit, area, s, d: Double; var options: [Protection] }
        let rows = table.blocks.map { b in
            Row(fit: Double(b.bits) * (b.block.isSRAM ? tech.sramFITPerBit : tech.flopFITPerBit),
                area: tech.area(of: b.block, bits: b.bits, lanes: 32),
                s: Double(b.sdc) / Double(b.injections), d: Double(b.detected) / Double(b.injections),
                options: Protection.allCases.filter { $0.isAllowed(on: b.block) })
        }
        let totalArea = rows.reduce(0) { $0 + $1.area }
        var best: (area: Double, pmhf: Double, spfm: Double, lfm: Double, choice: [Protection])?
        var index = [Int](repeating: 0, count: rows.count), count = 0
        repeat {
            var nonsafe = 0.0, residual = 0.0, multipoint = 0.0, latent = 0.0, added = 0.0
            for (i, row) in rows.enumerated() {
                let p = row.options[index[i]]
                let rate = row.fit * (1 - p.rateReduction)
                nonsafe += rate * (row.s + row.d)
                residual += rate * row.s * (1 - p.diagnosticCoverage)
                multipoint += rate * (row.d + row.s * p.diagnosticCoverage)
                latent += rate * row.s * p.diagnosticCoverage * (1 - p.latentCoverage)
                added += row.area * p.areaFraction
            }
            let spfm = 100 * (1 - residual / nonsafe), lfm = 100 * (1 - latent / multipoint), pmhf = residual + latent
            let area = 100 * added / totalArea
            if spfm >= 99, lfm >= 90, pmhf < 10, best.map({ area < $0.area || (area == $0.area && pmhf < $0.pmhf) }) ?? true {
                best = (area, pmhf, spfm, lfm, rows.indices.map { rows[$0].options[index[$0]] })
            }
            count += 1
            var i = 0
            while i < index.count { index[i] += 1; if index[i] < rows[i].options.count { break }; index[i] = 0; i += 1 }
        } while index.contains { $0 != 0 }
        XCTAssertEqual(count, 26_244)
        let hand = try XCTUnwrap(best)
        let search = try XCTUnwrap(ProtectionSearch.minimumArea(profiles: environment.profiles, asil: .d))
        XCTAssertEqual(StateBlock.allCases.map { search.protection[$0]! }, hand.choice)
        XCTAssertEqual(search.metrics.areaOverheadPercent, hand.area, accuracy: 1e-9)
        XCTAssertEqual(search.metrics.spfmPercent, hand.spfm, accuracy: 1e-9)
        XCTAssertEqual(search.metrics.lfmPercent, hand.lfm, accuracy: 1e-9)
        XCTAssertEqual(search.metrics.pmhfFIT, hand.pmhf, accuracy: 1e-12)
        XCTAssertLessThan(hand.area, 100)   // below lock-step (the reference study reached 38 %)
        var design = Design()
        for (block, option) in zip(StateBlock.allCases, hand.choice) { design.values[block.rawValue] = .choice(option.rawValue) }
        let step = try environment.step(design)
        XCTAssertTrue(step.feasible)
        XCTAssertEqual(step.metrics["area_overhead_pct"]!, hand.area, accuracy: 1e-9)
    }
}

final class NPUFaultDescriptionTests: XCTestCase {
    func testDescriptionCarriesPerBlockDetailsAndKeepsTheStandardShape() throws {
        let description = try EnvironmentEntry.npuFault.describe()
        XCTAssertEqual(description.parameters.count, StateBlock.allCases.count)
        guard case .object(let details)? = description.details, case .array(let blocks)? = details["blocks"],
              case .array(let options)? = details["protection_options"] else { return XCTFail("missing details") }
        XCTAssertEqual(blocks.count, 9)
        XCTAssertEqual(options.count, Protection.allCases.count)
        XCTAssertNil(try EnvironmentEntry.synthetic.describe().details)
    }
}

final class NPUFaultCacheTests: XCTestCase {
    func testEnvironmentUsesTheCachedAVFTableInsteadOfReinjecting() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("npu-fault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var table = try AVFTable.measure(configuration: .u55_32, workload: "fc", seed: 3, injectionsPerBlock: 500)
        table.blocks[0].masked += 1000   // a marker a fresh campaign would not produce
        try table.write(to: directory)
        let environment = try NPUFaultEnvironment(workload: "fc", injectionsPerBlock: 500, seed: 3, avfDirectory: directory)
        XCTAssertEqual(environment.avf, table.blocks)
        let fresh = try NPUFaultEnvironment(workload: "fc", injectionsPerBlock: 500, seed: 3, avfDirectory: nil)
        XCTAssertNotEqual(fresh.avf, table.blocks)
    }
}
