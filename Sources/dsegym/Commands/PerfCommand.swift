import ArgumentParser
import Foundation

/// `dsegym perf [SECTION...]`: measured speed of simulators, agents, the runner and the wire.
struct PerfCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perf", abstract: "Measure speed (run a release build: swift build -c release).",
        discussion: "With no section, runs every section and prints one table. Sections: \(sections.map(\.name).joined(separator: ", ")).")

    /// Every perf section, in the order they run.
    static let sections: [PerfSection] = [.runner, .agents, .rlAgents, .systolic, .dram, .dataflow, .npuFault, .wire]

    @Argument(help: "Sections to run (all when omitted).") var names: [String] = []
    @Flag(help: "Print the rows as JSON.") var json = false
    @Option(help: ArgumentHelp("DRAMSys 4.0 binary to time side by side with the dram section (ArchGym's sims/DRAM/binary/DRAMSys/DRAMSys).", valueName: "path"))
    var dramsys: String?
    @Option(help: ArgumentHelp("DRAMSys resources folder holding configs/simulator and configs/thermalsim (ArchGym's sims/DRAM/DRAMSys/library/resources).", valueName: "path"))
    var dramsysResources: String?
    @Option(help: ArgumentHelp("A MAESTRO binary: the dataflow section times it side by side on the same layers.", valueName: "PATH"))
    var maestro: String?

    func run() async throws {
        let known = Self.sections.map(\.name)
        for name in names where !known.contains(name) {
            throw InputError("unknown perf section '\(name)'; valid sections: \(known.joined(separator: ", "))")
        }
        let chosen = names.isEmpty ? Self.sections : Self.sections.filter { names.contains($0.name) }
        var references = PerfReferences(maestro: maestro)
        switch (dramsys, dramsysResources) {
        case (nil, nil): break
        case let (binary?, resources?): references.dramsys = try DRAMSysReference(binary: binary, resources: resources)
        default: throw InputError("--dramsys and --dramsys-resources go together (the binary and ArchGym's DRAMSys resources folder)")
        }
        var rows: [PerfRow] = []
        for section in chosen {
            if !json { printError("perf: \(section.name) (\(section.summary))...") }
            rows += try await section.measure(references)
        }
        if json {
            try printJSON(rows)
            return
        }
        var table = TextTable(header: ["section", "measured", "metric", "value", "unit"])
        table.rows = rows.map { [$0.section, $0.item, $0.metric, format($0.value), $0.unit] }
        print(table.rendered)
        #if DEBUG
        print("\nnote: this is a debug build; measure with `swift build -c release` and .build/release/dsegym perf")
        #endif
    }
}
