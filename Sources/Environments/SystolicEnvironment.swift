import Foundation
import GymCore
import SystolicSim

/// A systolic-array accelerator running a whole network (SCALE-Sim's model, see ``SystolicSimulator``).
///
/// Parameters: `rows` and `cols` (PEs, powers of two 4…512), `dataflow` (os, ws, is), `ifmap_sram_kb`,
/// `filter_sram_kb`, `ofmap_sram_kb` (KB, powers of two 1…4096) and `dram_bw` (words/cycle per DRAM
/// port, fixed as SCALE-Sim's USER bandwidth mode, so too little bandwidth stalls the array).
///
/// Metrics, summed over the network's layers: `total_cycles`, `stall_cycles`, `compute_cycles` (cycles),
/// `utilization_pct` (MACs / (PEs · cycles), %), `energy_uJ` (µJ, ``CostModel/horowitz45nm``),
/// `area_mm2` (mm²), `dram_bytes` (bytes), `edp` (energy × delay, µJ · Mcycles).
///
/// ```swift
/// let environment = try SystolicEnvironment(workload: "resnet18")
/// let evaluation = try environment.step(["rows": 32, "cols": 32, "dataflow": "os"])
/// print(evaluation.metrics["total_cycles"]!)
/// ```
public struct SystolicEnvironment: Environment {
    public let name = "systolic"
    public let workload: String
    public let parameterSpace: ParameterSpace
    public let metrics: [MetricDescriptor] = SystolicEnvironment.metricDescriptors
    public var objective: Objective
    public let topology: Topology
    public let costModel: CostModel

    static let metricDescriptors = [
        MetricDescriptor("total_cycles", unit: "cycles", direction: .minimize, "cycles to run the network, stalls included"),
        MetricDescriptor("stall_cycles", unit: "cycles", direction: .minimize, "cycles the array waits for DRAM"),
        MetricDescriptor("compute_cycles", unit: "cycles", direction: .minimize, "cycles without memory stalls"),
        MetricDescriptor("utilization_pct", unit: "%", direction: .maximize, "MACs / (PEs x total cycles)"),
        MetricDescriptor("energy_uJ", unit: "uJ", direction: .minimize, "dynamic energy, 45 nm model (docs/systolic.md)"),
        MetricDescriptor("area_mm2", unit: "mm2", direction: .minimize, "PE array plus SRAM area, 45 nm model"),
        MetricDescriptor("dram_bytes", unit: "bytes", direction: .minimize, "DRAM reads plus writes"),
        MetricDescriptor("edp", unit: "uJ*Mcycles", direction: .minimize, "energy-delay product: energy_uJ x total_cycles / 1e6"),
    ]

    static let arraySizes: [Double] = (2...9).map { pow(2, Double($0)) }
    static let sramSizes: [Double] = (0...12).map { pow(2, Double($0)) }
    static let bandwidths: [Double] = [1, 2, 4, 8, 16, 32, 64, 128]

    public init(workload: String = "resnet18", costModel: CostModel = .horowitz45nm) throws {
        topology = try SystolicWorkloads.topology(workload)
        self.workload = workload
        self.costModel = costModel
        parameterSpace = ParameterSpace([
            Parameter("rows", .ordinal(Self.arraySizes), "PE rows (array height)"),
            Parameter("cols", .ordinal(Self.arraySizes), "PE columns (array width)"),
            Parameter("dataflow", .categorical(Dataflow.allCases.map(\.rawValue)), "os, ws or is stationary"),
            Parameter("ifmap_sram_kb", .ordinal(Self.sramSizes), "ifmap SRAM, KB (double buffered)"),
            Parameter("filter_sram_kb", .ordinal(Self.sramSizes), "filter SRAM, KB (double buffered)"),
            Parameter("ofmap_sram_kb", .ordinal(Self.sramSizes), "ofmap SRAM, KB (double buffered)"),
            Parameter("dram_bw", .ordinal(Self.bandwidths), "DRAM bandwidth per port, words/cycle"),
        ], defaults: ["rows": 32, "cols": 32, "dataflow": "os", "ifmap_sram_kb": 64, "filter_sram_kb": 64,
                      "ofmap_sram_kb": 64, "dram_bw": 16])
        objective = .optimize(Self.metricDescriptors[0])
        objective = referenced(objective)  // reference: the default design's cycles (reward contract)
    }

    /// The SCALE-Sim architecture a design describes (USER bandwidth mode).
    public static func config(for design: Design) -> ArchitectureConfig {
        let int = { (name: String) in Int(design.number(name)!) }
        let bandwidth = int("dram_bw")
        return ArchitectureConfig(runName: "systolic", rows: int("rows"), columns: int("cols"),
                                  dataflow: Dataflow(rawValue: design.choice("dataflow")!)!,
                                  ifmapSRAMKilobytes: int("ifmap_sram_kb"), filterSRAMKilobytes: int("filter_sram_kb"),
                                  ofmapSRAMKilobytes: int("ofmap_sram_kb"), bandwidthMode: .user,
                                  bandwidthWordsPerCycle: bandwidth)
    }

    public func measure(_ design: Design) throws -> SimulatorReport {
        let config = Self.config(for: design)
        let network = SystolicSimulator(config: config).simulate(topology)
        let totalCycles = Double(network.totalCycles)
        let energyMicrojoules = costModel.energyPicojoules(network, config) / 1e6
        return SimulatorReport(metrics: [
            "total_cycles": totalCycles,
            "stall_cycles": Double(network.stallCycles),
            "compute_cycles": Double(network.computeCycles),
            "utilization_pct": Double(network.macs) * 100 / (totalCycles * Double(config.rows * config.columns)),
            "energy_uJ": energyMicrojoules,
            "area_mm2": costModel.areaSquareMillimetres(config),
            "dram_bytes": Double(network.dramWords),
            "edp": energyMicrojoules * totalCycles / 1e6,
        ])
    }
}

extension EnvironmentEntry {
    /// The systolic-array accelerator environment (see ``SystolicEnvironment``).
    public static let systolic = EnvironmentEntry(
        name: "systolic",
        summary: "Systolic-array accelerator (SCALE-Sim model): array shape, dataflow, SRAMs, DRAM bandwidth on a DNN",
        workloads: SystolicWorkloads.names,
        objectivePresets: [
            "min-cycles": Objective(goal: .weightedSum([.init(metric: "total_cycles", direction: .minimize)])),
            "min-cycles-area-2mm2": Objective(goal: .weightedSum([.init(metric: "total_cycles", direction: .minimize)]),
                                              constraints: [.init(metric: "area_mm2", comparison: .atMost, bound: 2)]),
            "latency-target": Objective(goal: .targets([.init(metric: "total_cycles", value: 500_000, direction: .minimize)])),
            "min-edp": Objective(goal: .weightedSum([.init(metric: "edp", direction: .minimize)])),
            "energy-delay-sum": Objective(goal: .weightedSum([
                .init(metric: "energy_uJ", direction: .minimize),
                .init(metric: "total_cycles", direction: .minimize, weight: 1)])),
        ],
        factory: { workload, _ in try SystolicEnvironment(workload: workload) })
}
