import Foundation

/// DRAMSys's simulation JSON, the file that names a run's memspec, address mapping, controller
/// configuration (`mcconfig`), simulator configuration and trace:
///
/// ```json
/// {"simulation": {"memspec": "MICRON_1Gb_DDR3-1600_8bit_G.json", "addressmapping": "am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json",
///                 "mcconfig": "policy.json", "simconfig": "ddr3.json", "tracesetup": [{"clkMhz": 800, "name": "random.stl"}]}}
/// ```
///
/// Each file is looked for as DRAMSys does, in its resource folders next to the simulation file
/// (`../resources/configs/memspecs/`, `.../amconfigs/`, `.../mcconfigs/`, `../resources/traces/`), then
/// next to the file itself, then in the extra folders given; DRAMSys also accepts the memspec,
/// mapping and mcconfig objects inline. The simulator configuration (database recording, power
/// analysis switch, ...) changes nothing modelled here and is not read. One trace player (initiator).
public struct DRAMSysSimulation: Sendable {
    public var spec: MemorySpec
    public var mapping: AddressMapping
    public var controller: ControllerConfig
    /// The knobs the mcconfig sets (DRAMSys's names, values as text).
    public var controllerKnobs: [String: String]
    public var trace: Trace
    /// The trace player clock, MHz (`tracesetup[0].clkMhz`).
    public var playerClockMegahertz: Double

    /// Loads `url`; `folders` maps a kind (`memspecs`, `amconfigs`, `mcconfigs`, `traces`) to more
    /// folders to search (the environment passes `envs/dram/...`).
    public static func load(from url: URL, folders: [String: [URL]] = [:]) throws -> DRAMSysSimulation {
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw DRAMInputError(file: file, "cannot read the simulation file (\(error.localizedDescription))") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let simulation = root["simulation"] as? [String: Any] else {
            throw DRAMInputError(file: file, "not a DRAMSys simulation: expected a JSON object with a 'simulation' object")
        }
        let base = url.deletingLastPathComponent()
        func locate(_ name: String, kind: String, field: String) throws -> URL {
            let resources = base.deletingLastPathComponent().appendingPathComponent("resources")
            let kindFolder = kind == "traces" ? resources.appendingPathComponent("traces") : resources.appendingPathComponent("configs/\(kind)")
            let candidates = [kindFolder, base] + (folders[kind] ?? [])
            let path = NSString(string: name).expandingTildeInPath
            if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
            guard let found = candidates.map({ $0.appendingPathComponent(path) }).first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw DRAMInputError(file: file, "simulation.\(field) = '\(name)' not found; looked in \(candidates.map(\.path).joined(separator: ", "))")
            }
            return found
        }
        /// A referenced file's contents, or an inline object wrapped as the file would hold it.
        func document(_ field: String, kind: String, wrapper: String) throws -> (Data, String) {
            switch simulation[field] {
            case let name as String:
                let found = try locate(name, kind: kind, field: field)
                do { return (try Data(contentsOf: found), found.path) } catch {
                    throw DRAMInputError(file: found.path, "cannot read the \(field) (\(error.localizedDescription))")
                }
            case let object as [String: Any]:
                var wrapped: [String: Any] = object
                if object[wrapper] == nil { wrapped = [wrapper: object] }
                return (try JSONSerialization.data(withJSONObject: wrapped), "\(file) (simulation.\(field))")
            default:
                throw DRAMInputError(file: file, "simulation.\(field) is missing; expected a file name or an inline object")
            }
        }
        let (specData, specFile) = try document("memspec", kind: "memspecs", wrapper: "memspec")
        let spec = try MemorySpec.parse(specData, file: specFile)
        let (mapData, mapFile) = try document("addressmapping", kind: "amconfigs", wrapper: "CONGEN")
        let mapping = try AddressMapping.parse(mapData, file: mapFile)
        try mapping.validate(for: spec, file: mapFile)
        let (controllerData, controllerFile) = try document("mcconfig", kind: "mcconfigs", wrapper: "mcconfig")
        let (controller, knobs) = try ControllerConfig.parse(controllerData, file: controllerFile)
        try controller.validate(for: spec)

        guard let setups = simulation["tracesetup"] as? [[String: Any]], let setup = setups.first else {
            throw DRAMInputError(file: file, "simulation.tracesetup is missing; expected a list with one {\"clkMhz\": ..., \"name\": ...}")
        }
        guard setups.count == 1 else {
            throw DRAMInputError(file: file, "simulation.tracesetup has \(setups.count) initiators; allowed: 1 (one trace player is modelled)")
        }
        guard let traceName = setup["name"] as? String else { throw DRAMInputError(file: file, "simulation.tracesetup[0].name is missing") }
        guard let clock = (setup["clkMhz"] as? NSNumber)?.doubleValue else { throw DRAMInputError(file: file, "simulation.tracesetup[0].clkMhz is missing or not a number") }
        let trace = try Trace.load(from: try locate(traceName, kind: "traces", field: "tracesetup[0].name"))
        try PreparedTrace.validate(trace, spec: spec, playerClockMegahertz: clock)
        return DRAMSysSimulation(spec: spec, mapping: mapping, controller: controller, controllerKnobs: knobs, trace: trace, playerClockMegahertz: clock)
    }
}
