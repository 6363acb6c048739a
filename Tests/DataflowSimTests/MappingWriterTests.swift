import XCTest
@testable import DataflowSim

final class MappingWriterTests: XCTestCase {
    /// Written MAESTRO text reads back to the same layers (DWCONV as DSCONV) and hardware.
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
            XCTAssertEqual(a.dataflow, b.dataflow, a.name)
        }
        let hw = HardwareConfig(peCount: 64, l1SizeBytes: 128, l2SizeBytes: 16384, nocBandwidth: 32, offchipBandwidth: 16, nocLatency: 2)
        XCTAssertEqual(try HardwareParser.parse(MappingWriter.hardwareText(hw), file: "hw.m"), hw)
    }
}
