@testable import DRAMSim
import Foundation
import XCTest

/// DRAMPower's per-rail current model: DDR4's second supply (VPP) and LPDDR4's two rails.
final class PowerModelTests: XCTestCase {
    func spec(_ file: String) throws -> MemorySpec {
        try MemorySpec.load(from: DRAMSysAgreementTests.root.appendingPathComponent("envs/dram/memspecs/\(file)"))
    }

    func testDDR4ChargesVPPForActivatesAndPrechargesOnly() throws {
        let ddr4 = try spec("JEDEC_4Gb_DDR4-2400_8bit_A.json")
        let rails = try XCTUnwrap(ddr4.power).rails
        XCTAssertEqual(rails.count, 2)
        XCTAssertEqual(rails[1].voltage, 2.5)   // memspec vdd2 (VPP)
        XCTAssertEqual(rails[1].idd0, 4.05)     // memspec idd02 (IPP0)
        XCTAssertEqual(rails[1].idd3n, 0)       // not in the memspec: 0, as DRAMSys 4.0 sets it
        let model = try XCTUnwrap(PowerModel(spec: ddr4))
        var commands = CommandCounts()
        commands.activates = 10
        commands.precharges = 10
        commands.reads = 10
        let energy = model.energy(commands: commands, activeNanoseconds: 100, prechargedNanoseconds: 50)
        let tCK = 0.833, devices = 8.0
        // ACT: (1.2 V · (60.75 − 44) mA + 2.5 V · 4.05 mA) · tRAS 39 · tCK, per device.
        XCTAssertEqual(energy.activatePicojoules, 10 * (1.2 * 16.75 + 2.5 * 4.05) * 39 * tCK * devices, accuracy: 1e-6)
        // PRE: (1.2 V · (60.75 − 38.25) mA + 2.5 V · 4.05 mA) · tRP 16 · tCK.
        XCTAssertEqual(energy.prechargePicojoules, 10 * (1.2 * 22.5 + 2.5 * 4.05) * 16 * tCK * devices, accuracy: 1e-6)
        // RD and background: VDD only (IPP4R = IPP3N = IPP2N = 0).
        XCTAssertEqual(energy.readPicojoules, 10 * 1.2 * (184.5 - 44) * 4 * tCK * devices, accuracy: 1e-6)
        XCTAssertEqual(energy.backgroundPicojoules, 1.2 * devices * (44 * 100 + 38.25 * 50), accuracy: 1e-6)
    }

    func testLPDDR4PerBankRefreshCurrentComesFromJEDECsAverageAsInDRAMPower5() throws {
        let lpddr4 = try spec("JEDEC_8Gb_LPDDR4-3200_16bit.json")
        let rails = try XCTUnwrap(lpddr4.power).rails
        // VDD2: IDD5PB 30 mA averaged over tREFIpb 780 cycles with tRFCpb 224:
        // (30·780 − IDD2N 27·(780 − 224)) / 224 − IDD3N 30 = 5.4821... mA above the active background.
        let vdd2: Double = (30.0 * 780 - 27.0 * 556) / 224 - 30
        XCTAssertEqual(try XCTUnwrap(rails[1].idd5pb), vdd2, accuracy: 1e-12)
        // VDD1: (2.5·780 − 2·556) / 224 − 2.25 = 1.4910... mA.
        let vdd1: Double = (2.5 * 780 - 2.0 * 556) / 224 - 2.25
        XCTAssertEqual(try XCTUnwrap(rails[0].idd5pb), vdd1, accuracy: 1e-12)
    }

    func testNegativeCurrentOrZeroVoltageNamesTheField() throws {
        let text = #"{"memspec": {"memoryType": "DDR3", "memarchitecturespec": {"nbrOfBanks": 8, "nbrOfRows": 16384, "nbrOfColumns": 1024, "width": 8, "burstLength": 8},"#
            + #""memtimingspec": {"clkMhz": 800, "RCD": 11, "RP": 11, "RAS": 28, "RC": 39, "RL": 11, "WL": 8, "CCD": 4, "RRD": 5, "FAW": 24, "WR": 12, "WTR": 6, "RTP": 6, "RFC": 88, "REFI": 6240},"#
        let power = #""mempowerspec": {"idd0": 70, "idd2n": 45, "idd2p1": 30, "idd3n": 45, "idd3p1": 35, "idd4r": 140, "idd4w": 145, "idd5": -170, "vdd": 1.5}}}"#
        XCTAssertThrowsError(try MemorySpec.parse(Data((text + power).utf8), file: "bad.json")) { error in
            XCTAssertEqual(String(describing: error), "bad.json: mempowerspec.idd5 = -170 is invalid; allowed: a finite number >= 0")
        }
        let noVoltage = power.replacingOccurrences(of: "-170", with: "170").replacingOccurrences(of: "1.5", with: "0")
        XCTAssertThrowsError(try MemorySpec.parse(Data((text + noVoltage).utf8), file: "bad.json")) { error in
            XCTAssertEqual(String(describing: error), "bad.json: mempowerspec.vdd = 0.0 is invalid; allowed: a voltage > 0")
        }
    }
}
