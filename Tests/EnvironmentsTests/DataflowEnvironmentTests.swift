import DataflowSim
import Environments
import GymCore
import XCTest

final class DataflowEnvironmentTests: XCTestCase {
    func testRegistryListsDataflowAndHetero() {
        XCTAssertTrue(EnvironmentRegistry.standard.names.contains("dataflow"))
        XCTAssertTrue(EnvironmentRegistry.standard.names.contains("hetero"))
    }

    func testDefaultDesignIsFeasibleWithEveryMetric() throws {
        let env = try EnvironmentRegistry.standard.make("dataflow", workload: "cifar10_resnet")
        let evaluation = try env.step(env.parameterSpace.defaults!)
        XCTAssertTrue(evaluation.feasible, evaluation.reason ?? "")
        for metric in env.metrics { XCTAssertNotNil(evaluation.metrics[metric.name], metric.name) }
        XCTAssertGreaterThan(evaluation.metrics["runtime_cycles"]!, 0)
    }

    func testEveryWorkloadLoads() throws {
        for workload in DataflowWorkloads.names {
            let env = try DataflowEnvironment(workload: workload)
            XCTAssertFalse(env.network.layers.isEmpty, workload)
        }
    }

    func testClusterWiderThanThePEArrayIsInfeasibleWithReason() throws {
        let env = try DataflowEnvironment(workload: "kws_dscnn")
        var design = env.parameterSpace.defaults!
        design.values["pes"] = 16
        design.values["cluster"] = 64
        let evaluation = try env.step(design)
        XCTAssertFalse(evaluation.feasible)
        XCTAssertTrue(evaluation.reason?.contains("Cluster(64") == true, evaluation.reason ?? "")
    }

    func testL1SmallerThanTheRequirementIsInfeasible() throws {
        let env = try DataflowEnvironment(workload: "cifar10_resnet")
        var design = env.parameterSpace.defaults!
        design.values["template"] = "rs"
        design.values["l1_bytes"] = 32
        let evaluation = try env.step(design)
        XCTAssertFalse(evaluation.feasible)
        XCTAssertTrue(evaluation.reason?.contains("L1") == true, evaluation.reason ?? "")
    }

    func testCustomMappingKnobsChangeTheResult() throws {
        let env = try DataflowEnvironment(workload: "cifar10_resnet")
        var a = env.parameterSpace.defaults!
        a.values["template"] = "custom"
        var b = a
        b.values["spatial_dim"] = "C"
        b.values["loop_order"] = "YXCK"
        let ra = try env.step(a), rb = try env.step(b)
        XCTAssertTrue(ra.feasible && rb.feasible, (ra.reason ?? "") + (rb.reason ?? ""))
        XCTAssertNotEqual(ra.metrics["runtime_cycles"], rb.metrics["runtime_cycles"])
    }

    /// Latency is the slowest sub-accelerator; energy and area are sums.
    func testHeteroTotalsAreMaxAndSumsOfSubAccelerators() throws {
        let env = try EnvironmentRegistry.standard.make("hetero")
        let e = try env.step(env.parameterSpace.defaults!)
        XCTAssertTrue(e.feasible, e.reason ?? "")
        let m = e.metrics
        XCTAssertEqual(m["latency_cycles"], max(m["sub0_latency_cycles"]!, m["sub1_latency_cycles"]!))
        XCTAssertEqual(m["energy_nJ"]!, m["sub0_energy_nJ"]! + m["sub1_energy_nJ"]!, accuracy: 1e-6)
        XCTAssertEqual(m["area_um2"]!, m["sub0_area_um2"]! + m["sub1_area_um2"]!, accuracy: 1e-3)
        XCTAssertEqual(m["sub0_pes"]! + m["sub1_pes"]!, 4096)
    }

    func testHeteroSpecPresetIsSatisfiedByTheDefaultDesign() throws {
        let entry = try EnvironmentRegistry.standard.entry("hetero")
        var env = try entry.make()
        env.objective = try entry.objectivePreset("nasaic-specs")
        let e = try env.step(env.parameterSpace.defaults!)
        XCTAssertTrue(e.feasible, e.reason ?? "")
        XCTAssertNotNil(e.reward)
    }

    func testHeteroThreeSubAcceleratorsOption() throws {
        let env = try EnvironmentRegistry.standard.make("hetero", options: ["k": "3"])
        XCTAssertNotNil(env.parameterSpace.parameters.first { $0.name == "template_2" })
        XCTAssertTrue(try env.step(env.parameterSpace.defaults!).feasible)
    }

    /// The default hetero design's ~7,419 mm² and ~76.7 W are MAESTRO's own closed-form area and power
    /// for two 2048-PE sub-accelerators (NoC 512 elements/cycle, 1 KiB L1 per PE, 4 MiB L2): its matrix
    /// arbiter (∝ PEs²) and bus (∝ PEs × bandwidth) make up 99.97% of the area. `describe` says so.
    func testHeteroAreaAndPowerAreMaestrosOwnModel() throws {
        let env = try EnvironmentRegistry.standard.make("hetero")
        let m = try env.step(env.parameterSpace.defaults!).metrics
        let sub = HardwareCost(peCount: 2048, simdLanes: 1, nocBandwidth: 512, l1Bytes: 1024, l2Bytes: 4 << 20)
        XCTAssertEqual(m["area_um2"]!, 2 * sub.areaSquareMicrometres, accuracy: 1)
        XCTAssertEqual(m["area_um2"]! / 1e6, 7419.39, accuracy: 0.01)
        XCTAssertEqual(m["power_mW"]!, 76_723.02, accuracy: 0.01)
        let bus = 101.7938 * (14.662 * 2048 + 28.895) * 512
        let arbiter = 395.473 * (1.2886 * 2048 * 2048 + 5.5814 * 2048 - 23.711)
        XCTAssertEqual((bus + arbiter) / sub.areaSquareMicrometres, 0.99967, accuracy: 0.00005)
        for name in ["area_um2", "power_mW"] {
            XCTAssertTrue(env.metrics.first { $0.name == name }!.summary.contains("MAESTRO's own"), name)
        }
    }
}
