import Environments
import Foundation
import GymCore
import XCTest

/// The `dram` environment's file options: memspec, address mapping and mcconfig by name or by path,
/// DRAMSys's simulation JSON, the trace player clock, and clear errors for bad files and values.
final class DRAMEnvironmentOptionsTests: XCTestCase {
    static let envs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("envs/dram")

    func make(_ options: [String: String], workload: String = "random") throws -> any Environment {
        try EnvironmentRegistry.standard.make("dram", workload: workload, options: options.merging(["trace_requests": "2000"]) { a, _ in a })
    }

    func time(_ environment: any Environment, _ design: Design = [:]) throws -> Double {
        try environment.step(try environment.parameterSpace.validate(design, fillingDefaults: true)).metrics["total_time_ns"]!
    }

    func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dram-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testMemspecAndAddressMappingByNameEqualThemByPath() throws {
        let byName = try make(["memspec": "ddr4", "addrmap": "am_ddr4_custom_bgi"])
        let byPath = try make(["memspec": Self.envs.appendingPathComponent("memspecs/JEDEC_4Gb_DDR4-2400_8bit_A.json").path,
                               "addrmap": Self.envs.appendingPathComponent("amconfigs/am_ddr4_custom_bgi.json").path])
        let brc = try make(["memspec": "JEDEC_4Gb_DDR4-2400_8bit_A"])
        XCTAssertEqual(try time(byName), try time(byPath))
        XCTAssertNotEqual(try time(byName), try time(brc), "the bank-group-interleaved mapping spreads random reads differently")
    }

    func testMcconfigSetsTheSpacesDefaultsAndABadValueNamesTheFile() throws {
        let fr = try temporaryFile("fr_fcfs.json", #"{"mcconfig": {"PagePolicy": "Open", "Scheduler": "FrFcfs", "SchedulerBuffer": "Bankwise", "RequestBufferSize": 8, "CmdMux": "Oldest", "RespQueue": "Fifo", "RefreshPolicy": "AllBank", "RefreshMaxPostponed": 8, "RefreshMaxPulledin": 8, "PowerDownPolicy": "NoPowerDown", "Arbiter": "Simple", "MaxActiveTransactions": 128}}"#)
        let environment = try make(["mcconfig": fr.path])
        let defaults = try XCTUnwrap(environment.parameterSpace.defaults)
        XCTAssertEqual(defaults["Scheduler"], "FrFcfs")
        XCTAssertEqual(defaults["RequestBufferSize"]?.numericValue, 8)
        XCTAssertEqual(try time(environment), try time(try make([:]), ["Scheduler": "FrFcfs", "RequestBufferSize": 8, "RefreshPolicy": "AllBank",
                                                                      "RefreshMaxPostponed": 8, "RefreshMaxPulledin": 8, "MaxActiveTransactions": 128]))
        XCTAssertNoThrow(try make(["mcconfig": "archgym_policy"]))
        let bad = try temporaryFile("bad.json", #"{"mcconfig": {"RequestBufferSize": 3}}"#)
        XCTAssertThrowsError(try make(["mcconfig": bad.path])) { error in
            XCTAssertEqual(String(describing: error), "dram: option 'mcconfig' = '\(bad.path): RequestBufferSize = 3' is invalid; "
                + "allowed: one of 1, 2, 4, 8, 16, 32, 64, 128 (the dram space)")
        }
        let unknown = try temporaryFile("unknown.json", #"{"mcconfig": {"Sheduler": "Fifo"}}"#)
        XCTAssertThrowsError(try make(["mcconfig": unknown.path])) { error in
            XCTAssertTrue(String(describing: error).contains("\(unknown.path): mcconfig.unknown knob 'Sheduler'; known: PagePolicy"), "\(error)")
        }
    }

    func testSimulationJSONBringsADRAMSysSetupUnchanged() throws {
        // DRAMSys's layout: simulations/x.json beside resources/configs/{memspecs,amconfigs,mcconfigs} and resources/traces.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dramsys-\(UUID().uuidString)")
        let resources = root.appendingPathComponent("resources")
        for (kind, file) in [("configs/memspecs", "JEDEC_4Gb_DDR4-2400_8bit_A.json"), ("configs/amconfigs", "am_ddr4_custom_rbc.json"), ("traces", "mixed_rw.stl")] {
            try FileManager.default.createDirectory(at: resources.appendingPathComponent(kind), withIntermediateDirectories: true)
            let source = Self.envs.appendingPathComponent("\(kind.replacingOccurrences(of: "configs/", with: ""))/\(file)")
            try FileManager.default.copyItem(at: source, to: resources.appendingPathComponent("\(kind)/\(file)"))
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("simulations"), withIntermediateDirectories: true)
        let simulation = root.appendingPathComponent("simulations/ddr4-example.json")
        try #"""
        {"simulation": {"addressmapping": "am_ddr4_custom_rbc.json", "memspec": "JEDEC_4Gb_DDR4-2400_8bit_A.json",
                        "mcconfig": {"Scheduler": "FrFcfs", "RequestBufferSize": 16}, "simconfig": "ddr4.json", "simulationid": "x",
                        "tracesetup": [{"clkMhz": 1200, "name": "mixed_rw.stl"}]}}
        """#.write(to: simulation, atomically: true, encoding: .utf8)
        let environment = try make(["simulation": simulation.path])
        let named = try make(["memspec": "ddr4", "addrmap": "am_ddr4_custom_rbc", "player_mhz": "1200"], workload: "mixed_rw")
        XCTAssertEqual(environment.workload, "mixed_rw")
        XCTAssertEqual(try time(environment), try time(named, ["Scheduler": "FrFcfs", "RequestBufferSize": 16]))
        // Explicit options override the simulation's.
        XCTAssertEqual(try time(try make(["simulation": simulation.path, "player_mhz": "800"])),
                       try time(try make(["memspec": "ddr4", "addrmap": "am_ddr4_custom_rbc"], workload: "mixed_rw"), ["Scheduler": "FrFcfs", "RequestBufferSize": 16]))
        try "{\"simulation\": {\"memspec\": \"nope.json\"}}".write(to: simulation, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try make(["simulation": simulation.path])) { error in
            XCTAssertTrue(String(describing: error).contains("\(simulation.path): simulation.memspec = 'nope.json' not found; looked in"), "\(error)")
        }
    }

    func testPlayerClockOutOfRangeIsAClearErrorNotACrash() {
        for value in ["1e-30", "1e-13", "0", "-800", "inf", "nan", "1e9"] {
            XCTAssertThrowsError(try make(["player_mhz": value]), value) { error in
                XCTAssertTrue(String(describing: error).hasPrefix("dram: option 'player_mhz' = '"), "\(error)")
                XCTAssertTrue(String(describing: error).hasSuffix("is invalid; allowed: a clock in 1...100000 MHz"), "\(error)")
            }
        }
        XCTAssertNoThrow(try make(["player_mhz": "1"]))
    }

    func testTraceCyclesNear2To64AreAnErrorNotACrash() throws {
        let far = try temporaryFile("far.stl", "0: read 0x0\n18446744073709551615: read 0x40\n")
        XCTAssertThrowsError(try make(["trace": far.path])) { error in
            XCTAssertTrue(String(describing: error).contains("allowed: up to 2^36 memory clocks"), "\(error)")
        }
        let overflow = try temporaryFile("overflow.stl", "18446744073709551000: read 0x0\n+1000: read 0x40\n")
        XCTAssertThrowsError(try make(["trace": overflow.path])) { error in
            XCTAssertTrue(String(describing: error).contains("overflow.stl:2: the cycle 18446744073709551000 + 1000 does not fit in 64 bits"), "\(error)")
        }
        let near = try temporaryFile("near.stl", "0: read 0x0\n1000000000: read 0x40\n")
        XCTAssertEqual(try time(try make(["trace": near.path])), 1_000_000_000 * 1.25 + 17.5, accuracy: 1e-3, "1.25 s idle, then a row hit (17.5 ns)")
    }

    func testMemspecWithZeroOrNegativeBanksOrZeroTimingsNamesTheField() throws {
        let text = try String(contentsOf: Self.envs.appendingPathComponent("memspecs/MICRON_1Gb_DDR3-1600_8bit_G.json"), encoding: .utf8)
        for (from, to, message) in [("\"nbrOfBanks\": 8", "\"nbrOfBanks\": 0", "memarchitecturespec.nbrOfBanks = 0.0 is invalid; allowed: an integer in 1...256"),
                                    ("\"nbrOfBanks\": 8", "\"nbrOfBanks\": -8", "memarchitecturespec.nbrOfBanks = -8.0 is invalid; allowed: an integer in 1...256"),
                                    ("\"RCD\": 10", "\"RCD\": 0", "memtimingspec.RCD = 0.0 is invalid; allowed: an integer in 1...1000000"),
                                    ("\"REFI\": 6240", "\"REFI\": 0", "memtimingspec.REFI = 0.0 is invalid; allowed: an integer in 1...1000000"),
                                    ("\"nbrOfRows\": 16384", "\"nbrOfRows\": 1e300", "memarchitecturespec.nbrOfRows = 1e+300 is invalid")] {
            XCTAssertTrue(text.contains(from), from)
            let bad = try temporaryFile("bad_memspec.json", text.replacingOccurrences(of: from, with: to))
            XCTAssertThrowsError(try make(["memspec": bad.path, "addrmap": "am_ddr3_8x1Gbx8_dimm_p1KB_rbc"]), to) { error in
                XCTAssertTrue(String(describing: error).contains("\(bad.path): \(message)"), "\(error)")
            }
        }
    }

    func testMappingBitsOutOfRangeNameTheFileAndField() throws {
        for (congen, message) in [
            (#"{"CONGEN": {"BYTE_BIT": [0,1,2], "COLUMN_BIT": [3,4,5,6,7,8,9,10,11,12], "BANK_BIT": [13,14,70], "ROW_BIT": [16]}}"#,
             "CONGEN.BANK_BIT = "),
            (#"{"CONGEN": {"BYTE_BIT": [0,1,2], "COLUMN_BIT": [3,4,5,6,7,8,9,10,11,12], "BANK_BIT": [13,14,15,16], "ROW_BIT": [17]}}"#,
             "CONGEN.BANK_BIT has 4 bits (16 banks) but MICRON_1Gb_DDR3-1600_8bit_G has 8 banks; allowed: at most 3 bits"),
            (#"{"CONGEN": {"BYTE_BIT": [0,1,2], "COLUMN_BIT": [3,4,5,6,7,8,9,10,11,12], "BANK_BIT": [12,13,14], "ROW_BIT": [17]}}"#,
             "CONGEN.BANK_BIT uses address bit 12, which CONGEN.COLUMN_BIT already uses"),
        ] {
            let bad = try temporaryFile("bad_map.json", congen)
            XCTAssertThrowsError(try make(["addrmap": bad.path]), message) { error in
                XCTAssertTrue(String(describing: error).contains("\(bad.path): \(message)"), "\(error)")
            }
        }
    }

    func testDescribeListsTheNamedChoices() throws {
        let entry = EnvironmentRegistry.standard.entries.first { $0.name == "dram" }!
        XCTAssertTrue(entry.options["addrmap"]!.contains("am_ddr4_custom_bgi, am_ddr4_custom_rbc"))
        XCTAssertTrue(entry.options["mcconfig"]!.contains("archgym_policy"))
        let details = try XCTUnwrap(try entry.describe().details)
        guard case .object(let fields) = details, case .object(let choices)? = fields["named_choices"], case .array(let maps)? = choices["addrmap"] else {
            return XCTFail("no named choices in \(details)")
        }
        XCTAssertEqual(maps.count, 6)
    }
}
