import XCTest
@testable import DataflowSim

final class MappingWriterTests: XCTestCase {
    /// Written MAESTRO text reads back to the same layers (DWCONV as DSCONV) and hardware; a Y'/X' map in a
    /// level without R/S comes back as the input rows/columns MAESTRO needs there, with equal results.
    func testNetworkAndHardwareRoundTrip() throws {
        let types = try MappingParser.parse(contentsOf: Fixtures.url("maestro_layer_types.m"))
        let strided = Layer(name: "s2", type: .conv, dimensions: ["K": 32, "C": 16, "R": 3, "S": 3, "Y": 17, "X": 17], strideY: 2, strideX: 3,
                            dataflow: DataflowTemplate.outputStationary.directives(
                                for: Layer(name: "s2", type: .conv, dimensions: ["K": 32, "C": 16, "R": 3, "S": 3, "Y": 17, "X": 17], dataflow: [])))
        let network = Network(name: "RoundTrip", layers: types.layers + [strided])
        let back = try MappingParser.parse(MappingWriter.text(network), file: "written.m")
        XCTAssertEqual(back.name, "RoundTrip")
        XCTAssertEqual(back.layers.count, network.layers.count)
        for (a, b) in zip(network.layers, back.layers) {
            XCTAssertEqual(a.name, b.name)
            XCTAssertEqual(a.type, b.type)
            XCTAssertEqual(a.dimensions, b.dimensions, a.name)
            XCTAssertEqual([a.strideY, a.strideX], [b.strideY, b.strideX], a.name)
            if a.name != "s2" { XCTAssertEqual(a.dataflow, b.dataflow, a.name) }
        }
        // yxp_os's top level maps Y'/X' without R/S: written as input rows/columns, evaluated the same.
        XCTAssertEqual(back.layers.last?.dataflow.first { $0.description.contains("X") }?.description, "TemporalMap(10,8) X")
        let sim = DataflowSimulator(hardware: HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 1000, offchipBandwidth: 50))
        XCTAssertEqual(try sim.evaluate(strided), try sim.evaluate(try XCTUnwrap(back.layers.last)))
        let hw = HardwareConfig(peCount: 64, l1SizeBytes: 128, l2SizeBytes: 16384, nocBandwidth: 32, offchipBandwidth: 16, nocLatency: 2)
        XCTAssertEqual(try HardwareParser.parse(MappingWriter.hardwareText(hw), file: "hw.m"), hw)
    }
}
