@testable import DRAMSim
import Foundation
import XCTest

/// A tool for engine changes meant not to change results, not a check: with `DRAMSIM_DUMP=file` set it
/// writes every result field and a hash of every request's response time for ~1,100 runs (3 memory
/// specs, 4 mappings, 7 traces, the default design, 40 random designs and the OAT designs each; on
/// LPDDR4 each AllBank design is run with PerBank refresh too).
/// Dump before and after the change and compare the files:
///
/// ```sh
/// DRAMSIM_DUMP=/tmp/before.txt swift test --disable-swift-testing --filter RegressionDump
/// # change the engine
/// DRAMSIM_DUMP=/tmp/after.txt swift test --disable-swift-testing --filter RegressionDump
/// cmp /tmp/before.txt /tmp/after.txt
/// ```
final class RegressionDump: XCTestCase {
    func testDumpResultsWhenAsked() throws {
        guard let out = ProcessInfo.processInfo.environment["DRAMSIM_DUMP"] else {
            throw XCTSkip("a tool, not a check: set DRAMSIM_DUMP=/path to dump every result field for a before/after diff")
        }
        let root = DRAMSysAgreementTests.root
        let specs: [(String, String, [String])] = [
            ("MICRON_1Gb_DDR3-1600_8bit_G.json", "am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json",
             ["stream.stl", "random.stl", "cloud-1.stl", "cloud-2.stl", "mixed_rw.stl", "random_read.stl", "stream_read.stl"]),
            ("JEDEC_4Gb_DDR4-2400_8bit_A.json", "am_ddr4_custom_bgi.json", ["random.stl", "cloud-1.stl", "mixed_rw.stl"]),
            ("JEDEC_4Gb_DDR4-2400_8bit_A.json", "am_ddr4_8x4Gbx8_dimm_p1KB_brc.json", ["stream.stl", "random.stl"]),
            ("JEDEC_8Gb_LPDDR4-3200_16bit.json", "am_lpddr4_8Gbx16_brc.json", ["random.stl", "cloud-2.stl", "mixed_rw.stl"]),
        ]
        var seed: UInt64 = 12345
        func rnd(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int((seed >> 33) % UInt64(n)) }
        func randomConfig() throws -> ControllerConfig {
            var c = ControllerConfig()
            try c.set("PagePolicy", to: ["Open", "OpenAdaptive", "Closed", "ClosedAdaptive"][rnd(4)])
            try c.set("Scheduler", to: ["Fifo", "FrFcfs", "FrFcfsGrp"][rnd(3)])
            try c.set("SchedulerBuffer", to: ["Bankwise", "ReadWrite", "Shared"][rnd(3)])
            try c.set("RequestBufferSize", to: String([1, 2, 4, 8, 16, 32, 64, 128][rnd(8)]))
            try c.set("RespQueue", to: ["Fifo", "Reorder"][rnd(2)])
            try c.set("RefreshPolicy", to: ["NoRefresh", "AllBank"][rnd(2)])
            try c.set("RefreshMaxPostponed", to: String(1 + rnd(8)))
            try c.set("RefreshMaxPulledin", to: String(1 + rnd(8)))
            try c.set("PowerDownPolicy", to: ["NoPowerDown", "Staggered"][rnd(2)])
            try c.set("Arbiter", to: ["Simple", "Fifo", "Reorder"][rnd(3)])
            try c.set("MaxActiveTransactions", to: String([1, 2, 4, 8, 16, 32, 64, 128][rnd(8)]))
            return c
        }
        var lines: [String] = []
        for (specFile, mapFile, traces) in specs {
            let spec = try MemorySpec.load(from: root.appendingPathComponent("envs/dram/memspecs/\(specFile)"))
            let mapping = try AddressMapping.load(from: root.appendingPathComponent("envs/dram/amconfigs/\(mapFile)"))
            for traceName in traces {
                let trace = try Trace.load(from: root.appendingPathComponent("envs/dram/traces/\(traceName)"))
                var configs = [ControllerConfig()]
                for _ in 0..<40 { configs.append(try randomConfig()) }
                // the OAT rows: one knob at a time from the default
                let oat = try DRAMSysAgreementTests.rows("dramsys_oat_ddr3.csv").filter { $0.trace == "random.stl" }
                for row in oat { var c = ControllerConfig(); for (k, v) in row.knobs { try c.set(k, to: v) }; configs.append(c) }
                let sim0 = DRAMSimulator(spec: spec, mapping: mapping, controller: ControllerConfig())
                let prepared = sim0.prepare(trace, playerClockMegahertz: 800)
                for c in configs {
                    let (r, d) = DRAMSimulator(spec: spec, mapping: mapping, controller: c).runReportingDeliveries(prepared)
                    var h: UInt64 = 14695981039346656037
                    for x in d { h = (h ^ UInt64(bitPattern: Int64(x))) &* 1099511628211 }
                    lines.append("\(specFile) \(mapFile) \(traceName) \(c) -> \(r) deliveries \(h)")
                    if spec.hasPerBankRefresh && c.refreshPolicy == .allBank {
                        // The same design with per-bank refresh (LPDDR4 only, so DDR3/DDR4 lines stay as they were).
                        var perBank = c
                        perBank.refreshPolicy = .perBank
                        let (r, d) = DRAMSimulator(spec: spec, mapping: mapping, controller: perBank).runReportingDeliveries(prepared)
                        var h: UInt64 = 14695981039346656037
                        for x in d { h = (h ^ UInt64(bitPattern: Int64(x))) &* 1099511628211 }
                        lines.append("\(specFile) \(mapFile) \(traceName) \(perBank) -> \(r) deliveries \(h)")
                    }
                }
            }
        }
        try lines.joined(separator: "\n").write(toFile: out, atomically: true, encoding: .utf8)
    }
}
