import Environments
import Foundation
import GymCore

/// Runs the real DRAMSys 4.0 binary on one design, the way ArchGym does: an mcconfig JSON with the
/// design's knobs, a simulation JSON naming ArchGym's DDR3 memspec, address mapping, simulator and
/// thermal configs and the trace (played at 800 MHz), one process per run. Used by `dsegym perf dram
/// --dramsys BIN --dramsys-resources DIR` to time DRAMSys side by side with DRAMSim on the same
/// designs, and to check that both give the same total time.
///
/// The runs happen in a private folder: `configs/` links the user's `simulator/` and `thermalsim/`
/// configs and our own `memspecs/` and `amconfigs/`, `traces/` links `envs/dram/traces`, and
/// `configs/mcconfigs/` holds the generated mcconfig. Nothing in the user's folders is written.
struct DRAMSysReference: Sendable {
    let binary: URL
    let resources: URL

    /// What one DRAMSys run reported, and how long its process took (seconds, wall clock).
    struct Outcome: Sendable {
        var totalTimeNanoseconds: Double
        var energyPicojoules: Double?
        var wallSeconds: Double
    }

    init(binary: String, resources: String) throws {
        self.binary = URL(fileURLWithPath: binary)
        self.resources = URL(fileURLWithPath: resources)
        guard FileManager.default.isExecutableFile(atPath: self.binary.path) else {
            throw InputError("--dramsys \(binary): not an executable file")
        }
        for folder in ["configs/simulator", "configs/thermalsim"] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: self.resources.appendingPathComponent(folder).path, isDirectory: &isDirectory),
                  isDirectory.boolValue
            else {
                throw InputError("--dramsys-resources \(resources): no \(folder)/ folder (expected ArchGym's sims/DRAM/DRAMSys/library/resources)")
            }
        }
    }

    /// A private run folder laid out as DRAMSys expects; removed by ``removeWorkspace(_:)``.
    func makeWorkspace() throws -> URL {
        let manager = FileManager.default
        let workspace = manager.temporaryDirectory.appendingPathComponent("dsegym-dramsys-\(UUID().uuidString)")
        let configs = workspace.appendingPathComponent("resources/configs")
        try manager.createDirectory(at: configs.appendingPathComponent("mcconfigs"), withIntermediateDirectories: true)
        try manager.createDirectory(at: workspace.appendingPathComponent("runs"), withIntermediateDirectories: true)
        let dram = try EnvironmentData.require("dram", containing: "traces", environment: "dram")
        let links: [(String, URL)] = [
            ("configs/simulator", resources.appendingPathComponent("configs/simulator")),
            ("configs/thermalsim", resources.appendingPathComponent("configs/thermalsim")),
            ("configs/memspecs", dram.appendingPathComponent("memspecs")),
            ("configs/amconfigs", dram.appendingPathComponent("amconfigs")),
            ("traces", dram.appendingPathComponent("traces")),
        ]
        for (name, destination) in links {
            try manager.createSymbolicLink(at: workspace.appendingPathComponent("resources/\(name)"), withDestinationURL: destination)
        }
        return workspace
    }

    func removeWorkspace(_ workspace: URL) {
        try? FileManager.default.removeItem(at: workspace)
    }

    /// Runs DRAMSys on `trace` (a file name in envs/dram/traces, e.g. `random.stl`) with `knobs`
    /// (ArchGym's controller knobs; CmdMux and PowerDownPolicy fixed as ArchGym does).
    func run(trace: String, knobs: Design, in workspace: URL) throws -> Outcome {
        var mcconfig: [String: JSONValue] = ["CmdMux": .string("Oldest"), "PowerDownPolicy": .string("NoPowerDown")]
        for (name, value) in knobs.values {
            mcconfig[name] = value.numericValue.map(JSONValue.number) ?? .string(value.description)
        }
        let runs = workspace.appendingPathComponent("runs")
        try JSONValue.object(["mcconfig": .object(mcconfig)]).jsonText
            .write(to: workspace.appendingPathComponent("resources/configs/mcconfigs/perf.json"), atomically: true, encoding: .utf8)
        let simulation: JSONValue = .object(["simulation": .object([
            "addressmapping": .string("am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json"), "mcconfig": .string("perf.json"),
            "memspec": .string("MICRON_1Gb_DDR3-1600_8bit_G.json"), "simconfig": .string("ddr3.json"),
            "simulationid": .string("perf"), "thermalconfig": .string("config.json"),
            "tracesetup": .array([.object(["clkMhz": .number(800), "name": .string(trace)])]),
        ])])
        try simulation.jsonText.write(to: runs.appendingPathComponent("perf.json"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = binary
        process.arguments = ["perf.json", workspace.appendingPathComponent("resources").path + "/"]
        process.currentDirectoryURL = runs
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        var text = Data()
        let wall = try Stopwatch.seconds {
            try process.run()
            text = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
        }
        // DRAMSys records a trace database next to the simulation file; drop it between runs.
        for leftover in (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? [] where leftover.hasSuffix(".tdb") {
            try? FileManager.default.removeItem(at: runs.appendingPathComponent(leftover))
        }
        let report = String(decoding: text, as: UTF8.self)
        guard process.terminationStatus == 0, let totalTime = Self.totalTimeNanoseconds(in: report) else {
            throw InputError("DRAMSys (\(binary.path)) failed on \(trace) (exit \(process.terminationStatus)): "
                + String(report.suffix(300)).replacingOccurrences(of: "\n", with: " "))
        }
        return Outcome(totalTimeNanoseconds: totalTime, energyPicojoules: Self.figure(after: "Total Energy:", in: report),
                       wallSeconds: wall)
    }

    /// The first number after `label` on a line of DRAMSys's report.
    static func figure(after label: String, in report: String) -> Double? {
        figureWithUnit(after: label, in: report)?.value
    }

    /// DRAMSys's total time in nanoseconds: SystemC prints it in whichever unit fits (`ps`, `ns`, `us`, ...).
    static func totalTimeNanoseconds(in report: String) -> Double? {
        guard let (value, unit) = figureWithUnit(after: "Total Time:", in: report) else { return nil }
        let nanosecondsPer: [String: Double] = ["fs": 1e-6, "ps": 1e-3, "ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9]
        return nanosecondsPer[unit].map { value * $0 }
    }

    private static func figureWithUnit(after label: String, in report: String) -> (value: Double, unit: String)? {
        for line in report.split(separator: "\n") {
            guard let range = line.range(of: label) else { continue }
            let rest = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
            let number = rest.prefix { $0.isNumber || $0 == "." }
            let unit = rest.dropFirst(number.count).trimmingCharacters(in: .whitespaces).prefix { $0.isLetter }
            return Double(number).map { ($0, String(unit)) }
        }
        return nil
    }
}
