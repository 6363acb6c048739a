import DataflowSim
import Foundation
import GymCore

/// One spatial accelerator running one DNN, evaluated with DataflowSim (MAESTRO's cost model): a
/// MaestroGym-like search over hardware and mapping.
///
/// Knobs: `template` (a MAESTRO dataflow, or `custom` to use the mapping knobs), `pes`, `l1_bytes`,
/// `l2_kb`, `noc_bw` (elements/cycle), `cluster` (PEs per inner cluster of templates with a `Cluster`),
/// and for `custom`: `spatial_dim`, `k_tile`, `c_tile`, `loop_order`.
/// Metrics (whole network, layers run one after another): `runtime_cycles`, `energy_nJ`, `area_um2`
/// and `power_mW` (MAESTRO's closed forms on the provisioned L1/L2 sizes), `throughput_macs_per_cycle`,
/// and the largest per-layer `l1_req_B` / `l2_req_B`. A layer the mapping cannot run, or a buffer
/// requirement above the provisioned size, makes the design infeasible with the reason.
///
/// ```swift
/// let env = try DataflowEnvironment(workload: "resnet18")
/// let evaluation = try env.step(env.parameterSpace.defaults)
/// ```
public struct DataflowEnvironment: Environment {
    public let name = "dataflow"
    public let workload: String
    public let parameterSpace: ParameterSpace
    public let metrics: [MetricDescriptor] = DataflowEnvironment.metricList
    public var objective: Objective
    public let network: Network

    public static let metricList: [MetricDescriptor] = [
        MetricDescriptor("runtime_cycles", unit: "cycles", direction: .minimize, "network runtime, layers in sequence"),
        MetricDescriptor("energy_nJ", unit: "nJ", direction: .minimize, "MAC + L1 + L2 access energy"),
        MetricDescriptor("area_um2", unit: "µm²", direction: .minimize, HardwareCost.areaModelSummary + ", on the provisioned L1/L2"),
        MetricDescriptor("power_mW", unit: "mW", direction: .minimize, HardwareCost.powerModelSummary + ", on the provisioned L1/L2"),
        MetricDescriptor("throughput_macs_per_cycle", unit: "MACs/cycle", direction: .maximize, "MACs over runtime"),
        MetricDescriptor("l1_req_B", unit: "B", direction: .minimize, "largest per-PE L1 requirement of any layer"),
        MetricDescriptor("l2_req_B", unit: "B", direction: .minimize, "largest L2 requirement of any layer"),
    ]

    static func powersOfTwo(_ range: ClosedRange<Int>) -> [Double] { range.map { pow(2, Double($0)) } }
    public static let templateChoices = DataflowTemplate.allCases.map(\.rawValue) + ["custom"]

    public init(workload: String = "resnet18") throws {
        self.workload = workload
        self.network = try DataflowWorkloads.load(workload, environment: "dataflow")
        self.parameterSpace = ParameterSpace([
            Parameter("template", .categorical(Self.templateChoices), "MAESTRO dataflow template, or custom (mapping knobs)"),
            Parameter("pes", .ordinal(Self.powersOfTwo(4...12)), "number of PEs"),
            Parameter("l1_bytes", .ordinal(Self.powersOfTwo(5...12)), "per-PE L1 size (bytes)"),
            Parameter("l2_kb", .ordinal(Self.powersOfTwo(3...12)), "shared L2 size (KiB)"),
            Parameter("noc_bw", .ordinal(Self.powersOfTwo(3...11)), "NoC bandwidth (elements/cycle)"),
            Parameter("offchip_bw", .ordinal(Self.powersOfTwo(3...10)), "off-chip bandwidth (elements/cycle)"),
            Parameter("cluster", .ordinal(Self.powersOfTwo(0...6)), "PEs per inner cluster (templates with Cluster)"),
            Parameter("spatial_dim", .categorical(["K", "C", "Y", "X"]), "custom: dimension spread across PEs"),
            Parameter("k_tile", .ordinal(Self.powersOfTwo(0...6)), "custom: K tile (elements)"),
            Parameter("c_tile", .ordinal(Self.powersOfTwo(0...6)), "custom: C tile (elements)"),
            Parameter("loop_order", .categorical(CustomMapping.loopOrders.keys.sorted()), "custom: loop order, outermost first"),
        ], defaults: ["template": "kcp_ws", "pes": 256, "l1_bytes": 512, "l2_kb": 1024, "noc_bw": 256, "offchip_bw": 64,
                      "cluster": 32, "spatial_dim": "K", "k_tile": 1, "c_tile": 1, "loop_order": "KCYX"])
        self.objective = .optimize(metrics[0])
        self.objective = referenced(objective)  // reference: the default design's value (reward contract)
    }

    /// The accelerator and per-layer dataflows a design describes.
    static func configure(_ design: Design) -> (HardwareConfig, (Layer) -> [Directive]) {
        let hardware = HardwareConfig(peCount: design.integer("pes") ?? 256, l1SizeBytes: design.integer("l1_bytes") ?? 512,
                                      l2SizeBytes: (design.integer("l2_kb") ?? 1024) * 1024, nocBandwidth: design.integer("noc_bw") ?? 256,
                                      offchipBandwidth: design.integer("offchip_bw") ?? 64)
        let templateName = design.choice("template") ?? "kcp_ws"
        let cluster = design.integer("cluster") ?? 32
        if let template = DataflowTemplate(rawValue: templateName) {
            return (hardware, { template.directives(for: $0, clusterSize: cluster) })
        }
        let custom = CustomMapping(spatialDimension: design.choice("spatial_dim") ?? "K", kTile: design.integer("k_tile") ?? 1,
                                   cTile: design.integer("c_tile") ?? 1,
                                   loopOrder: CustomMapping.loopOrders[design.choice("loop_order") ?? "KCYX"] ?? ["K", "C", "Y", "X"])
        return (hardware, { custom.directives(for: $0) })
    }

    public func measure(_ design: Design) throws -> SimulatorReport {
        let (hardware, dataflow) = Self.configure(design)
        switch NetworkCost.evaluate(network, hardware: hardware, dataflow: dataflow) {
        case .failure(let reason): return .infeasible(reason)
        case .success(let cost): return SimulatorReport(metrics: cost.metrics)
        }
    }
}

/// A network's cost on one accelerator: layers in sequence, buffers sized as provisioned.
struct NetworkCost: Sendable {
    /// Cycles, nJ, µm², mW, MACs/cycle, bytes.
    var runtimeCycles = 0
    var energyNanojoules = 0.0
    var areaSquareMicrometres = 0.0
    var powerMilliwatts = 0.0
    var macs = 0
    var l1RequiredBytes = 0
    var l2RequiredBytes = 0

    var metrics: [String: Double] {
        ["runtime_cycles": Double(runtimeCycles), "energy_nJ": energyNanojoules, "area_um2": areaSquareMicrometres,
         "power_mW": powerMilliwatts, "throughput_macs_per_cycle": Double(macs) / Double(max(runtimeCycles, 1)),
         "l1_req_B": Double(l1RequiredBytes), "l2_req_B": Double(l2RequiredBytes)]
    }

    enum Outcome { case success(NetworkCost), failure(String) }

    static func evaluate(_ network: Network, hardware: HardwareConfig, dataflow: (Layer) -> [Directive]) -> Outcome {
        let simulator = DataflowSimulator(hardware: hardware)
        var total = NetworkCost()
        for var layer in network.layers {
            layer.dataflow = dataflow(layer)
            let result: LayerResult
            do { result = try simulator.evaluate(layer) } catch { return .failure(error.description) }
            if result.macs < result.layerMACs {
                return .failure("layer '\(layer.name)': the mapping covers only \(result.macs) of its \(result.layerMACs) MACs")
            }
            if result.l1SizeRequiredBytes > hardware.l1SizeBytes {
                return .failure("layer '\(layer.name)' needs \(result.l1SizeRequiredBytes) B of L1, the PEs have \(hardware.l1SizeBytes) B")
            }
            if result.l2SizeRequiredBytes > hardware.l2SizeBytes {
                return .failure("layer '\(layer.name)' needs \(result.l2SizeRequiredBytes) B of L2, the accelerator has \(hardware.l2SizeBytes) B")
            }
            total.runtimeCycles += result.runtimeCycles
            total.energyNanojoules += result.energyNanojoules
            total.macs += result.macs
            total.l1RequiredBytes = max(total.l1RequiredBytes, result.l1SizeRequiredBytes)
            total.l2RequiredBytes = max(total.l2RequiredBytes, result.l2SizeRequiredBytes)
        }
        let cost = HardwareCost(peCount: hardware.peCount, simdLanes: hardware.simdLanes, nocBandwidth: hardware.nocBandwidth,
                                l1Bytes: hardware.l1SizeBytes, l2Bytes: hardware.l2SizeBytes)
        total.areaSquareMicrometres = cost.areaSquareMicrometres
        total.powerMilliwatts = cost.powerMilliwatts
        return .success(total)
    }
}
