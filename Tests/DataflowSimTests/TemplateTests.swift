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
    /// MAESTRO's strided window rule on a Y/X directive: ⌊(size + stride − R)/stride⌋ windows become
    /// windows·min(stride, R) + max(R − stride, 0) rows stepping windows·stride (windows·R below the top
    /// level when R < stride); tiles narrower than the filter stay as written.
    func testSlidingWindowRule() {
        XCTAssert(SlidingWindow.strided(size: 3, offset: 1, filter: 3, stride: 2, topLevel: true) == (3, 2))
        XCTAssert(SlidingWindow.strided(size: 10, offset: 8, filter: 3, stride: 2, topLevel: true) == (9, 8))
        XCTAssert(SlidingWindow.strided(size: 16, offset: 16, filter: 3, stride: 2, topLevel: true) == (15, 14))
        XCTAssert(SlidingWindow.strided(size: 7, offset: 7, filter: 7, stride: 3, topLevel: true) == (7, 3))
        XCTAssert(SlidingWindow.strided(size: 2, offset: 2, filter: 1, stride: 2, topLevel: true) == (1, 2))
        XCTAssert(SlidingWindow.strided(size: 2, offset: 2, filter: 1, stride: 2, topLevel: false) == (1, 1))
        XCTAssert(SlidingWindow.strided(size: 2, offset: 1, filter: 3, stride: 2, topLevel: true) == (2, 1))
        XCTAssert(SlidingWindow.strided(size: 5, offset: 1, filter: 3, stride: 1, topLevel: true) == (5, 1))
    }

    /// A 3x3/2 conv on 17x17 inputs has 8x8 outputs: 32·16·9·64 = 294,912 MACs. kcp_ws, rs, xp_ws and
    /// ykp_os count exactly that on 256 PEs; under yxp_os MAESTRO's stride-free output tiles over-count
    /// (MAESTRO: 516,096, Fixtures/maestro_strided_results.csv) and the result says so.
    func testStrideTwoMACsAndTheYxpOsMiscountWarning() throws {
        let sim = DataflowSimulator(hardware: HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 1000, offchipBandwidth: 50))
        let base = Layer(name: "s2", type: .conv, dimensions: ["K": 32, "C": 16, "R": 3, "S": 3, "Y": 17, "X": 17], strideY: 2, strideX: 2, dataflow: [])
        XCTAssertEqual(base.macCount, 294_912)
        for template in [DataflowTemplate.weightStationary, .rowStationary, .xPartitionedWeightStationary, .ykPartitionedOutputStationary] {
            var layer = base
            layer.dataflow = template.directives(for: base)
            let r = try sim.evaluate(layer)
            XCTAssertEqual(r.macs, base.macCount, "\(template)")
            XCTAssertTrue(r.warnings.allSatisfy { !$0.contains("MACs") }, "\(template): \(r.warnings)")
        }
        var layer = base
        layer.dataflow = DataflowTemplate.outputStationary.directives(for: base)
        let r = try sim.evaluate(layer)
        XCTAssertEqual(r.macs, 516_096)
        XCTAssertTrue(r.warnings.contains { $0.contains("516096") && $0.contains("294912") }, "\(r.warnings)")
    }
}
