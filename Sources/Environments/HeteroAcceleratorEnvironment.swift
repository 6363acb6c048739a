import DataflowSim
import Foundation
import GymCore

/// NASAIC-style heterogeneous accelerator for several DNNs running in parallel: `k` sub-accelerators,
/// each with a dataflow template and a share of the PE and NoC-bandwidth budgets; each network is
/// assigned to one sub-accelerator (networks sharing one run in sequence).
///
/// Knobs per sub-accelerator *i*: `template_i` (kcp_ws, yxp_os, rs, …), `pe_share_i` and `bw_share_i`
/// (weights 1…8; sub-accelerator *i* gets budget × share_i / Σ shares, rounded down, at least 1 PE) and
/// per network: `assign_<network>` (a sub-accelerator index). Budgets: `pe_budget` PEs (default 4096) and
/// `bw_budget` elements/cycle (default 1024); each sub-accelerator has 1 KiB L1 per PE and 4 MiB L2.
///
/// Metrics: `latency_cycles` = max over sub-accelerators of their summed runtimes, `energy_nJ`,
/// `area_um2` and `power_mW` = sums over used sub-accelerators, plus per sub-accelerator
/// `sub<i>_latency_cycles`, `sub<i>_energy_nJ`, `sub<i>_area_um2`, `sub<i>_power_mW`, `sub<i>_pes`,
/// `sub<i>_noc_bw`. Design specs (latency, energy, area limits) are constraints in the presets.
///
/// ```swift
/// let env = try HeteroAcceleratorEnvironment(workload: "nasaic", subAccelerators: 2)
/// let evaluation = try env.step(env.parameterSpace.defaults)
/// ```
public struct HeteroAcceleratorEnvironment: Environment {
    public let name = "hetero"
    public let workload: String
    public let parameterSpace: ParameterSpace
    public let metrics: [MetricDescriptor]
    public var objective: Objective
    public let networks: [Network]
    /// Number of sub-accelerators.
    public let subAccelerators: Int
    /// PE budget (PEs) and NoC bandwidth budget (elements/cycle).
    public let peBudget: Int
    public let bandwidthBudget: Int

    /// Workload name → networks run in parallel.
    public static let workloadSets: [String: [String]] = [
        "nasaic": ["cifar10_resnet", "stl10_cnn", "kws_dscnn"],
        "vision": ["resnet18", "mobilenet_v2"],
        "mixed": ["resnet50", "transformer_block", "kws_dscnn"],
    ]
    public static let workloads = ["nasaic", "vision", "mixed"]
    public static let templates = ["kcp_ws", "yxp_os", "rs", "xp_ws", "ykp_os"]

    public init(workload: String = "nasaic", subAccelerators: Int = 2, peBudget: Int = 4096, bandwidthBudget: Int = 1024) throws {
        guard let names = Self.workloadSets[workload] else {
            throw EnvironmentError.unknownWorkload(environment: "hetero", workload: workload, known: Self.workloads)
        }
        guard (1...8).contains(subAccelerators) else {
            throw EnvironmentError.invalidOption(environment: "hetero", option: "k", value: String(subAccelerators), allowed: "1...8")
        }
        self.workload = workload
        self.subAccelerators = subAccelerators
        self.peBudget = peBudget
        self.bandwidthBudget = bandwidthBudget
        self.networks = try names.map { try DataflowWorkloads.load($0, environment: "hetero") }
        var parameters: [Parameter] = []
        var defaults: [String: ParameterValue] = [:]
        for i in 0..<subAccelerators {
            parameters.append(Parameter("template_\(i)", .categorical(Self.templates), "dataflow of sub-accelerator \(i)"))
            parameters.append(Parameter("pe_share_\(i)", .integer(low: 1, high: 8), "PE budget weight of sub-accelerator \(i)"))
            parameters.append(Parameter("bw_share_\(i)", .integer(low: 1, high: 8), "NoC bandwidth weight of sub-accelerator \(i)"))
            defaults["template_\(i)"] = .choice(Self.templates[i % Self.templates.count])
            defaults["pe_share_\(i)"] = .integer(4)
            defaults["bw_share_\(i)"] = .integer(4)
        }
        let indices = (0..<subAccelerators).map(String.init)
        for (j, network) in names.enumerated() {
            parameters.append(Parameter("assign_\(network)", .categorical(indices), "sub-accelerator running \(network)"))
            defaults["assign_\(network)"] = .choice(String(j % subAccelerators))
        }
        self.parameterSpace = ParameterSpace(parameters, defaults: Design(defaults))
        var metrics = [
            MetricDescriptor("latency_cycles", unit: "cycles", direction: .minimize, "max over sub-accelerators of their runtime"),
            MetricDescriptor("energy_nJ", unit: "nJ", direction: .minimize, "sum over sub-accelerators"),
            MetricDescriptor("area_um2", unit: "µm²", direction: .minimize, HardwareCost.areaModelSummary + "; sum over used sub-accelerators"),
            MetricDescriptor("power_mW", unit: "mW", direction: .minimize, HardwareCost.powerModelSummary + "; sum over used sub-accelerators"),
        ]
        for i in 0..<subAccelerators {
            metrics += [
                MetricDescriptor("sub\(i)_latency_cycles", unit: "cycles", direction: .minimize, "runtime of sub-accelerator \(i)"),
                MetricDescriptor("sub\(i)_energy_nJ", unit: "nJ", direction: .minimize, "energy of sub-accelerator \(i)"),
                MetricDescriptor("sub\(i)_area_um2", unit: "µm²", direction: .minimize, "area of sub-accelerator \(i), MAESTRO's model (0 if unused)"),
                MetricDescriptor("sub\(i)_power_mW", unit: "mW", direction: .minimize, "power of sub-accelerator \(i), MAESTRO's model (0 if unused)"),
                MetricDescriptor("sub\(i)_pes", unit: "PEs", direction: .minimize, "PEs of sub-accelerator \(i)"),
                MetricDescriptor("sub\(i)_noc_bw", unit: "elements/cycle", direction: .minimize, "NoC bandwidth of sub-accelerator \(i)"),
            ]
        }
        self.metrics = metrics
        self.objective = .optimize(metrics[0])
        self.objective = referenced(objective)  // reference: the default design's value (reward contract)
    }

    public func measure(_ design: Design) throws -> SimulatorReport {
        let peShares = (0..<subAccelerators).map { design.integer("pe_share_\($0)") ?? 1 }
        let bwShares = (0..<subAccelerators).map { design.integer("bw_share_\($0)") ?? 1 }
        var values: [String: Double] = [:]
        var latency = 0, energy = 0.0, area = 0.0, power = 0.0
        for i in 0..<subAccelerators {
            let pes = max(1, peBudget * peShares[i] / peShares.reduce(0, +))
            let bandwidth = max(1, bandwidthBudget * bwShares[i] / bwShares.reduce(0, +))
            let hardware = HardwareConfig(peCount: pes, l1SizeBytes: 1024, l2SizeBytes: 4 << 20, nocBandwidth: bandwidth,
                                          offchipBandwidth: max(1, bandwidth / 4))
            let template = DataflowTemplate(rawValue: design.choice("template_\(i)") ?? "kcp_ws") ?? .weightStationary
            let assigned = networks.filter { design.choice("assign_\(DataflowWorkloads.nameOf($0))") == String(i) }
            var subLatency = 0, subEnergy = 0.0
            for network in assigned {
                let cluster = min(template.defaultClusterSize, pes)
                switch NetworkCost.evaluate(network, hardware: hardware, dataflow: { template.directives(for: $0, clusterSize: cluster) }) {
                case .failure(let reason): return .infeasible("sub-accelerator \(i) (\(template.rawValue), \(pes) PEs), network \(network.name): \(reason)")
                case .success(let cost):
                    subLatency += cost.runtimeCycles
                    subEnergy += cost.energyNanojoules
                }
            }
            let cost = HardwareCost(peCount: pes, simdLanes: 1, nocBandwidth: bandwidth, l1Bytes: hardware.l1SizeBytes, l2Bytes: hardware.l2SizeBytes)
            let used = !assigned.isEmpty
            values["sub\(i)_latency_cycles"] = Double(subLatency)
            values["sub\(i)_energy_nJ"] = subEnergy
            values["sub\(i)_area_um2"] = used ? cost.areaSquareMicrometres : 0
            values["sub\(i)_power_mW"] = used ? cost.powerMilliwatts : 0
            values["sub\(i)_pes"] = Double(pes)
            values["sub\(i)_noc_bw"] = Double(bandwidth)
            latency = max(latency, subLatency)
            energy += subEnergy
            if used { area += cost.areaSquareMicrometres; power += cost.powerMilliwatts }
        }
        values["latency_cycles"] = Double(latency)
        values["energy_nJ"] = energy
        values["area_um2"] = area
        values["power_mW"] = power
        return SimulatorReport(metrics: values)
    }
}

extension DataflowWorkloads {
    /// The workload name a loaded network came from.
    static func nameOf(_ network: Network) -> String {
        let byNetwork = ["ResNet18": "resnet18", "ResNet50": "resnet50", "MobileNetV2": "mobilenet_v2",
                         "TransformerBlock": "transformer_block", "CIFAR10ResNet": "cifar10_resnet",
                         "STL10CNN": "stl10_cnn", "KWSDSCNN": "kws_dscnn"]
        return byNetwork[network.name] ?? network.name
    }
}
