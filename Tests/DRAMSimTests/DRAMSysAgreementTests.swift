import DRAMSim
import Foundation
import XCTest

/// Compares DRAMSim with real DRAMSys 4.0 runs (fixture copies of the reference CSVs).
final class DRAMSysAgreementTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Row {
        var trace: String
        var knobs: [String: String]
        var energy: Double, power: Double, time: Double
    }

    static func rows(_ file: String) throws -> [Row] {
        let lines = try String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let row = Dictionary(uniqueKeysWithValues: zip(header, fields))
            // CmdMux is fixed to Oldest in ArchGym's space (and here); other multiplexers are not modelled.
            guard row["spec"] == "DDR3-1600", row["CmdMux"] == "Oldest", let time = Double(row["total_time_ns"] ?? ""), let energy = Double(row["energy_pJ"] ?? ""),
                  let power = Double(row["avg_power_mW"] ?? "") else { return nil }
            var knobs: [String: String] = [:]
            for name in ControllerConfig.knobNames { knobs[name] = row[name] }
            return Row(trace: row["trace"]!, knobs: knobs, energy: energy, power: power, time: time)
        }
    }

    func simulate(_ row: Row, traces: inout [String: Trace]) throws -> DRAMSimulationResult {
        let spec = try MemorySpec.load(from: Self.root.appendingPathComponent("envs/dram/memspecs/MICRON_1Gb_DDR3-1600_8bit_G.json"))
        let mapping = try AddressMapping.load(from: Self.root.appendingPathComponent("envs/dram/amconfigs/am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json"))
        var controller = ControllerConfig()
        for (knob, value) in row.knobs { try controller.set(knob, to: value) }
        if traces[row.trace] == nil { traces[row.trace] = try Trace.load(from: Self.root.appendingPathComponent("envs/dram/traces/\(row.trace)")) }
        return DRAMSimulator(spec: spec, mapping: mapping, controller: controller).run(traces[row.trace]!, playerClockMegahertz: 800)
    }

    func testRanksAndFiguresAgreeWithDRAMSysOnEachArchGymTrace() throws {
        let rows = try Self.rows("dramsys_oat_ddr3.csv") + Self.rows("dramsys_archgym_default.csv")
        var traces: [String: Trace] = [:]
        var report: [String] = []
        for trace in ["stream.stl", "random.stl", "cloud-1.stl", "cloud-2.stl"] {
            let subset = rows.filter { $0.trace == trace }
            XCTAssertGreaterThan(subset.count, 30)
            let ours = try subset.map { try simulate($0, traces: &traces) }
            let timeRho = spearman(subset.map(\.time), ours.map(\.totalTimeNanoseconds))
            let energyRho = spearman(subset.map(\.energy), ours.map { $0.energy!.totalPicojoules })
            let timeError = medianRelativeError(subset.map(\.time), ours.map(\.totalTimeNanoseconds))
            let energyError = medianRelativeError(subset.map(\.energy), ours.map { $0.energy!.totalPicojoules })
            let powerError = medianRelativeError(subset.map(\.power), ours.map { $0.averagePowerMilliwatts! })
            XCTAssertGreaterThanOrEqual(timeRho, 0.9, "\(trace): Spearman of total time")
            XCTAssertGreaterThanOrEqual(energyRho, 0.9, "\(trace): Spearman of energy")
            XCTAssertLessThanOrEqual(timeError, 0.05, "\(trace): median relative error of total time")
            XCTAssertLessThanOrEqual(energyError, 0.10, "\(trace): median relative error of energy")
            XCTAssertLessThanOrEqual(powerError, 0.10, "\(trace): median relative error of power")
            report.append(String(format: "%@: spearman time %.3f energy %.3f; median rel. error time %.1f%% energy %.1f%% power %.1f%%",
                                 trace, timeRho, energyRho, timeError * 100, energyError * 100, powerError * 100))
            if ProcessInfo.processInfo.environment["DRAMSIM_DETAIL"] != nil {
                for (row, result) in zip(subset, ours) {
                    print(String(format: "%@ %@ ref %.0f ours %.0f (%.1f%%)  E ref %.3g ours %.3g", trace,
                                 row.knobs.sorted { $0.key < $1.key }.map { "\($0.key.prefix(6))=\($0.value)" }.joined(separator: " "),
                                 row.time, result.totalTimeNanoseconds, 100 * (result.totalTimeNanoseconds / row.time - 1), row.energy, result.energy!.totalPicojoules))
                }
            }
        }
        print(report.joined(separator: "\n"))
    }

    /// DRAMSys's LPDDR4-3200 runs (five controller designs × three synthetic traces): LPDDR4's
    /// two-part ACT and its later read/write data (tDQSCK, one clock) set the turnarounds.
    func testLPDDR4TotalTimesAgreeWithDRAMSys() throws {
        let lines = try String(contentsOf: Self.fixtures.appendingPathComponent("dramsys_specs_synthetic.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let spec = try MemorySpec.load(from: Self.root.appendingPathComponent("envs/dram/memspecs/JEDEC_8Gb_LPDDR4-3200_16bit.json"))
        let mapping = try AddressMapping.load(from: Self.root.appendingPathComponent("envs/dram/amconfigs/am_lpddr4_custom_rbc.json"))
        var reference: [Double] = [], ours: [Double] = []
        for line in lines.dropFirst() {
            let row = Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
            guard row["spec"] == "LPDDR4-3200-rbc", let time = Double(row["total_time_ns"] ?? ""), let clock = Double(row["clkMhz"] ?? "") else { continue }
            var controller = ControllerConfig()
            for knob in ControllerConfig.knobNames { try controller.set(knob, to: row[knob]!) }
            let trace = try Trace.load(from: Self.root.appendingPathComponent("envs/dram/traces/\(row["trace"]!)"))
            reference.append(time)
            ours.append(DRAMSimulator(spec: spec, mapping: mapping, controller: controller).run(trace, playerClockMegahertz: clock).totalTimeNanoseconds)
        }
        XCTAssertEqual(reference.count, 15)
        XCTAssertLessThanOrEqual(medianRelativeError(reference, ours), 0.01, "median relative error of total time (0.7% measured)")
        XCTAssertLessThanOrEqual(zip(reference, ours).map { abs($1 / $0 - 1) }.max()!, 0.03, "largest relative error (2.5% measured)")
    }
}

/// Spearman rank correlation (average ranks for ties).
func spearman(_ a: [Double], _ b: [Double]) -> Double {
    func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            for k in i...j { result[order[k]] = Double(i + j) / 2 }
            i = j + 1
        }
        return result
    }
    let ra = ranks(a), rb = ranks(b)
    let ma = ra.reduce(0, +) / Double(ra.count), mb = rb.reduce(0, +) / Double(rb.count)
    let cov = zip(ra, rb).map { ($0 - ma) * ($1 - mb) }.reduce(0, +)
    let va = ra.map { ($0 - ma) * ($0 - ma) }.reduce(0, +), vb = rb.map { ($0 - mb) * ($0 - mb) }.reduce(0, +)
    return va == 0 || vb == 0 ? 0 : cov / (va * vb).squareRoot()
}

/// Median of |ours/reference − 1|.
func medianRelativeError(_ reference: [Double], _ ours: [Double]) -> Double {
    let errors = zip(reference, ours).map { abs($1 / $0 - 1) }.sorted()
    return errors[errors.count / 2]
}
