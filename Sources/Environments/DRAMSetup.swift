import DRAMSim
import Foundation
import GymCore

/// What the `dram` environment simulates, resolved from its options: the memory spec, the address
/// mapping, the controller defaults (an mcconfig), the trace and the trace player clock. Files are
/// given by name (a file of `envs/dram/memspecs`, `amconfigs`, `mcconfigs`, without `.json`; for
/// memspecs also the shorthands `ddr3`, `ddr4`, `lpddr4`) or by path (DRAMSys's own JSON); or all at once
/// by DRAMSys's simulation JSON (`simulation=PATH`), which explicit options then override.
struct DRAMSetup {
    var spec: MemorySpec
    var mapping: AddressMapping
    /// The memspec and mapping as given or defaulted (names or paths), for `describe`.
    var specSource: String
    var mappingSource: String
    var controllerSource: String
    /// The knobs the mcconfig sets, DRAMSys's names, values as text.
    var controllerKnobs: [String: String]
    var trace: Trace
    var playerClockMegahertz: Double

    /// Memspec shorthand → (memspec file, default address mapping file).
    static let presets: [String: (String, String)] = [
        "ddr3": ("MICRON_1Gb_DDR3-1600_8bit_G", "am_ddr3_8x1Gbx8_dimm_p1KB_rbc"),
        "ddr4": ("JEDEC_4Gb_DDR4-2400_8bit_A", "am_ddr4_8x4Gbx8_dimm_p1KB_brc"),
        "lpddr4": ("JEDEC_8Gb_LPDDR4-3200_16bit", "am_lpddr4_8Gbx16_brc"),
    ]
    /// The default mapping of a spec given by file or path, per standard.
    static func defaultMapping(for standard: MemorySpec.Standard) -> String {
        switch standard {
        case .ddr3: return presets["ddr3"]!.1
        case .ddr4: return presets["ddr4"]!.1
        case .lpddr4: return presets["lpddr4"]!.1
        }
    }

    /// The named files of one `envs/dram` folder (`memspecs`, `amconfigs`, `mcconfigs`), without `.json`.
    static func names(in folder: String) -> [String] {
        guard let directory = EnvironmentData.directory("dram", containing: folder),
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path) else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// `value` as a path (it names an existing file, or has a `/` or `.json` in it) or as a named file of `folder`.
    static func locate(_ value: String, folder: String, option: String, directory: URL, extraNames: [String] = []) throws -> URL {
        let path = NSString(string: value).expandingTildeInPath
        if value.contains("/") || value.hasSuffix(".json") {
            guard FileManager.default.fileExists(atPath: path) else {
                throw EnvironmentError.invalidOption(environment: "dram", option: option, value: value, allowed: "an existing file (no such file)")
            }
            return URL(fileURLWithPath: path)
        }
        let named = directory.appendingPathComponent("\(folder)/\(value).json")
        guard FileManager.default.fileExists(atPath: named.path) else {
            throw EnvironmentError.invalidOption(environment: "dram", option: option, value: value,
                                                 allowed: (extraNames + names(in: folder)).joined(separator: ", ") + ", or a path to a DRAMSys JSON file")
        }
        return named
    }

    /// Resolves the options; `workload` picks the trace unless `trace` or `simulation` gives one.
    init(workload: String, memspec: String?, addressMapping: String?, mcconfig: String?, simulation: String?, trace tracePath: String?,
         playerClockMegahertz: Double?, traceRequests: Int?) throws
    {
        let directory = try EnvironmentData.require("dram", containing: "memspecs", environment: "dram")
        do {
            var simulationSetup: DRAMSysSimulation?
            if let simulation {
                let url = try Self.locate(simulation, folder: "simulations", option: "simulation", directory: directory)
                simulationSetup = try DRAMSysSimulation.load(from: url, folders: [
                    "memspecs": [directory.appendingPathComponent("memspecs")], "amconfigs": [directory.appendingPathComponent("amconfigs")],
                    "mcconfigs": [directory.appendingPathComponent("mcconfigs")], "traces": [directory.appendingPathComponent("traces")],
                ])
            }
            // Memory spec.
            let specName = memspec ?? (simulationSetup == nil ? "ddr3" : nil)
            if let specName {
                let file = Self.presets[specName]?.0 ?? specName
                let url = try Self.locate(file, folder: "memspecs", option: "memspec", directory: directory, extraNames: Self.presets.keys.sorted())
                spec = try MemorySpec.load(from: url)
                specSource = specName
            } else {
                spec = simulationSetup!.spec
                specSource = simulation!
            }
            // Address mapping: the option, else the simulation's (if it keeps its memspec), else the spec's default.
            if let addressMapping {
                let url = try Self.locate(addressMapping, folder: "amconfigs", option: "addrmap", directory: directory)
                mapping = try AddressMapping.load(from: url)
                try mapping.validate(for: spec, file: url.path)
                mappingSource = addressMapping
            } else if let simulationSetup, memspec == nil {
                mapping = simulationSetup.mapping
                mappingSource = simulation!
            } else {
                let name = specName.flatMap { Self.presets[$0]?.1 } ?? Self.defaultMapping(for: spec.standard)
                let url = directory.appendingPathComponent("amconfigs/\(name).json")
                mapping = try AddressMapping.load(from: url)
                try mapping.validate(for: spec, file: url.path)
                mappingSource = name
            }
            // Controller defaults.
            if let mcconfig {
                let url = try Self.locate(mcconfig, folder: "mcconfigs", option: "mcconfig", directory: directory)
                let data: Data
                do { data = try Data(contentsOf: url) } catch { throw DRAMInputError(file: url.path, "cannot read the mcconfig (\(error.localizedDescription))") }
                let (config, knobs) = try ControllerConfig.parse(data, file: url.path)
                try config.validate(for: spec)
                controllerKnobs = knobs
                controllerSource = mcconfig
            } else if let simulationSetup {
                controllerKnobs = simulationSetup.controllerKnobs
                controllerSource = simulation!
            } else {
                controllerKnobs = [:]
                controllerSource = "archgym_policy (built in)"
            }
            // Trace and player clock.
            if let tracePath {
                trace = try Trace.load(from: URL(fileURLWithPath: NSString(string: tracePath).expandingTildeInPath))
            } else if let simulationSetup {
                trace = simulationSetup.trace
            } else if DRAMControllerEnvironment.referenceTraces.contains(workload) {
                trace = try Trace.load(from: directory.appendingPathComponent("traces/\(workload).stl"))
            } else if workload.hasPrefix("synthetic-"), let pattern = TraceGenerator.Pattern(rawValue: String(workload.dropFirst(10))) {
                trace = TraceGenerator(pattern: pattern, count: 10_000, seed: 1).trace()
            } else {
                throw EnvironmentError.unknownWorkload(environment: "dram", workload: workload, known: DRAMControllerEnvironment.workloads)
            }
            if let traceRequests {
                guard traceRequests >= 1 else {
                    throw EnvironmentError.invalidOption(environment: "dram", option: "trace_requests", value: String(traceRequests), allowed: "an integer >= 1")
                }
                trace.requests = Array(trace.requests.prefix(traceRequests))
            }
            self.playerClockMegahertz = playerClockMegahertz ?? simulationSetup?.playerClockMegahertz ?? 800
            let range = PreparedTrace.playerClockRange
            guard self.playerClockMegahertz.isFinite, range.contains(self.playerClockMegahertz) else {
                throw EnvironmentError.invalidOption(environment: "dram", option: "player_mhz", value: String(self.playerClockMegahertz),
                                                     allowed: "a clock in \(Int(range.lowerBound))...\(Int(range.upperBound)) MHz")
            }
            try PreparedTrace.validate(trace, spec: spec, playerClockMegahertz: self.playerClockMegahertz)
        } catch let error as DRAMInputError {
            throw EnvironmentError.invalidOption(environment: "dram", option: "data", value: error.description, allowed: "valid DRAMSys files")
        }
    }
}
