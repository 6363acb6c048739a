import Environments
import GymCore
import XCTest

final class DRAMControllerEnvironmentTests: XCTestCase {
    func testSpaceIsArchGymsActionSpaceWithItsDefaultPolicy() throws {
        let environment = try DRAMControllerEnvironment()
        XCTAssertEqual(environment.parameterSpace.cardinality, 442_368)
        XCTAssertEqual(environment.workload, "random")
        XCTAssertEqual(environment.spec.identifier, "MICRON_1Gb_DDR3-1600_8bit_G")
        let defaults = try XCTUnwrap(environment.parameterSpace.defaults)
        XCTAssertEqual(defaults["PagePolicy"], "Open")
        XCTAssertEqual(defaults["RequestBufferSize"], 1)
    }

    func testDefaultPolicyOnStreamMatchesDRAMSysWithinOnePercent() throws {
        let environment = try DRAMControllerEnvironment(workload: "stream")
        let evaluation = try environment.step(try environment.parameterSpace.validate([:], fillingDefaults: true))
        // DRAMSys 4.0 with ArchGym's policy.json on stream.stl: 51,595 ns, 85,957,050 pJ, 1,666 mW.
        XCTAssertEqual(evaluation.metrics["total_time_ns"]!, 51_595, accuracy: 516)
        XCTAssertEqual(evaluation.metrics["energy_pJ"]!, 85_957_050, accuracy: 859_571)
        XCTAssertEqual(evaluation.metrics["avg_power_mW"]!, 1_666, accuracy: 17)
        // Reward contract: the default objective's reference is the default design's own time, so −soft(1).
        XCTAssertEqual(environment.objective.goal, .weightedSum([.init(metric: "total_time_ns", direction: .minimize,
                                                                       reference: evaluation.metrics["total_time_ns"]!)]))
        XCTAssertEqual(evaluation.reward, -0.5)
    }

    func testClosedPagePolicyIsFarSlowerOnStreamThanOpen() throws {
        let environment = try DRAMControllerEnvironment(workload: "stream")
        let open = try environment.step(try environment.parameterSpace.validate(["Scheduler": "FrFcfs", "RequestBufferSize": 8], fillingDefaults: true))
        let closed = try environment.step(try environment.parameterSpace.validate(["Scheduler": "FrFcfs", "RequestBufferSize": 8, "PagePolicy": "Closed"], fillingDefaults: true))
        XCTAssertGreaterThan(closed.metrics["total_time_ns"]! / open.metrics["total_time_ns"]!, 3, "DRAMSys: Closed is ~9x slower on stream")
        XCTAssertGreaterThan(open.metrics["row_hit_pct"]!, 95)
    }

    func testOptionsAndWorkloadsAreValidated() {
        XCTAssertThrowsError(try EnvironmentRegistry.standard.make("dram", options: ["memspec": "ddr9"])) { error in
            XCTAssertEqual(String(describing: error), "dram: option 'memspec' = 'ddr9' is invalid; allowed: ddr3, ddr4, lpddr4")
        }
        XCTAssertThrowsError(try EnvironmentRegistry.standard.make("dram", workload: "cloud-3")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("dram: unknown workload 'cloud-3'; valid workloads: random, stream, cloud-1, cloud-2"))
        }
        XCTAssertNoThrow(try EnvironmentRegistry.standard.make("dram", workload: "synthetic-mixed", options: ["memspec": "ddr4"]))
    }

    func testLPDDR4HasTimingButNoEnergySoEnergyObjectivesAreInfeasible() throws {
        var environment = try DRAMControllerEnvironment(workload: "synthetic-stream", memspec: "lpddr4")
        environment.objective = try EnvironmentEntry.dram.objectivePreset("min-energy")
        let evaluation = try environment.step(try environment.parameterSpace.validate([:], fillingDefaults: true))
        XCTAssertNotNil(evaluation.metrics["total_time_ns"])
        XCTAssertNil(evaluation.metrics["energy_pJ"])
        XCTAssertFalse(evaluation.feasible)
        XCTAssertEqual(evaluation.reason, "objective needs metric(s) not reported: energy_pJ")
    }

    func testLPDDR4SpaceOffersPerBankRefreshAndDDR3SpaceDoesNot() throws {
        let lpddr4 = try DRAMControllerEnvironment(workload: "synthetic-random", memspec: "lpddr4", traceRequests: 2_000)
        XCTAssertEqual(lpddr4.parameterSpace.cardinality, 442_368 / 2 * 3, "RefreshPolicy: NoRefresh, AllBank, PerBank")
        let perBank = try lpddr4.step(try lpddr4.parameterSpace.validate(["RefreshPolicy": "PerBank"], fillingDefaults: true))
        let allBank = try lpddr4.step(try lpddr4.parameterSpace.validate(["RefreshPolicy": "AllBank"], fillingDefaults: true))
        XCTAssertTrue(perBank.feasible)
        XCTAssertLessThanOrEqual(perBank.metrics["total_time_ns"]!, allBank.metrics["total_time_ns"]!)

        let ddr3 = try DRAMControllerEnvironment(workload: "synthetic-random", traceRequests: 100)
        XCTAssertEqual(ddr3.parameterSpace.cardinality, 442_368)
        XCTAssertThrowsError(try ddr3.parameterSpace.validate(["RefreshPolicy": "PerBank"], fillingDefaults: true))
        // A design built around the space still meets the simulator's own check, which names the spec.
        XCTAssertThrowsError(try ddr3.controller(for: ["RefreshPolicy": "PerBank"])) { error in
            XCTAssertTrue(String(describing: error).contains("MICRON_1Gb_DDR3-1600_8bit_G (DDR3) does not have; allowed: NoRefresh, AllBank"))
        }
    }
}
