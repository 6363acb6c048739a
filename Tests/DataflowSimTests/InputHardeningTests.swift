import XCTest
@testable import DataflowSim

/// Hostile MAESTRO inputs (issue #15): every out-of-range number is rejected with file:line (or the layer
/// and directive) and the allowed range, before any arithmetic can trap or loop.
final class InputHardeningTests: XCTestCase {
    private let hardware = HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 1000, offchipBandwidth: 50)

    private func mapping(stride: String = "X: 1, Y: 1", dims: String = "K: 4, C: 4, R: 3, S: 3, Y: 8, X: 8",
                         dataflow: String = "SpatialMap(1,1) K;") -> String {
        "Network n {\nLayer a {\nType: CONV\nStride { \(stride) }\nDimensions { \(dims) }\nDataflow { \(dataflow) }\n}\n}\n"
    }

    private func assertParseError(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try MappingParser.parse(text, file: "bad.m"), file: file, line: line) { error in
            let message = String(describing: error)
            for part in expected { XCTAssertTrue(message.contains(part), "\(message) lacks \(part)", file: file, line: line) }
        }
    }

    func testStrideZeroIsRejectedWithFileLineAndRange() {
        assertParseError(mapping(stride: "X: 0, Y: 1"), ["bad.m:4", "stride X", "1...1024", "found 0"])
    }

    func testStrideZeroBuiltInCodeIsAMappingErrorNotADivisionByZero() throws {
        var layer = Layer(name: "z", type: .conv, dimensions: ["K": 4, "C": 4, "R": 3, "S": 3, "Y": 8, "X": 8], strideY: 1, strideX: 0, dataflow: [])
        layer.dataflow = DataflowTemplate.xPartitionedWeightStationary.directives(for: layer)
        XCTAssertThrowsError(try DataflowSimulator(hardware: hardware).evaluate(layer)) { error in
            XCTAssertTrue((error as! MappingError).reason.contains("stride X must be an integer in 1...1024"), "\(error)")
        }
    }

    func testBillionDimensionIsRejectedWithFileLineAndRange() {
        assertParseError(mapping(dims: "K: 4, C: 4, R: 3, S: 3, Y: 1000000000, X: 8"), ["bad.m:5", "dimension Y", "1...1048576", "1000000000"])
        assertParseError(mapping(dims: "K: 4, C: 4, R: 3, S: 3, Y: 99999999999999999999999, X: 8"), ["bad.m:5", "too large", "1...1048576"])
    }

    func testDimensionsWhoseProductPasses2To40AreRejected() {
        assertParseError(mapping(dims: "K: 1048576, C: 1048576, R: 3, S: 3, Y: 8, X: 8"), ["bad.m:5", "exceed 2^40"])
    }

    func testHugeDirectiveSizesAndClustersAreRejectedWithoutOverflow() throws {
        assertParseError(mapping(dataflow: "SpatialMap(1,1) K; TemporalMap(1000000000,1) C;"), ["bad.m:6", "1...1048576"])
        let clusters = Array(repeating: "Cluster(1048576,P);", count: 4).joined(separator: " ")
        let layer = try MappingParser.parse(mapping(dataflow: "SpatialMap(1,1) K; \(clusters) SpatialMap(1,1) C;"), file: "c.m").layers[0]
        XCTAssertThrowsError(try DataflowSimulator(hardware: hardware).evaluate(layer)) { error in
            XCTAssertTrue((error as! MappingError).reason.contains("the hardware has 256"), "\(error)")
        }
        // Sizes within range whose product passes 2^40 in one level.
        let wide = try MappingParser.parse(mapping(dims: "K: 1024, C: 1024, R: 3, S: 3, Y: 64, X: 64",
                                                   dataflow: "SpatialMap(1,1) K; TemporalMap(1048576,1048576) C; TemporalMap(1048576,1048576) Y;"),
                                           file: "w.m").layers[0]
        XCTAssertThrowsError(try DataflowSimulator(hardware: hardware).evaluate(wide)) { error in
            XCTAssertTrue((error as! MappingError).reason.contains("exceeds 2^40"), "\(error)")
        }
    }

    func testHardwareFileOutOfRangeNamesKeyLineAndRange() {
        let cases = [("num_pes: 0", "'num_pes' must be an integer in 1...1048576"),
                     ("noc_bw_cstr: 4294967296", "'noc_bw_cstr' must be an integer in 1...1073741824"),
                     ("l2_size_cstr: -5", "'l2_size_cstr' must be an integer in 1...1099511627776")]
        for (bad, expected) in cases {
            let key = bad.split(separator: ":")[0]
            let lines = ["num_pes: 256", "l1_size_cstr: 100", "l2_size_cstr: 3000", "noc_bw_cstr: 1000", "offchip_bw_cstr: 50"]
                .map { $0.hasPrefix(key) ? bad : $0 }
            XCTAssertThrowsError(try HardwareParser.parse(lines.joined(separator: "\n"), file: "hw.m")) { error in
                let message = String(describing: error)
                XCTAssertTrue(message.hasPrefix("hw.m:") && message.contains(expected), message)
            }
        }
    }

    /// Counts are accumulated with overflow checks: past 2^60 the level is flagged, never wrapped.
    func testAccumulationPast2To60IsFlaggedNotWrapped() {
        var total = 5
        var overflow = false
        LevelResult.accumulate(&total, 1 << 40, 1 << 30, &overflow)
        XCTAssertTrue(overflow)
        XCTAssertEqual(total, 5)
        overflow = false
        LevelResult.accumulate(&total, Int.max, 2, &overflow)
        XCTAssertTrue(overflow)
        overflow = false
        LevelResult.accumulate(&total, 1 << 20, 1 << 20, &overflow)
        XCTAssertFalse(overflow)
        XCTAssertEqual(total, 5 + (1 << 40))
    }
}
