import Foundation
import GymCore
import SystolicSim
import XCTest
@testable import Environments

final class SystolicEnvironmentTests: XCTestCase {
    func testRegisteredWithEveryShippedWorkload() throws {
        let entry = try EnvironmentRegistry.standard.entry("systolic")
        XCTAssertEqual(entry.workloads, ["resnet18", "alexnet", "mobilenet_v1", "mobilenet_v2", "bert_base"])
        for workload in entry.workloads {
            let environment = try entry.make(workload: workload)
            let design = try environment.parameterSpace.validate(["rows": 32, "cols": 32, "dataflow": "ws"], fillingDefaults: true)
            let evaluation = try environment.step(design)
            XCTAssertTrue(evaluation.feasible, workload)
            XCTAssertGreaterThan(evaluation.metrics["total_cycles"]!, 0, workload)
        }
    }

    func testWorkloadsAreReadFromEnvsAndUnknownNamesListTheValidOnes() throws {
        XCTAssertEqual(try SystolicWorkloads.topology("bert_base").layers.first?.name.isEmpty, false)
        XCTAssertThrowsError(try SystolicWorkloads.topology("vgg16")) { error in
            XCTAssertEqual(String(describing: error),
                           "systolic: unknown workload 'vgg16'; valid workloads: resnet18, alexnet, mobilenet_v1, mobilenet_v2, bert_base")
        }
    }

    func testResNet18HasThePapersMACCount() throws {
        // He et al. 2016, Table 1: ResNet-18 is 1.8 GFLOPs (multiply-adds) at 224x224.
        let macs = try SystolicWorkloads.topology("resnet18").layers.reduce(0) { $0 + $1.macs }
        XCTAssertEqual(Double(macs) / 1e9, 1.81, accuracy: 0.03)
    }

    func testDepthwiseLayersAreSplitPerChannel() throws {
        let layers = try SystolicWorkloads.topology("mobilenet_v1").layers
        XCTAssertEqual(layers.filter { $0.name.hasPrefix("Conv1_DPChannel_") }.count, 32)
    }

    func testMetricsFollowTheSimulatorAndCostModel() throws {
        let environment = try SystolicEnvironment(workload: "resnet18")
        let design = try environment.parameterSpace.validate(["rows": 16, "cols": 64, "dataflow": "is", "dram_bw": 64], fillingDefaults: true)
        let metrics = try environment.step(design).metrics
        let config = SystolicEnvironment.config(for: design)
        let network = SystolicSimulator(config: config).simulate(environment.topology)
        XCTAssertEqual(metrics["total_cycles"], Double(network.totalCycles))
        XCTAssertEqual(metrics["compute_cycles"], Double(network.computeCycles))
        // 1024 PEs x 659 um^2 + 192 KB x 5669 um^2 = 0.674816 + 1.088448 mm^2.
        XCTAssertEqual(metrics["area_mm2"]!, 1.763264, accuracy: 1e-9)
        XCTAssertEqual(metrics["edp"]!, metrics["energy_uJ"]! * metrics["total_cycles"]! / 1e6, accuracy: 1e-6)
    }

    func testLargerArrayIsFasterOnResNet18() throws {
        let environment = try SystolicEnvironment()
        let small = try environment.step(environment.parameterSpace.validate(["rows": 8, "cols": 8, "dram_bw": 128], fillingDefaults: true))
        let large = try environment.step(environment.parameterSpace.validate(["rows": 64, "cols": 64, "dram_bw": 128], fillingDefaults: true))
        XCTAssertLessThan(large.metrics["total_cycles"]!, small.metrics["total_cycles"]!)
    }

    func testPresetsUseReportedMetrics() throws {
        let entry = try EnvironmentRegistry.standard.entry("systolic")
        let names = Set(SystolicEnvironment.metricDescriptors.map(\.name))
        for (preset, objective) in entry.objectivePresets {
            XCTAssertTrue(Set(objective.metricNames).isSubset(of: names), preset)
        }
    }
}
