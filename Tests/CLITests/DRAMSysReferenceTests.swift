import Foundation
import XCTest
@testable import dsegym

/// `dsegym perf dram --dramsys`: reading DRAMSys 4.0's report. Its total time is printed by
/// SystemC in whichever unit fits (a run of 63,255 ns prints "63255 ns", one of 168,947.5 ns prints
/// "168947500 ps"), so the unit must be read, not assumed.
final class DRAMSysReferenceTests: XCTestCase {
    func report(totalTime: String) -> String {
        """
        Simulation took 0.150517 seconds.
        DRAMSys.dram0  Total Energy:   163171050.00 pJ
        DRAMSys.dram0  Average Power:  2578.96 mW
        DRAMSys.controller0  Total Time:     \(totalTime)
        DRAMSys.controller0  AVG BW:         80.94 Gb/s (79.05 %)
        """
    }

    func testTotalTimeIsReadInTheUnitDRAMSysPrints() {
        XCTAssertEqual(DRAMSysReference.totalTimeNanoseconds(in: report(totalTime: "63255 ns")), 63_255)
        XCTAssertEqual(DRAMSysReference.totalTimeNanoseconds(in: report(totalTime: "168947500 ps")), 168_947.5)
        XCTAssertEqual(DRAMSysReference.totalTimeNanoseconds(in: report(totalTime: "12 us")), 12_000)
        XCTAssertNil(DRAMSysReference.totalTimeNanoseconds(in: report(totalTime: "soon")))
        XCTAssertNil(DRAMSysReference.totalTimeNanoseconds(in: "Simulation took 0.1 seconds."))
    }

    func testEnergyIsReadInPicojoules() {
        XCTAssertEqual(DRAMSysReference.figure(after: "Total Energy:", in: report(totalTime: "1 ns")), 163_171_050)
    }

    func testPerfRejectsAMissingBinaryOrResourcesFolder() throws {
        XCTAssertThrowsError(try DRAMSysReference(binary: "/nonexistent/DRAMSys", resources: "/tmp")) { error in
            XCTAssertTrue("\(error)".contains("--dramsys /nonexistent/DRAMSys: not an executable file"), "\(error)")
        }
        XCTAssertThrowsError(try DRAMSysReference(binary: "/bin/sh", resources: NSTemporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains("no configs/simulator/ folder"), "\(error)")
        }
    }
}
