import ArgumentParser
import FaultSim
import Foundation

/// `dsegym faults measure`: runs a fault-injection campaign and writes the AVF table npu-fault caches.
struct FaultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "faults", abstract: "NPU soft-error fault injection (FaultSim).",
                                                    subcommands: [Measure.self])

    struct Measure: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Measure per-block AVF and write envs/npu-fault/<config>_<workload>_s<seed>_n<n>.json.")

        @Option(help: "NPU configuration: u55-32, u55-64, u55-128, u55-256.") var config = "u55-32"
        @Option(help: "Workload: conv, depthwise, fc (all when omitted).") var workload: String?
        @Option(help: "Seed of the layer data and the campaign.") var seed: UInt64 = 1
        @Option(help: "Injections per block.") var injections = 4000
        @Option(help: "Output folder.") var out = "envs/npu-fault"

        func run() throws {
            guard let configuration = NPUConfiguration.all.first(where: { $0.name == config }) else {
                throw InputError("unknown configuration '\(config)'; valid: \(NPUConfiguration.all.map(\.name).joined(separator: ", "))")
            }
            let workloads = workload.map { [$0] } ?? NPUWorkload.names
            for name in workloads {
                guard NPUWorkload.names.contains(name) else {
                    throw InputError("unknown workload '\(name)'; valid: \(NPUWorkload.names.joined(separator: ", "))")
                }
                let start = Date()
                let table = try AVFTable.measure(configuration: configuration, workload: name, seed: seed, injectionsPerBlock: injections)
                let url = try table.write(to: URL(fileURLWithPath: out))
                let seconds = Date().timeIntervalSince(start)
                print("\(url.path): \(injections * table.blocks.count) injections in \(String(format: "%.2f", seconds)) s")
                for b in table.blocks {
                    print("  \(b.block.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)) bits \(b.bits)  AVF \(String(format: "%.4f ± %.4f", b.avf, b.margin))")
                }
            }
        }
    }
}
