import ArgumentParser
import FaultSim
import Foundation
import GymCore

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
        @Flag(help: "Print one JSON array: per table its file and per block bits, AVF, 95 % interval, SDC and detected fractions.") var json = false

        func run() throws {
            guard let configuration = NPUConfiguration.all.first(where: { $0.name == config }) else {
                throw InputError("unknown configuration '\(config)'; valid: \(NPUConfiguration.all.map(\.name).joined(separator: ", "))")
            }
            guard injections > 0 else { throw InputError("--injections \(injections): the value must be an integer > 0") }
            let workloads = workload.map { [$0] } ?? NPUWorkload.names
            if let unknown = workloads.first(where: { !NPUWorkload.names.contains($0) }) {
                throw InputError("unknown workload '\(unknown)'; valid: \(NPUWorkload.names.joined(separator: ", "))")
            }
            var tables: [JSONValue] = []
            for name in workloads {
                let start = Date()
                let table = try AVFTable.measure(configuration: configuration, workload: name, seed: seed, injectionsPerBlock: injections)
                let url = try table.write(to: URL(fileURLWithPath: out))
                let seconds = Date().timeIntervalSince(start)
                if json {
                    tables.append(.object([
                        "file": .string(url.path), "configuration": .string(table.configuration), "workload": .string(name),
                        "seed": .number(Double(seed)), "injections_per_block": .number(Double(injections)), "seconds": .number(seconds),
                        "blocks": .array(table.blocks.map { b in
                            .object(["block": .string(b.block.rawValue), "bits": .number(Double(b.bits)), "avf": .number(b.avf),
                                     "avf_margin": .number(b.margin), "avf_low": .number(max(0, b.avf - b.margin)),
                                     "avf_high": .number(min(1, b.avf + b.margin)), "sdc_fraction": .number(b.sdcFraction),
                                     "detected_fraction": .number(b.avf - b.sdcFraction), "injections": .number(Double(b.injections))])
                        }),
                    ]))
                    continue
                }
                print("\(url.path): \(injections * table.blocks.count) injections in \(String(format: "%.2f", seconds)) s")
                for b in table.blocks {
                    print("  \(b.block.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)) bits \(b.bits)  AVF \(String(format: "%.4f ± %.4f", b.avf, b.margin))")
                }
            }
            if json { try printJSON(JSONValue.array(tables)) }
        }
    }
}
