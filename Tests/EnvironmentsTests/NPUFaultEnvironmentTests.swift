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
