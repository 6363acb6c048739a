import ArgumentParser
import Foundation
import SystolicSim

/// `dsegym scalesim`: a drop-in for `python -m scalesim.scale` with SCALE-Sim's own flags. Writes
/// COMPUTE_REPORT.csv, BANDWIDTH_REPORT.csv and DETAILED_ACCESS_REPORT.csv to `OUTDIR/<run_name>/`,
/// as SCALE-Sim does.
struct ScaleSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scalesim",
        abstract: "Run a SCALE-Sim architecture file and topology; write SCALE-Sim's reports.",
        discussion: "Every report column follows SCALE-Sim 3.0.0's read and write buffers (equal on 600 random designs and the 12 reference cases, docs/systolic.md). Sparse mode and custom layouts are refused (exit 2).")

    @Option(name: .customShort("c"), help: "Architecture file (.cfg).") var config: String
    @Option(name: .customShort("t"), help: "Topology CSV.") var topology: String
    @Option(name: .customShort("p"), help: "Output folder; reports go to OUTDIR/<run_name>/.") var outdir: String = "."
    @Option(name: .customShort("i"), help: "Topology format: conv or gemm.") var inputType: String = "conv"
    @Option(name: .customShort("l"), help: "Layout file (accepted and unused, as SCALE-Sim with custom layouts off; custom layouts are refused).") var layout: String?

    func run() throws {
        guard let kind = Topology.Kind(rawValue: inputType) else {
            throw InputError("-i '\(inputType)' is invalid; valid: conv, gemm")
        }
        let architecture = try ArchitectureConfig.parse(try read(config), file: config)
        let network = try Topology.parse(contentsOf: URL(fileURLWithPath: topology), kind: kind)
        let simulation = SystolicSimulator(config: architecture).simulate(network)
        let reports = SCALESimReports(layers: simulation.layers, config: architecture)
        let folder = URL(fileURLWithPath: outdir).appendingPathComponent(architecture.runName)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in [("COMPUTE_REPORT.csv", reports.compute), ("BANDWIDTH_REPORT.csv", reports.bandwidth),
                             ("DETAILED_ACCESS_REPORT.csv", reports.detailedAccess)] {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        print("\(simulation.layers.count) layer(s), \(simulation.totalCycles) cycles; reports in \(folder.path)")
    }

    private func read(_ path: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SystolicSimError.unreadable(file: path, reason: error.localizedDescription)
        }
    }
}
