import DRAMSim
import Foundation
import XCTest

final class DRAMSimBehaviourTests: XCTestCase {
    static let root = DRAMSysAgreementTests.root
    static let probes = DRAMSysAgreementTests.fixtures.appendingPathComponent("probes")

    func load(_ spec: String, _ mapping: String) throws -> (MemorySpec, AddressMapping) {
        (try MemorySpec.load(from: Self.root.appendingPathComponent("envs/dram/memspecs/\(spec)")),
         try AddressMapping.load(from: Self.root.appendingPathComponent("envs/dram/amconfigs/\(mapping)")))
    }

    /// The second request's latency of a probe trace (the first opens a row, then the bank is idle).
    func probeLatency(_ spec: MemorySpec, _ mapping: AddressMapping, _ probe: String) throws -> (total: Double, latency: Double) {
        let trace = try Trace.load(from: Self.probes.appendingPathComponent(probe))
        let result = DRAMSimulator(spec: spec, mapping: mapping, controller: ControllerConfig()).run(trace, playerClockMegahertz: 1000)
        let arrival = Double(trace.requests.last!.cycle)  // 1000 MHz player: cycles are ns
        return (result.totalTimeNanoseconds, result.totalTimeNanoseconds - arrival)
    }

    func testIdleReadLatenciesAreTheTextbookFiguresForDDR3() throws {
        let (spec, mapping) = try load("MICRON_1Gb_DDR3-1600_8bit_G.json", "am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json")
        let tCK = 1.25, t = spec.timing, burst = 4.0
        XCTAssertEqual(try probeLatency(spec, mapping, "probe_miss.stl").latency, (Double(t.rcd + t.rl) + burst) * tCK, accuracy: 1e-9)  // 30 ns
        XCTAssertEqual(try probeLatency(spec, mapping, "probe_hit_DDR3.stl").latency, (Double(t.rl) + burst) * tCK, accuracy: 1e-9)  // 17.5 ns
        XCTAssertEqual(try probeLatency(spec, mapping, "probe_conflict_DDR3.stl").latency,
                       (Double(t.rp + t.rcd + t.rl) + burst) * tCK, accuracy: 1e-9)  // 42.5 ns, as DRAMSys
    }

    func testIdleReadLatenciesAreTheTextbookFiguresForDDR4WithPicosecondClock() throws {
        let (spec, mapping) = try load("JEDEC_4Gb_DDR4-2400_8bit_A.json", "am_ddr4_custom_rbc.json")
        XCTAssertEqual(spec.clockPeriodNanoseconds, 0.833)  // 1/1200 MHz rounded to whole ps, as DRAMSys
        // DRAMSys: miss 29.988 ns (36 cycles); hit 16.825 and conflict 43.481 ns, the request arriving at
        // 10,000 ns waits 0.165 ns for the next clock edge (cycle 12,005).
        XCTAssertEqual(try probeLatency(spec, mapping, "probe_miss.stl").latency, 36 * 0.833, accuracy: 1e-6)
        XCTAssertEqual(try probeLatency(spec, mapping, "probe_hit_DDR4.stl").total, 10_016.825, accuracy: 1e-6)
        XCTAssertEqual(try probeLatency(spec, mapping, "probe_conflict_DDR4.stl").total, 10_043.481, accuracy: 1e-6)
        XCTAssertEqual(spec.peakBandwidthGBps, 19.2, accuracy: 1e-9)
    }

    func testLPDDR4HitMissAndConflictLatenciesMatchDRAMSys() throws {
        let (spec, mapping) = try load("JEDEC_8Gb_LPDDR4-3200_16bit.json", "am_lpddr4_custom_rbc.json")
        // Two rails (VDD1 1.8 V, VDD2 1.1 V) after DRAMPower 5; DRAMSys 4.0 itself reports no LPDDR4 energy.
        XCTAssertEqual(spec.power?.rails.map(\.voltage), [1.8, 1.1])
        XCTAssertEqual(try probeLatency(spec, mapping, "probe_miss.stl").latency, 46.25, accuracy: 1e-6)
        XCTAssertEqual(try probeLatency(spec, mapping, "probe_hit_LPDDR4.stl").latency, 28.125, accuracy: 1e-6)
        // PRE at the arrival, the two-part ACT starts tRPpb - 2 = 27 cycles later (its timed half at 29),
        // RD tRCD = 29 after the ACT's start, data RL + tDQSCK + 3 + burst = 45 later: 101 cycles of 0.625 ns.
        XCTAssertEqual(try probeLatency(spec, mapping, "probe_conflict_LPDDR4.stl").latency, 63.125, accuracy: 1e-6)
    }

    func testStreamIsNearPeakAndRandomHitsFewRows() throws {
        let (spec, mapping) = try load("MICRON_1Gb_DDR3-1600_8bit_G.json", "am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json")
        var controller = ControllerConfig()
        controller.scheduler = .frFcfs
        controller.requestBufferSize = 8
        let stream = DRAMSimulator(spec: spec, mapping: mapping, controller: controller).run(TraceGenerator(pattern: .stream, count: 4096).trace())
        XCTAssertGreaterThan(stream.bandwidthPercentOfPeak, 90)
        XCTAssertEqual(stream.commands.activates, 4096 / 128, "one activate per 8 KB row of 128 lines")
        XCTAssertEqual(stream.rowMisses, 8, "the first row of each of the 8 banks finds the bank closed")
        XCTAssertEqual(stream.rowConflicts, 4096 / 128 - 8, "every later row finds another row open")
        let random = DRAMSimulator(spec: spec, mapping: mapping, controller: controller).run(TraceGenerator(pattern: .random, count: 4096, seed: 3).trace())
        XCTAssertLessThan(random.rowHits, 100)
        XCTAssertEqual(random.commands.reads, 4096)
        XCTAssertEqual(random.rowHits + random.rowMisses + random.rowConflicts, 4096)
    }

    func testEnergyFollowsTheDRAMPowerFormulas() throws {
        let (spec, mapping) = try load("MICRON_1Gb_DDR3-1600_8bit_G.json", "am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json")
        let result = DRAMSimulator(spec: spec, mapping: mapping, controller: ControllerConfig()).run(TraceGenerator(pattern: .stream, count: 1024).trace())
        let energy = try XCTUnwrap(result.energy)
        // E_RD = VDD·(IDD4R − IDD3N)·(BL/2)·tCK per device: 1.5 V · 95 mA · 4 · 1.25 ns · 8 devices = 5,700 pJ.
        XCTAssertEqual(energy.readPicojoules, 1024 * 5_700, accuracy: 1e-6)
        // E_ACT = VDD·(IDD0 − IDD3N)·tRAS·tCK · 8 = 1.5 · 25 · 28 · 1.25 · 8 = 10,500 pJ.
        XCTAssertEqual(energy.activatePicojoules, Double(result.commands.activates) * 10_500, accuracy: 1e-6)
        XCTAssertEqual(result.averagePowerMilliwatts!, energy.totalPicojoules / result.totalTimeNanoseconds, accuracy: 1e-9)
    }

    func testMalformedTraceLinesNameTheFileAndLine() {
        let cases = [("0: read 0x0\n5: fetch 0x40\n", "t.stl:2: unknown command 'fetch'; allowed: read, write"),
                     ("0: read 0x0\nfive: read 0x40\n", "t.stl:2: the cycle 'five' is not a non-negative integer"),
                     ("0: read 4096\n", "t.stl:1: the address '4096' is not a hexadecimal number like 0x1F40"),
                     ("9: read 0x0\n3: read 0x40\n", "t.stl:2: cycle 3 is earlier than the previous request's 9; traces must be in time order"),
                     ("# only a comment\n", "t.stl: the trace has no requests")]
        for (text, message) in cases {
            XCTAssertThrowsError(try Trace.parse(text, name: "t", file: "t.stl")) { error in
                XCTAssertEqual(String(describing: error), message)
            }
        }
        XCTAssertEqual(try Trace.parse("0:\twrite\t0x40 data\n+4: read 0x80\r\n(2): read 0xc0\n", name: "t", file: "t.stl").requests.map(\.cycle), [0, 4, 6])
    }

    func testGeneratorIsDeterministicPerSeed() {
        for pattern in TraceGenerator.Pattern.allCases {
            XCTAssertEqual(TraceGenerator(pattern: pattern, count: 500, seed: 5).trace(), TraceGenerator(pattern: pattern, count: 500, seed: 5).trace())
        }
        XCTAssertNotEqual(TraceGenerator(pattern: .random, count: 50, seed: 5).trace().requests, TraceGenerator(pattern: .random, count: 50, seed: 6).trace().requests)
        let mixed = TraceGenerator(pattern: .mixed, count: 16_000, seed: 1).trace()
        XCTAssertEqual(Double(mixed.requests.filter { $0.kind == .write }.count) / 16_000, 0.3, accuracy: 0.05)
    }

    func testUnknownKnobAndValueAreRejectedWithTheAllowedValues() {
        var controller = ControllerConfig()
        XCTAssertThrowsError(try controller.set("PagePolicy", to: "Sometimes")) { error in
            XCTAssertEqual(String(describing: error), "controller: PagePolicy = 'Sometimes' is invalid; allowed: Open, OpenAdaptive, Closed, ClosedAdaptive")
        }
        XCTAssertThrowsError(try controller.set("RequestBufferSize", to: "0"))
        XCTAssertThrowsError(try controller.set("Turbo", to: "1"))
    }
}
