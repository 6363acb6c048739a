import XCTest
@testable import SystolicSim

/// Stalls in USER bandwidth mode against real SCALE-Sim 3.0.0 runs beyond the 12 reference cases
/// (Fixtures/user_mode, see its PROVENANCE): arrays 4…64, os/ws/is, SRAMs 1…256 KB, 1…64 words/cycle.
/// Total and stall cycles and DRAM reads are SCALE-Sim's figures exactly (docs/systolic.md).
final class UserModeAgreementTests: XCTestCase {
    private static let folder = ReferenceCase.fixtures.appendingPathComponent("user_mode")

    /// The second row of a SCALE-Sim report, as numbers.
    private func report(_ url: URL) throws -> [Int] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let row = text.split(whereSeparator: \.isNewline)[1]
        return row.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.map { Int($0) }
    }

    private func cases() throws -> [(id: String, simulation: LayerSimulation, compute: [Int], access: [Int])] {
        let ids = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasPrefix("d") }.sorted()
        return try ids.map { id in
            let dir = Self.folder.appendingPathComponent(id)
            let cfg = dir.appendingPathComponent("arch.cfg"), topo = dir.appendingPathComponent("topology.csv")
            let config = try ArchitectureConfig.parse(String(contentsOf: cfg, encoding: .utf8), file: cfg.path)
            let layer = try Topology.parse(String(contentsOf: topo, encoding: .utf8), file: topo.path, kind: .conv).layers[0]
            return (id, SystolicSimulator(config: config).simulate(layer),
                    try report(dir.appendingPathComponent("COMPUTE_REPORT.csv")),
                    try report(dir.appendingPathComponent("DETAILED_ACCESS_REPORT.csv")))
        }
    }

    func testFixturesArePresent() throws {
        XCTAssertEqual(try cases().count, 15)
    }

    func testTotalAndStallCyclesAreSCALESims() throws {
        // COMPUTE_REPORT: LayerID, Total Cycles (incl. prefetch), Total Cycles, Stall Cycles, ...
        for c in try cases() {
            XCTAssertEqual(c.simulation.totalCycles, c.compute[2], c.id)
            XCTAssertEqual(c.simulation.stallCycles, c.compute[3], c.id)
        }
    }

    func testDRAMReadsAreSCALESims() throws {
        // DETAILED_ACCESS_REPORT: ..., DRAM IFMAP Reads (column 12), ..., DRAM Filter Reads (column 15), ...
        for c in try cases() {
            XCTAssertEqual(c.simulation.memory.ifmapDRAMReads, c.access[12], c.id)
            XCTAssertEqual(c.simulation.memory.filterDRAMReads, c.access[15], c.id)
        }
    }

    func testASweepLongerThanTheWindowMovesIt() throws {
        // d05s7: 16x32 os, 1 KB filter SRAM (a 47-set active half): each of the 3 folds sweeps the whole
        // 4,608-word filter stream (420 sets) from its start, so the window must pass every set in
        // between, not just hold both ends: 512 words of first fill + 26 prefetches of 512 = 13,824.
        let d05 = try cases().first { $0.id == "d05s7" }!
        XCTAssertEqual(d05.simulation.memory.filterDRAMReads, 13_824)
    }

    func testNoStallWhenTheOfmapFitsItsSRAM() throws {
        // d45: 64x32 os, 256 KB ofmap SRAM, 1 word/cycle: 768 output words in 474 compute cycles and no
        // stall, because the write buffer drains (and can make the array wait) only once half full.
        let d45 = try cases().first { $0.id == "d45" }!
        XCTAssertEqual(d45.simulation.stallCycles, 0)
        XCTAssertEqual(d45.simulation.totalCycles, 475)
    }
}
