import Foundation

/// SCALE-Sim's three per-run reports (COMPUTE_REPORT.csv, BANDWIDTH_REPORT.csv,
/// DETAILED_ACCESS_REPORT.csv) with its column names, order and number formatting: one row per layer,
/// `LayerID` first, `", "` between fields and a trailing comma; cycles in the detailed report printed as
/// decimals (`1.0`), bandwidths in words/cycle with Python's shortest round-trip formatting.
///
/// Compute, utilization, SRAM counts and SRAM bandwidths equal SCALE-Sim's; DRAM columns and
/// "Total Cycles (incl. prefetch)" come from ``MemoryTraffic`` (DRAM counts) and an estimate of the
/// first fill and last drain (start/stop cycles); docs/systolic.md lists the agreement.
///
/// ```swift
/// let reports = SCALESimReports(layers: SystolicSimulator(config: config).simulate(topology).layers)
/// try reports.compute.write(toFile: "COMPUTE_REPORT.csv", atomically: true, encoding: .utf8)
/// ```
public struct SCALESimReports: Sendable {
    public let compute: String
    public let bandwidth: String
    public let detailedAccess: String

    static let computeHeader = ["LayerID", "Total Cycles (incl. prefetch)", "Total Cycles", "Stall Cycles", "Overall Util %",
                                "Mapping Efficiency %", "Compute Util %"]
    static let bandwidthHeader = ["LayerID", "Avg IFMAP SRAM BW", "Avg FILTER SRAM BW", "Avg OFMAP SRAM BW", "Avg IFMAP DRAM BW",
                                  "Avg FILTER DRAM BW", "Avg OFMAP DRAM BW"]
    static let detailedHeader = ["LayerID", "SRAM IFMAP Start Cycle", "SRAM IFMAP Stop Cycle", "SRAM IFMAP Reads",
                                 "SRAM Filter Start Cycle", "SRAM Filter Stop Cycle", "SRAM Filter Reads", "SRAM OFMAP Start Cycle",
                                 "SRAM OFMAP Stop Cycle", "SRAM OFMAP Writes", "DRAM IFMAP Start Cycle", "DRAM IFMAP Stop Cycle",
                                 "DRAM IFMAP Reads", "DRAM Filter Start Cycle", "DRAM Filter Stop Cycle", "DRAM Filter Reads",
                                 "DRAM OFMAP Start Cycle", "DRAM OFMAP Stop Cycle", "DRAM OFMAP Writes"]

    public init(layers: [LayerSimulation], config: ArchitectureConfig) {
        func line(_ fields: [String]) -> String { fields.joined(separator: ", ") + ",\n" }
        var compute = line(Self.computeHeader), bandwidth = line(Self.bandwidthHeader), detailed = line(Self.detailedHeader)
        for (id, layer) in layers.enumerated() {
            let total = layer.totalCycles, memory = layer.memory, sram = memory.sramActivity
            let dram = DRAMActivityWindow(layer: layer, config: config)
            compute += line([String(id), String(dram.ofmap.stop - min(dram.ifmap.start, dram.filter.start)), String(total),
                             String(layer.stallCycles), Self.pythonFloat(layer.overallUtilizationPercent),
                             Self.pythonFloat(layer.compute.mappingEfficiencyPercent), Self.pythonFloat(layer.compute.computeUtilizationPercent)])
            func perCycle(_ words: Int, _ cycles: Int) -> String { Self.pythonFloat(Double(words) / Double(cycles)) }
            bandwidth += line([String(id), perCycle(layer.compute.ifmapSRAMReads, total), perCycle(layer.compute.filterSRAMReads, total),
                               perCycle(layer.compute.ofmapSRAMWrites, total),
                               perCycle(memory.ifmapDRAMReads, dram.ifmap.stop - dram.ifmap.start + 1),
                               perCycle(memory.filterDRAMReads, dram.filter.stop - dram.filter.start + 1),
                               perCycle(memory.ofmapDRAMWrites, dram.ofmap.stop - dram.ofmap.start + 1)])
            func cycle(_ value: Int) -> String { Self.pythonFloat(Double(value)) }
            detailed += line([String(id),
                              cycle(sram.ifmap.start), cycle(sram.ifmap.stop), String(layer.compute.ifmapSRAMReads),
                              cycle(sram.filter.start), cycle(sram.filter.stop), String(layer.compute.filterSRAMReads),
                              cycle(sram.ofmap.start), cycle(sram.ofmap.stop), String(layer.compute.ofmapSRAMWrites),
                              cycle(dram.ifmap.start), cycle(dram.ifmap.stop), String(memory.ifmapDRAMReads),
                              cycle(dram.filter.start), cycle(dram.filter.stop), String(memory.filterDRAMReads),
                              cycle(dram.ofmap.start), cycle(dram.ofmap.stop), String(memory.ofmapDRAMWrites)])
        }
        self.compute = compute
        self.bandwidth = bandwidth
        self.detailedAccess = detailed
    }

    /// Python's `str(float)`: shortest round-trip digits, exponent form outside 1e-4 ..< 1e16.
    static func pythonFloat(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e16 { return String(format: "%.1f", value) }
        return "\(value)"   // Swift's description is also the shortest round-trip form
    }
}

/// First and last DRAM cycles per operand (``MemoryTraffic``'s DRAM cycles).
struct DRAMActivityWindow {
    let ifmap: MemoryTraffic.CycleSpan
    let filter: MemoryTraffic.CycleSpan
    let ofmap: MemoryTraffic.CycleSpan

    init(layer: LayerSimulation, config: ArchitectureConfig) {
        (ifmap, filter, ofmap) = (layer.memory.ifmapDRAMCycles, layer.memory.filterDRAMCycles, layer.memory.ofmapDRAMCycles)
    }
}
