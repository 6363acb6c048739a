import XCTest
@testable import SystolicSim

final class ParserTests: XCTestCase {
    func testEveryFixtureConfigParses() throws {
        for reference in try ReferenceCase.all() {
            let config = try reference.config()
            XCTAssertEqual(config.rows, reference.int("array_rows"), reference.id)
            XCTAssertEqual(config.dataflow.rawValue, reference.row["dataflow"], reference.id)
            XCTAssertEqual(config.bandwidthMode.rawValue, reference.row["bandwidth_mode"], reference.id)
            XCTAssertEqual(config.ifmapSRAMKilobytes, reference.int("ifmap_sram_kb"), reference.id)
        }
    }

    func testBadTopologyFieldIsNamedWithFileAndLine() {
        let text = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nc1, 28, 28, 3, 3, x, 64, 1,\n"
        XCTAssertThrowsError(try Topology.parse(text, file: "net.csv")) { error in
            XCTAssertEqual(error as? SystolicSimError, .invalidValue(file: "net.csv", line: 2, field: "Channels", value: "x", expected: "an integer in 1...16777216"))
            XCTAssertEqual("\(error)", "net.csv:2: field 'Channels' = 'x' is invalid; expected an integer in 1...16777216")
        }
    }

    func testBadDataflowIsNamedWithFileAndLine() {
        XCTAssertThrowsError(try ArchitectureConfig.parse("[a]\nArrayHeight: 8\nArrayWidth: 8\nDataflow : xs\n", file: "a.cfg")) { error in
            XCTAssertEqual("\(error)", "a.cfg:4: field 'Dataflow' = 'xs' is invalid; expected os, ws or is")
        }
    }

    func testDepthwiseLayerIsSplitPerChannel() throws {
        let text = "header,\nconv_DP1, 14, 14, 3, 3, 4, 1, 1,\n"
        let layers = try Topology.parse(text).layers
        XCTAssertEqual(layers.map(\.name), (0..<4).map { "conv_DP1Channel_\($0)" })
        XCTAssertTrue(layers.allSatisfy { $0.channels == 1 && $0.filters == 1 })
    }

    func testGEMMRowIsAnMByKIfmapWithNFiltersOfOneByK() throws {
        let layer = try Topology.parse("Layer, M, N, K,\nfc, 64, 1000, 512,\n", kind: .gemm).layers[0]
        XCTAssertEqual(layer.ofmapPixels, 64)
        XCTAssertEqual(layer.windowSize, 512)
        XCTAssertEqual(layer.filters, 1000)
    }

    func testMissingStrideDefaultsToOne() throws {
        let layer = try Topology.parse("h\nc, 8, 8, 3, 3, 2, 4\n").layers[0]
        XCTAssertEqual(layer.stride, 1)
    }

    func testWindowsLineEndingsAreAccepted() throws {
        let layers = try Topology.parse("h,\r\nc1, 8, 8, 3, 3, 2, 4, 1,\r\nc2, 8, 8, 1, 1, 2, 4, 1,\r\n").layers
        XCTAssertEqual(layers.map(\.name), ["c1", "c2"])
    }
}
