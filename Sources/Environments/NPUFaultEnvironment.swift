import FaultSim
import Foundation
import GymCore

/// Protection of an Ethos-U55-like NPU against soft errors: one protection option per state block.
///
/// At construction the environment loads the per-block AVF table cached in `envs/npu-fault/` (found
/// like every environment's data: `$DSEGYM_ENVS`, `./envs`, or the checkout) for
/// (configuration, workload, seed, injections) or, when absent, runs the campaign (FaultSim) in memory; each step only evaluates the ISO 26262
/// metrics for the chosen protection, so steps are cheap. Metrics: `spfm_pct`, `lfm_pct` (%),
/// `pmhf_fit` (FIT), `area_overhead_pct` (% of unprotected NPU area; lock-step = 100 %),
/// `asil_met` (0 none, 2 B, 3 C, 4 D), `residual_fit_<block>` (FIT).
///
/// ```swift
/// let environment = try NPUFaultEnvironment(workload: "conv", configuration: .u55_32)
/// let evaluation = try environment.step(environment.parameterSpace.defaults!)
/// ```
public struct NPUFaultEnvironment: Environment {
    public let name = "npu-fault"
    public let workload: String
    public let parameterSpace: ParameterSpace
    public let metrics: [MetricDescriptor]
    public var objective: Objective
    /// The campaign's per-block AVF and the fault profiles built from it.
    public let avf: [BlockAVF]
    public let profiles: [BlockFaultProfile]
    public let configuration: NPUConfiguration

    public init(workload: String = "conv", configuration: NPUConfiguration = .u55_32,
                injectionsPerBlock: Int = 4000, seed: UInt64 = 1,
                avfDirectory: URL? = EnvironmentData.directory("npu-fault", containing: "u55-32_conv_s1_n4000.json")) throws {
        guard NPUWorkload.names.contains(workload) else {
            throw EnvironmentError.unknownWorkload(environment: "npu-fault", workload: workload, known: NPUWorkload.names)
        }
        let model = try NPUModel(configuration: configuration, layer: NPUWorkload.layer(named: workload, seed: seed))
        if let directory = avfDirectory, let cached = AVFTable.load(from: directory, configuration: configuration.name,
                                                                     workload: workload, seed: seed, injectionsPerBlock: injectionsPerBlock),
           cached.blocks.map(\.block) == StateBlock.allCases {
            avf = cached.blocks
        } else {
            avf = InjectionCampaign(model: model, injectionsPerBlock: injectionsPerBlock, seed: seed).run()
        }
        profiles = BlockFaultProfile.profiles(model: model, avf: avf)
        self.workload = workload
        self.configuration = configuration
        parameterSpace = ParameterSpace(StateBlock.allCases.map { block in
            Parameter(block.rawValue, .categorical(Protection.options(for: block).map(\.rawValue)), "protection of \(block.rawValue)")
        }, defaults: Design(Dictionary(uniqueKeysWithValues: StateBlock.allCases.map { ($0.rawValue, ParameterValue.choice("none")) })))
        metrics = [
            MetricDescriptor("area_overhead_pct", unit: "%", direction: .minimize, "added area vs the unprotected NPU (lock-step = 100)"),
            MetricDescriptor("spfm_pct", unit: "%", direction: .maximize, "single-point fault metric"),
            MetricDescriptor("lfm_pct", unit: "%", direction: .maximize, "latent fault metric"),
            MetricDescriptor("pmhf_fit", unit: "FIT", direction: .minimize, "probabilistic metric for random hardware failures"),
            MetricDescriptor("asil_met", unit: "level", direction: .maximize, "highest ASIL met: 0 none, 2 B, 3 C, 4 D"),
        ] + StateBlock.allCases.map {
            MetricDescriptor("residual_fit_\($0.rawValue)", unit: "FIT", direction: .minimize, "residual + latent rate of \($0.rawValue)")
        }
        objective = Self.asilObjective(.d)
    }

    /// Minimize area subject to the ASIL's SPFM, LFM and PMHF targets. The area term's reference is
    /// 100 % (lock-step's overhead), since the default design (nothing protected) adds no area.
    public static func asilObjective(_ asil: SafetyMetrics.ASIL) -> Objective {
        let t = asil.targets
        return Objective(goal: .weightedSum([.init(metric: "area_overhead_pct", direction: .minimize, reference: 100)]),
                         constraints: [.init(metric: "spfm_pct", comparison: .atLeast, bound: t.spfm),
                                       .init(metric: "lfm_pct", comparison: .atLeast, bound: t.lfm),
                                       .init(metric: "pmhf_fit", comparison: .atMost, bound: t.pmhf.nextDown)])
    }

    public func measure(_ design: Design) throws -> SimulatorReport {
        var protection: [StateBlock: Protection] = [:]
        for block in StateBlock.allCases {
            protection[block] = design.choice(block.rawValue).flatMap(Protection.init(rawValue:)) ?? Protection.none
        }
        let m = SafetyMetrics(profiles: profiles, protection: protection)
        let asil: Double = m.meets(.d) ? 4 : m.meets(.c) ? 3 : m.meets(.b) ? 2 : 0
        var values: [String: Double] = ["spfm_pct": m.spfmPercent, "lfm_pct": m.lfmPercent, "pmhf_fit": m.pmhfFIT,
                                        "area_overhead_pct": m.areaOverheadPercent, "asil_met": asil]
        for (block, fit) in m.residualFIT { values["residual_fit_\(block.rawValue)"] = fit }
        return SimulatorReport(metrics: values)
    }
}

extension EnvironmentEntry {
    /// The NPU soft-error protection environment (see ``NPUFaultEnvironment``).
    public static let npuFault = EnvironmentEntry(
        name: "npu-fault",
        summary: "Per-block soft-error protection of an Ethos-U55-like NPU: ISO 26262 SPFM/LFM/PMHF vs area",
        workloads: NPUWorkload.names,
        options: ["config": "NPU configuration: u55-32 (default), u55-64, u55-128, u55-256",
                  "injections": "fault injections per block, 1...100000 (default 4000)",
                  "seed": "seed of the layer data and the injection campaign (default 1)"],
        objectivePresets: [
            "asil-d-min-area": NPUFaultEnvironment.asilObjective(.d),
            "asil-c-min-area": NPUFaultEnvironment.asilObjective(.c),
            "asil-b-min-area": NPUFaultEnvironment.asilObjective(.b),
        ],
        factory: { workload, options in
            let configName = options["config"] ?? "u55-32"
            guard let configuration = NPUConfiguration.all.first(where: { $0.name == configName }) else {
                throw EnvironmentError.invalidOption(environment: "npu-fault", option: "config", value: configName,
                                                     allowed: NPUConfiguration.all.map(\.name).joined(separator: ", "))
            }
            // A step runs `injections` simulated faults per block: the bound keeps one step to seconds.
            let injections = try OptionValues(environment: "npu-fault", options: options).integer("injections", 4000, 1...100_000)
            guard let seed = UInt64(options["seed"] ?? "1") else {
                throw EnvironmentError.invalidOption(environment: "npu-fault", option: "seed", value: options["seed"] ?? "", allowed: "an integer >= 0")
            }
            return try NPUFaultEnvironment(workload: workload, configuration: configuration, injectionsPerBlock: injections, seed: seed)
        })
}
