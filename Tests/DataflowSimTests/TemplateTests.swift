import XCTest
@testable import DataflowSim

final class TemplateTests: XCTestCase {
    private let hw = HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 1000, offchipBandwidth: 50)

    /// The built-in templates reproduce MAESTRO's shipped files on the reference layers.
    func testBuiltInTemplatesMatchTheShippedMappingFiles() throws {
        let sim = DataflowSimulator(hardware: hw)
        for (template, file) in [(DataflowTemplate.weightStationary, "kcp_ws"), (.rowStationary, "rs"),
                                 (.xPartitionedWeightStationary, "xp_ws"), (.ykPartitionedOutputStationary, "ykp_os_fixed"),
                                 (.outputStationary, "yxp_os")] {
            for layer in try Fixtures.network(file).layers {
                var built = layer
                built.dataflow = template.directives(for: layer)
                XCTAssertEqual(try sim.evaluate(built), try sim.evaluate(layer), "\(template) \(layer.name)")
            }
        }
    }

    func testEveryTemplateComputesEveryMACOfAStrideOneConv() throws {
        let sim = DataflowSimulator(hardware: hw)
        let base = Layer(name: "c", type: .conv, dimensions: ["K": 32, "C": 16, "R": 3, "S": 3, "Y": 16, "X": 16], dataflow: [])
        for template in DataflowTemplate.allCases {
            var layer = base
            layer.dataflow = template.directives(for: base)
            let r = try sim.evaluate(layer)
            XCTAssertEqual(r.macs, base.macCount, "\(template)")
        }
    }

    func testCustomMappingRunsEveryLoopOrderAndSpatialDimension() throws {
        let sim = DataflowSimulator(hardware: hw)
        let base = Layer(name: "c", type: .conv, dimensions: ["K": 32, "C": 16, "R": 3, "S": 3, "Y": 16, "X": 16], dataflow: [])
        for order in CustomMapping.loopOrders.values {
            for dim in ["K", "C", "Y", "X"] {
                var layer = base
                layer.dataflow = CustomMapping(spatialDimension: dim, kTile: 4, cTile: 4, loopOrder: order).directives(for: base)
                let r = try sim.evaluate(layer)
                XCTAssertGreaterThan(r.runtimeCycles, 0)
                XCTAssertGreaterThan(r.energyNanojoules, 0)
            }
        }
    }
}

final class StrideTests: XCTestCase {
    /// A stride-2 3x3 conv on 17x17 inputs has 8x8 outputs: 32·16·9·64 = 294 912 MACs.
    func testStrideTwoCountsOnlyTheStridedWindows() throws {
        let sim = DataflowSimulator(hardware: HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 1000, offchipBandwidth: 50))
        let base = Layer(name: "s2", type: .conv, dimensions: ["K": 32, "C": 16, "R": 3, "S": 3, "Y": 17, "X": 17], strideY: 2, strideX: 2, dataflow: [])
        XCTAssertEqual(base.macCount, 294_912)
        for template in DataflowTemplate.allCases {
            var layer = base
            layer.dataflow = template.directives(for: base)
            XCTAssertEqual(try sim.evaluate(layer).macs, base.macCount, "\(template)")
        }
    }
}
