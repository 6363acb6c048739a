import XCTest
@testable import SystolicSim

/// Hostile but well-formed SCALE-Sim inputs (issue #15): each is refused with the file, line, field and
/// the allowed range, before any product of its numbers can overflow or size an allocation; settings
/// the simulator does not model are refused rather than answered densely.
final class InputLimitTests: XCTestCase {
    private let header = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"

    private func config(_ extra: String) -> String {
        "[general]\nrun_name = r\n[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow : os\n" + extra
    }

    private func assertRefused(_ body: @autoclosure () throws -> Any, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertTrue(error is SystolicSimError, "\(error)", file: file, line: line)
            XCTAssertEqual("\(error)", message, file: file, line: line)
        }
    }

    func testArrayOfABillionPEsPerSideIsRefused() {
        assertRefused(try ArchitectureConfig.parse("ArrayHeight: 1000000000\nArrayWidth: 8\nDataflow : os\n", file: "a.cfg"),
                      "a.cfg:1: field 'ArrayHeight' = '1000000000' is invalid; expected an integer in 1...16384")
    }

    func testSRAMAndBandwidthOutOfRangeAreRefused() {
        assertRefused(try ArchitectureConfig.parse(config("IfmapSramSzkB: 0\n"), file: "a.cfg"),
                      "a.cfg:7: field 'IfmapSramSzkB' = '0' is invalid; expected an integer in 1...1048576")
        assertRefused(try ArchitectureConfig.parse(config("Bandwidth : 99999999999999999999\n"), file: "a.cfg"),
                      "a.cfg:7: field 'Bandwidth' = '99999999999999999999' is invalid; expected an integer in 1...1048576")
    }

    func testBillionChannelsAreRefused() {
        assertRefused(try Topology.parse(header + "c, 28, 28, 3, 3, 1000000000, 64, 1,\n", file: "net.csv"),
                      "net.csv:2: field 'Channels' = '1000000000' is invalid; expected an integer in 1...16777216")
    }

    func testTenBillionWordIfmapIsRefusedBeforeAnyAllocation() {
        // 100,000 x 100,000 x 1: each number is in range, the product is not (80 GB of tables).
        assertRefused(try Topology.parse(header + "c, 100000, 100000, 3, 3, 1, 8, 1,\n", file: "net.csv"),
                      "net.csv:2: field 'Channels' = '10000000000' is invalid; expected a layer of at most 33554432 ifmap words (H x W x C)")
    }

    func testOverflowingGEMMIsRefused() {
        // M x K fits, but M x N x K multiply-accumulates do not fit 2^50.
        assertRefused(try Topology.parse("Layer, M, N, K,\ng, 4096, 16777216, 4096,\n", file: "g.csv", kind: .gemm),
                      "g.csv:2: field 'K' = '68719476736' is invalid; expected a layer of at most 4294967296 filter words (Fh x Fw x C x N)")
    }

    func testSparsityAndCustomLayoutsAreRefused() {
        assertRefused(try ArchitectureConfig.parse(config("[sparsity]\nSparsitySupport : true\n"), file: "a.cfg"),
                      "a.cfg:8: field 'SparsitySupport' = 'true' is invalid; expected false (SCALE-Sim's sparse mode is not modelled)")
        assertRefused(try ArchitectureConfig.parse(config("[layout]\nIfmapCustomLayout: True\n"), file: "a.cfg"),
                      "a.cfg:8: field 'IfmapCustomLayout' = 'True' is invalid; expected false (SCALE-Sim's custom ifmap layouts is not modelled)")
        XCTAssertNoThrow(try ArchitectureConfig.parse(config("[sparsity]\nSparsitySupport : false\n[layout]\nFilterCustomLayout: False\n")))
    }

    func testRunNameCannotLeaveTheOutputFolder() throws {
        for name in ["../..", "..", "a/b", "/etc", "."] {
            XCTAssertThrowsError(try ArchitectureConfig.parse("[general]\nrun_name = \(name)\nArrayHeight: 8\nArrayWidth: 8\nDataflow : os\n", file: "a.cfg"), name) { error in
                XCTAssertTrue("\(error)".hasPrefix("a.cfg:2: field 'run_name'"), "\(error)")
            }
        }
        XCTAssertEqual(try ArchitectureConfig.parse(config("")).runName, "r")
    }

    func testLargestAllowedLayerSimulatesWithoutOverflow() throws {
        // A legitimately large layer at the edge of the limits still simulates (CALC: one table entry per ifmap word).
        let layer = try Topology.parse(header + "c, 2048, 2048, 1, 1, 8, 4, 1,\n").layers[0]
        let result = SystolicSimulator(config: .init(rows: 16_384, columns: 16_384, dataflow: .outputStationary)).simulate(layer)
        XCTAssertEqual(result.compute.macs, 2048 * 2048 * 8 * 4)
        XCTAssertEqual(result.memory.ifmapDRAMReads, 2048 * 2048 * 8)
    }
}
