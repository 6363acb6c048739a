import XCTest
@testable import DataflowSim

final class ParserTests: XCTestCase {
    func testHardwareFileReadsAllFiveLimits() throws {
        let hw = try Fixtures.hardware()
        XCTAssertEqual(hw, HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 1000, offchipBandwidth: 50))
    }

    func testHardwareFileUnknownKeyNamesFileAndLine() {
        XCTAssertThrowsError(try HardwareParser.parse("num_pes: 4\nl1_size: 9\n", file: "hw.m")) { error in
            let e = error as! ParseError
            XCTAssertEqual(e.line, 2)
            XCTAssertTrue(e.description.hasPrefix("hw.m:2: unknown key 'l1_size'"), e.description)
        }
    }

    func testHardwareFileMissingKeyIsAnError() {
        XCTAssertThrowsError(try HardwareParser.parse("num_pes: 4\n", file: "hw.m"))
    }

    func testMappingFileReadsLayersDimensionsAndDirectives() throws {
        let net = try Fixtures.network("rs")
        XCTAssertEqual(net.name, "SmallConv")
        XCTAssertEqual(net.layers.count, 8)
        let l = net.layers[0]
        XCTAssertEqual(l.type, .conv)
        XCTAssertEqual(l.dimensions["K"], 16)
        XCTAssertEqual(l.dimensions["Y"], 32)
        XCTAssertEqual(l.dataflow.first, .spatial(size: .literal(1), offset: .literal(1), dimension: "Y'"))
        XCTAssertEqual(l.dataflow[6], .cluster(size: .sizeOf("R")))
        XCTAssertEqual(l.line, 2)
    }

    func testMissingSemicolonNamesLayerDirectiveAndLine() {
        let text = """
        Network N {
        Layer conv1 {
        Type: CONV
        Dimensions { K: 4, C: 4, R: 1, S: 1, Y: 4, X: 4 }
        Dataflow {
          SpatialMap(1,1) K
          TemporalMap(1,1) C;
        }
        }
        }
        """
        XCTAssertThrowsError(try MappingParser.parse(text, file: "m.m")) { error in
            let e = error as! ParseError
            XCTAssertEqual(e.line, 7)
            XCTAssertTrue(e.message.contains("SpatialMap(1,1) K") && e.message.contains("conv1"), e.message)
        }
    }

    func testUnknownDirectiveIsRejected() {
        XCTAssertThrowsError(try MappingParser.parseDirectives("SpaceMap(1,1) K;")) { error in
            XCTAssertTrue((error as! ParseError).message.contains("unknown directive 'SpaceMap'"))
        }
    }

    func testUnknownDimensionIsRejected() {
        XCTAssertThrowsError(try MappingParser.parseDirectives("TemporalMap(1,1) Q;")) { error in
            XCTAssertTrue((error as! ParseError).message.contains("unknown dimension 'Q'"))
        }
    }

    /// MAESTRO's shipped files also use `Constant NAME VALUE;`, `K 64` without a colon, and DSCONV.
    func testConstantsColonlessDimensionsAndDSCONVAreAccepted() throws {
        let text = """
        Constant Seq 8;
        Network T {
        Layer dw { Type: DSCONV
        Dimensions { K 1, C Seq, R 3, S 3, Y 10, X 10 }
        Dataflow { SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; }
        }
        }
        """
        let net = try MappingParser.parse(text, file: "t.m")
        XCTAssertEqual(net.layers[0].type, .dwconv)
        XCTAssertEqual(net.layers[0].dimensions["C"], 8)
    }
}
