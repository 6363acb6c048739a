import DRAMSim
import Foundation
import XCTest

/// `RefreshPolicy=PerBank` on LPDDR4-3200 (tREFIpb 780, tRFCpb 224, tREFI 6,246, tRFCab 448 cycles
/// of 0.625 ns; 8 banks) and its rejection where the standard has no per-bank refresh.
final class PerBankRefreshTests: XCTestCase {
    func load(_ spec: String, _ mapping: String) throws -> (MemorySpec, AddressMapping) {
        let root = DRAMSysAgreementTests.root
        return (try MemorySpec.load(from: root.appendingPathComponent("envs/dram/memspecs/\(spec)")),
                try AddressMapping.load(from: root.appendingPathComponent("envs/dram/amconfigs/\(mapping)")))
    }

    func lpddr4() throws -> (MemorySpec, AddressMapping) { try load("JEDEC_8Gb_LPDDR4-3200_16bit.json", "am_lpddr4_8Gbx16_brc.json") }

    func controller(_ policy: ControllerConfig.RefreshPolicy) -> ControllerConfig {
        var controller = ControllerConfig()
        controller.refreshPolicy = policy
        return controller
    }

    /// One read to `bank` (the brc mapping's bank bits are 27-29) at memory cycle `cycle` (the player runs at half the memory clock).
    func read(bank: UInt64, atMemoryCycle cycle: Int) -> MemoryRequest {
        MemoryRequest(cycle: UInt64(cycle / 2), kind: .read, address: bank << 27)
    }

    func testLPDDR4ReadsPerBankRefreshTimings() throws {
        let (spec, _) = try lpddr4()
        XCTAssertTrue(spec.hasPerBankRefresh)
        XCTAssertEqual(spec.timing.rfcPerBank, 224)
        XCTAssertEqual(spec.timing.refiPerBank, 780)
        XCTAssertEqual(ControllerConfig.refreshPolicies(for: spec), [.noRefresh, .allBank, .perBank])
    }

    func testIdleRunIssuesOnePerBankRefreshEveryTREFIpbAndOneAllBankRefreshEveryTREFI() throws {
        let (spec, mapping) = try lpddr4()
        let duration = 200_000  // memory cycles; the only request arrives at the end
        let trace = Trace(name: "idle", requests: [read(bank: 0, atMemoryCycle: duration)])
        let perBank = DRAMSimulator(spec: spec, mapping: mapping, controller: controller(.perBank)).run(trace, playerClockMegahertz: 800)
        // One REFpb per tREFIpb, plus the RefreshMaxPulledin (1) × 8 banks that DRAMSys's per-bank
        // manager pulls in ahead once banks are idle: floor(200,000 / 780) + 8 = 256 + 8 = 264.
        XCTAssertEqual(Double(perBank.commands.perBankRefreshes), Double(duration / spec.timing.refiPerBank + 8), accuracy: 1)
        XCTAssertEqual(perBank.commands.refreshes, 0)
        let allBank = DRAMSimulator(spec: spec, mapping: mapping, controller: controller(.allBank)).run(trace, playerClockMegahertz: 800)
        // One REFab per tREFI plus one pulled in: floor(200,000 / 6,246) + 1 = 33.
        XCTAssertEqual(Double(allBank.commands.refreshes), Double(duration / spec.timing.refi + 1), accuracy: 1)
        XCTAssertEqual(allBank.commands.perBankRefreshes, 0)
    }

    func testReadToAnotherBankDoesNotWaitForAPerBankRefreshButWaitsForAnAllBankOne() throws {
        let (spec, mapping) = try lpddr4()
        let tCK = spec.clockPeriodNanoseconds, t = spec.timing
        let missCycles = 74  // idle miss 46.25 ns: ACT, tRCD 29, RL 28 + tDQSCK 6 + 3, burst 8
        // PerBank: the first REFpb goes to bank 0 at tREFIpb (780) and holds it until 1,004; a read to
        // bank 7 arriving 100 cycles into it is served as on an idle device.
        let perBankArrival = t.refiPerBank + 100
        let perBank = DRAMSimulator(spec: spec, mapping: mapping, controller: controller(.perBank))
            .run(Trace(name: "pb", requests: [read(bank: 7, atMemoryCycle: perBankArrival)]), playerClockMegahertz: 800)
        XCTAssertEqual(perBank.averageReadLatencyNanoseconds, Double(missCycles) * tCK, accuracy: 1e-9)  // 46.25 ns
        // AllBank: the REFab at tREFI (6,246) blocks every bank until its end; the ACT, a two-part
        // command timed from its second half, may start 2 cycles before: 6,246 + 448 - 2 = 6,692. A read
        // arriving at 6,346 waits 346 cycles more: 420 cycles = 262.5 ns.
        let allBankArrival = t.refi + 100
        let allBank = DRAMSimulator(spec: spec, mapping: mapping, controller: controller(.allBank))
            .run(Trace(name: "ab", requests: [read(bank: 7, atMemoryCycle: allBankArrival)]), playerClockMegahertz: 800)
        let activate = t.refi + t.rfc - t.activateLead
        XCTAssertEqual(allBank.averageReadLatencyNanoseconds, Double(activate - allBankArrival + missCycles) * tCK, accuracy: 1e-9)
        XCTAssertEqual(allBank.averageReadLatencyNanoseconds, 262.5, accuracy: 1e-9)
    }

    func testReadToTheBankUnderPerBankRefreshWaitsForItsEnd() throws {
        let (spec, mapping) = try lpddr4()
        let tCK = spec.clockPeriodNanoseconds, t = spec.timing
        // Bank 0 is refreshed from 780 to 1,004; its ACT may start at 1,002 (2 before the end).
        let arrival = t.refiPerBank + 100
        let result = DRAMSimulator(spec: spec, mapping: mapping, controller: controller(.perBank))
            .run(Trace(name: "pb0", requests: [read(bank: 0, atMemoryCycle: arrival)]), playerClockMegahertz: 800)
        XCTAssertEqual(result.averageReadLatencyNanoseconds, Double(t.refiPerBank + t.rfcPerBank - t.activateLead - arrival + 74) * tCK, accuracy: 1e-9)
    }

    func testPerBankRefreshBlocksLessThanAllBankOnARandomTrace() throws {
        let (spec, mapping) = try lpddr4()
        let trace = try Trace.load(from: DRAMSysAgreementTests.root.appendingPathComponent("envs/dram/traces/random.stl"))
        var results: [ControllerConfig.RefreshPolicy: DRAMSimulationResult] = [:]
        for policy in ControllerConfig.RefreshPolicy.allCases {
            var config = controller(policy)
            config.scheduler = .frFcfs
            config.requestBufferSize = 8
            results[policy] = DRAMSimulator(spec: spec, mapping: mapping, controller: config).run(trace, playerClockMegahertz: 800)
        }
        let none = results[.noRefresh]!, all = results[.allBank]!, perBank = results[.perBank]!
        XCTAssertLessThanOrEqual(perBank.totalTimeNanoseconds, all.totalTimeNanoseconds)
        XCTAssertLessThanOrEqual(none.totalTimeNanoseconds, perBank.totalTimeNanoseconds)
        // Every bank still gets its refreshes: about one REFpb per tREFIpb over the run.
        let cycles = perBank.totalTimeNanoseconds / spec.clockPeriodNanoseconds
        XCTAssertEqual(Double(perBank.commands.perBankRefreshes), cycles / Double(spec.timing.refiPerBank), accuracy: 10)
        XCTAssertEqual(perBank.reads + perBank.writes, trace.requests.count)
        // LPDDR4's two-rail model: each REFpb costs its per-bank refresh energy, and nothing else refreshes.
        let model = try XCTUnwrap(PowerModel(spec: spec))
        XCTAssertEqual(try XCTUnwrap(perBank.energy).refreshPicojoules, Double(perBank.commands.perBankRefreshes) * model.perBankRefreshPicojoules, accuracy: 1e-3)
        XCTAssertGreaterThan(model.perBankRefreshPicojoules, 0)
    }

    func testREFpbCountStaysWithinThePostponeAndPullInWindowUnderLoad() throws {
        let (spec, mapping) = try lpddr4()
        let trace = TraceGenerator(pattern: .random, count: 20_000, seed: 7).trace()
        for (postponed, pulledIn) in [(1, 1), (8, 1), (1, 8), (4, 2)] {
            var config = controller(.perBank)
            config.refreshMaxPostponed = postponed
            config.refreshMaxPulledIn = pulledIn
            config.requestBufferSize = 32
            config.scheduler = .frFcfs
            let result = DRAMSimulator(spec: spec, mapping: mapping, controller: config).run(trace, playerClockMegahertz: 800)
            // At most RefreshMaxPostponed × 8 banks REFpb behind the tREFIpb schedule and RefreshMaxPulledin × 8 ahead.
            let due = Int((result.totalTimeNanoseconds / spec.clockPeriodNanoseconds).rounded()) / spec.timing.refiPerBank
            XCTAssertGreaterThanOrEqual(result.commands.perBankRefreshes, due - postponed * 8 - 1, "\(postponed)/\(pulledIn)")
            XCTAssertLessThanOrEqual(result.commands.perBankRefreshes, due + pulledIn * 8 + 1, "\(postponed)/\(pulledIn)")
        }
    }

    func testPerBankRefreshEnergyUsesTheSpecsPerBankCurrentOrSharesAnAllBankRefresh() throws {
        // DDR3's power spec with LPDDR4-like per-bank timings, to exercise the formula: no shipped spec
        // has both a power model and per-bank refresh.
        var (spec, _) = try load("MICRON_1Gb_DDR3-1600_8bit_G.json", "am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json")
        spec.timing.rfcPerBank = 56
        spec.timing.refiPerBank = 780
        var model = try XCTUnwrap(PowerModel(spec: spec))
        let tCK = 1.25, power = model.power.rails[0], t = spec.timing
        // Without IDD5B: an all-bank refresh's energy over the 8 banks.
        XCTAssertEqual(model.perBankRefreshPicojoules, power.voltage * (power.idd5 - power.idd3n) * Double(t.rfc) * tCK * 8 / 8, accuracy: 1e-9)
        model.power.rails[0].idd5pb = 100
        // With IDD5B = 100 mA: 1.5 V · 100 mA · 56 · 1.25 ns · 8 devices = 84,000 pJ.
        XCTAssertEqual(model.perBankRefreshPicojoules, 84_000, accuracy: 1e-6)
        var commands = CommandCounts()
        commands.perBankRefreshes = 3
        XCTAssertEqual(model.energy(commands: commands, activeNanoseconds: 0, prechargedNanoseconds: 0).refreshPicojoules, 3 * 84_000, accuracy: 1e-6)
    }

    func testPerBankIsRejectedOnDDR3NamingTheSpecAndTheAllowedPolicies() throws {
        let (spec, _) = try load("MICRON_1Gb_DDR3-1600_8bit_G.json", "am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json")
        var controller = ControllerConfig()
        try controller.set("RefreshPolicy", to: "PerBank")
        XCTAssertThrowsError(try controller.validate(for: spec)) { error in
            XCTAssertEqual(String(describing: error), "controller: RefreshPolicy = 'PerBank' needs per-bank refresh timings (tRFCpb, tREFIpb), "
                + "which MICRON_1Gb_DDR3-1600_8bit_G (DDR3) does not have; allowed: NoRefresh, AllBank")
        }
        XCTAssertEqual(ControllerConfig.refreshPolicies(for: spec), [.noRefresh, .allBank])
        controller.refreshPolicy = .allBank
        XCTAssertNoThrow(try controller.validate(for: spec))
    }
}
