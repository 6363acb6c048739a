import ArgumentParser
import DataflowSim
import Foundation

/// `dsegym maestro --hw HW.m --mapping MAPPING.m [--json]`: MAESTRO's inputs, our cost model.
struct MaestroCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maestro", abstract: "Evaluate a MAESTRO hardware + mapping file pair, layer by layer.",
        discussion: """
            Reads MAESTRO's hardware file (num_pes, l1_size_cstr, l2_size_cstr, noc_bw_cstr, offchip_bw_cstr) \
            and mapping file (Network { Layer { Type, Stride, Dimensions, Dataflow } }). With --json, prints \
            one JSON object per layer: layer, runtime_cycles, energy_nJ, area_um2, power_mW, l1_reads, \
            l1_writes, l2_reads, l2_writes, l1_size_req_B, l2_size_req_B (and more). A mapping MAESTRO would \
            reject prints an error naming the layer and the directive (exit status 2).
            """)

    @Option(help: ArgumentHelp("MAESTRO hardware file.", valueName: "HW.m")) var hw: String
    @Option(help: ArgumentHelp("MAESTRO mapping file.", valueName: "MAPPING.m")) var mapping: String
    @Flag(help: "One JSON object per layer (JSON lines).") var json = false

    func run() throws {
        let hardware = try HardwareParser.parse(contentsOf: URL(fileURLWithPath: hw))
        let network = try MappingParser.parse(contentsOf: URL(fileURLWithPath: mapping))
        let simulator = DataflowSimulator(hardware: hardware)
        if !json {
            print("network \(network.name): \(network.layers.count) layers on \(hardware.peCount) PEs")
            print("layer".padding(toLength: 24, withPad: " ", startingAt: 0) + "     cycles    energy_nJ     area_um2   power_mW  L1_req  L2_req")
        }
        for layer in network.layers {
            let result = try simulator.evaluate(layer)
            if json {
                try printJSON(MaestroLayerJSON(result))
            } else {
                print(layer.name.padding(toLength: 24, withPad: " ", startingAt: 0)
                      + String(format: " %10d %12.3f %12.5g %10.2f %7d %7d", result.runtimeCycles, result.energyNanojoules,
                               result.areaSquareMicrometres, result.powerMilliwatts, result.l1SizeRequiredBytes, result.l2SizeRequiredBytes))
                for warning in result.warnings { print("  warning: \(warning)") }
            }
        }
    }
}

/// The per-layer JSON shape of `dsegym maestro --json` (snake_case, units in the names).
struct MaestroLayerJSON: Encodable {
    var layer: String
    var runtime_cycles: Int
    var energy_nJ: Double
    var energy_mac_units: Double
    var area_um2: Double
    var power_mW: Double
    var num_macs: Int
    var l1_reads: Int
    var l1_writes: Int
    var l2_reads: Int
    var l2_writes: Int
    var l1_size_req_B: Int
    var l2_size_req_B: Int
    var peak_noc_bw_req: Int
    var avg_noc_bw_req: Double
    var offchip_bw_req: Int
    var avg_utilized_pes: Double
    var throughput_macs_per_cycle: Double
    var warnings: [String]

    init(_ r: LayerResult) {
        layer = r.layer
        runtime_cycles = r.runtimeCycles
        energy_nJ = r.energyNanojoules
        energy_mac_units = r.energyMACUnits
        area_um2 = r.areaSquareMicrometres
        power_mW = r.powerMilliwatts
        num_macs = r.macs
        l1_reads = r.l1Reads.total
        l1_writes = r.l1Writes.total
        l2_reads = r.l2Reads.total
        l2_writes = r.l2Writes.total
        l1_size_req_B = r.l1SizeRequiredBytes
        l2_size_req_B = r.l2SizeRequiredBytes
        peak_noc_bw_req = r.peakNoCBandwidth
        avg_noc_bw_req = r.averageNoCBandwidth
        offchip_bw_req = r.offchipBandwidthRequired
        avg_utilized_pes = r.averageUtilizedPEs
        throughput_macs_per_cycle = r.throughputMACsPerCycle
        warnings = r.warnings
    }
}
