import DRAMSim
import Foundation
import XCTest

/// Compares DRAMSim with fresh DRAMSys 4.0 runs of random designs over ArchGym's full knob space
/// (`Fixtures/dramsys_random_designs.csv`: DDR3-1600 with ArchGym's row|bank|column map, DDR4-2400
/// with the brc, rbc and bank-group-interleaved maps; 24 designs × 7 traces each, 800 MHz player).
final class RandomDesignAgreementTests: XCTestCase {
    struct Setup {
        var memspec: String, mapping: String
    }
    static let setups: [String: Setup] = [
        "DDR3-1600-rbc": Setup(memspec: "MICRON_1Gb_DDR3-1600_8bit_G.json", mapping: "am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json"),
        "DDR4-2400-brc": Setup(memspec: "JEDEC_4Gb_DDR4-2400_8bit_A.json", mapping: "am_ddr4_8x4Gbx8_dimm_p1KB_brc.json"),
        "DDR4-2400-rbc": Setup(memspec: "JEDEC_4Gb_DDR4-2400_8bit_A.json", mapping: "am_ddr4_custom_rbc.json"),
        "DDR4-2400-bgi": Setup(memspec: "JEDEC_4Gb_DDR4-2400_8bit_A.json", mapping: "am_ddr4_custom_bgi.json"),
    ]

    struct Comparison {
        var setup: String, trace: String
        var knobs: [String: String]
        var referenceTime: Double, referenceEnergy: Double
        var time: Double, energy: Double
        var timeError: Double { time / referenceTime - 1 }
        var energyError: Double { energy / referenceEnergy - 1 }
    }

    /// Every row of a fixture simulated by DRAMSim.
    static func compare(_ fixture: String = "dramsys_random_designs.csv") throws -> [Comparison] {
        let root = DRAMSysAgreementTests.root
        let lines = try String(contentsOf: DRAMSysAgreementTests.fixtures.appendingPathComponent(fixture), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        var prepared: [String: PreparedTrace] = [:]
        var comparisons: [Comparison] = []
        for line in lines.dropFirst() {
            let row = Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
            let setupName = row["spec"]!, traceName = row["trace"]!
            let setup = try XCTUnwrap(setups[setupName])
            let spec = try MemorySpec.load(from: root.appendingPathComponent("envs/dram/memspecs/\(setup.memspec)"))
            let mapping = try AddressMapping.load(from: root.appendingPathComponent("envs/dram/amconfigs/\(setup.mapping)"))
            var controller = ControllerConfig()
            var knobs: [String: String] = [:]
            for knob in ControllerConfig.knobNames + ["CmdMux"] {
                try controller.set(knob, to: row[knob]!)
                knobs[knob] = row[knob]!
            }
            let simulator = DRAMSimulator(spec: spec, mapping: mapping, controller: controller)
            let key = setupName + traceName
            if prepared[key] == nil {
                let trace = try Trace.load(from: root.appendingPathComponent("envs/dram/traces/\(traceName)"))
                prepared[key] = simulator.prepare(trace, playerClockMegahertz: Double(row["clkMhz"]!)!)
            }
            let result = simulator.run(prepared[key]!)
            comparisons.append(Comparison(setup: setupName, trace: traceName, knobs: knobs,
                                          referenceTime: Double(row["total_time_ns"]!)!, referenceEnergy: Double(row["energy_pJ"]!)!,
                                          time: result.totalTimeNanoseconds, energy: result.energy!.totalPicojoules))
        }
        return comparisons
    }

    func testRandomDesignsAgreeWithDRAMSysPerSpecMappingAndTrace() throws {
        let comparisons = try Self.compare()
        XCTAssertEqual(comparisons.count, 672)
        var report: [String] = []
        for setup in Self.setups.keys.sorted() {
            let subset = comparisons.filter { $0.setup == setup }
            let energyError = medianRelativeError(subset.map(\.referenceEnergy), subset.map(\.energy))
            let timeError = medianRelativeError(subset.map(\.referenceTime), subset.map(\.time))
            let sorted = subset.map { abs($0.timeError) }.sorted()
            let p95 = sorted[Int((0.95 * Double(sorted.count - 1)).rounded())]
            XCTAssertLessThanOrEqual(energyError, 0.001, "\(setup): median energy error (0.01-0.05% measured)")
            XCTAssertLessThanOrEqual(timeError, 0.002, "\(setup): median time error (0.01-0.07% measured)")
            XCTAssertLessThanOrEqual(p95, 0.025, "\(setup): 95th percentile of the time error (0.6-2.0% measured)")
            report.append(String(format: "%@: median |error| time %.2f%% (95th pct %.1f%%) energy %.2f%%", setup, timeError * 100, p95 * 100, energyError * 100))
            for trace in Set(subset.map(\.trace)).sorted() {
                let part = subset.filter { $0.trace == trace }
                let timeRho = spearman(part.map(\.referenceTime), part.map(\.time))
                let energyRho = spearman(part.map(\.referenceEnergy), part.map(\.energy))
                XCTAssertGreaterThanOrEqual(timeRho, 0.98, "\(setup) \(trace): Spearman of time (0.991 lowest measured)")
                XCTAssertGreaterThanOrEqual(energyRho, 0.98, "\(setup) \(trace): Spearman of energy (0.990 lowest measured)")
                report.append(String(format: "  %@: spearman time %.3f energy %.3f; median |error| time %.2f%% energy %.2f%%", trace, timeRho, energyRho,
                                     100 * medianRelativeError(part.map(\.referenceTime), part.map(\.time)),
                                     100 * medianRelativeError(part.map(\.referenceEnergy), part.map(\.energy))))
            }
        }
        print(report.joined(separator: "\n"))
        if ProcessInfo.processInfo.environment["DRAMSIM_DETAIL"] != nil {
            for c in comparisons where abs(c.timeError) > 0.05 || abs(c.energyError) > 0.02 {
                print(String(format: "%@ %@ %@ time %+.1f%% energy %+.1f%%", c.setup, c.trace,
                             ControllerConfig.knobNames.map { "\($0)=\(c.knobs[$0]!)" }.joined(separator: " "), 100 * c.timeError, 100 * c.energyError))
            }
        }
    }

    /// `PowerDownPolicy=Staggered` (96 random designs, DDR3 rbc and DDR4 brc, four traces, fixture
    /// `dramsys_random_designs_powerdown.csv`): our power-down is an approximation (idle gaps count as
    /// precharge power-down), DRAMSys's a state machine with active/precharge power-down and
    /// self-refresh. These traces leave the channel little idle time, so this checks that power-down
    /// costs nothing it should not, not the power-down energy itself.
    func testStaggeredPowerDownAgainstDRAMSys() throws {
        let comparisons = try Self.compare("dramsys_random_designs_powerdown.csv")
        XCTAssertEqual(comparisons.count, 96)
        for setup in ["DDR3-1600-rbc", "DDR4-2400-brc"] {
            let subset = comparisons.filter { $0.setup == setup }
            let timeError = medianRelativeError(subset.map(\.referenceTime), subset.map(\.time))
            let energyError = medianRelativeError(subset.map(\.referenceEnergy), subset.map(\.energy))
            let energyRho = spearman(subset.map(\.referenceEnergy), subset.map(\.energy))
            XCTAssertLessThanOrEqual(timeError, 0.002, "\(setup): median time error (0.02-0.08% measured)")
            XCTAssertLessThanOrEqual(energyError, 0.002, "\(setup): median energy error (0.04-0.06% measured)")
            XCTAssertGreaterThanOrEqual(energyRho, 0.99, "\(setup): Spearman of energy (0.999 measured)")
            print(String(format: "%@ Staggered: median |error| time %.2f%% energy %.2f%%; spearman energy %.3f", setup, timeError * 100, energyError * 100, energyRho))
            if ProcessInfo.processInfo.environment["DRAMSIM_DETAIL"] != nil {
                for c in subset {
                    print(String(format: "  %@ %@ time %+.1f%% energy %+.1f%%", c.trace, ControllerConfig.knobNames.map { "\($0)=\(c.knobs[$0]!)" }.joined(separator: " "), 100 * c.timeError, 100 * c.energyError))
                }
            }
        }
    }
}
