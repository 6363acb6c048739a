import DRAMSim
import Foundation
import GymCore

/// ArchGym's DRAM environment: tune a DRAMSys-style memory controller (page policy, scheduler,
/// buffers, refresh, arbiter) for a memory trace, simulated by ``DRAMSimulator``.
///
/// The space is ArchGym's action space (442,368 designs; see ``space(for:)``); the default design is ArchGym's
/// `policy.json`. Workloads are ArchGym's four traces (`stream`, `random`, `cloud-1`, `cloud-2`),
/// three more reference traces and four generated ones (`synthetic-stream`, ...: 10,000 requests,
/// seed 1), played at 800 MHz as ArchGym does. Options (see ``EnvironmentEntry/dram``): `memspec`,
/// `addrmap`, `mcconfig` by name (files of `envs/dram/`) or by path (DRAMSys's JSON), `simulation`
/// (DRAMSys's simulation JSON naming them all and the trace), `trace` (an `.stl` path), `player_mhz`,
/// `power_down`, `trace_requests`. An mcconfig sets the space's defaults (the design a partial
/// design is filled from). LPDDR4's space offers `RefreshPolicy=PerBank` too.
///
/// Metrics: `total_time_ns` (ArchGym's "latency": time to drain the trace), `energy_pJ`,
/// `avg_power_mW`, `edp_pJs` (energy × time, pJ·s), bandwidth, read-latency percentiles, row-hit rate.
/// Note: average power alone rewards throttled designs (a slow controller draws less power but uses
/// more energy), which the reference DRAMSys runs show; prefer energy or EDP objectives.
///
/// ```swift
/// let environment = try DRAMControllerEnvironment(workload: "cloud-1")
/// let evaluation = try environment.step(try environment.parameterSpace.validate(["PagePolicy": "Closed"], fillingDefaults: true))
/// ```
public struct DRAMControllerEnvironment: Environment {
    public let name = "dram"
    public let workload: String
    public let parameterSpace: ParameterSpace
    public let metrics: [MetricDescriptor] = [
        MetricDescriptor("total_time_ns", unit: "ns", direction: .minimize, "time to drain the trace (ArchGym's latency)"),
        MetricDescriptor("energy_pJ", unit: "pJ", direction: .minimize, "DRAMPower-style DRAM energy"),
        MetricDescriptor("avg_power_mW", unit: "mW", direction: .minimize, "energy / time"),
        MetricDescriptor("edp_pJs", unit: "pJ·s", direction: .minimize, "energy-delay product"),
        MetricDescriptor("avg_bandwidth_GBps", unit: "GB/s", direction: .maximize, "data moved per second"),
        MetricDescriptor("bandwidth_pct", unit: "%", direction: .maximize, "bandwidth as % of the channel's peak"),
        MetricDescriptor("avg_read_latency_ns", unit: "ns", direction: .minimize, "mean read latency"),
        MetricDescriptor("p50_read_latency_ns", unit: "ns", direction: .minimize, "median read latency"),
        MetricDescriptor("p99_read_latency_ns", unit: "ns", direction: .minimize, "99th-percentile read latency"),
        MetricDescriptor("row_hit_pct", unit: "%", direction: .maximize, "requests served from an open row"),
    ]
    public var objective: Objective
    public let spec: MemorySpec
    public let mapping: AddressMapping
    public private(set) var trace: Trace
    /// The trace decoded once for this spec and mapping, shared by every step.
    private var prepared: PreparedTrace
    public let powerDown: ControllerConfig.PowerDownPolicy
    /// Trace player clock, MHz (ArchGym: 800).
    public let playerClockMegahertz: Double

    public static let referenceTraces = ["random", "stream", "cloud-1", "cloud-2", "stream_read", "random_read", "mixed_rw"]
    public static let workloads = referenceTraces + TraceGenerator.Pattern.allCases.map { "synthetic-\($0.rawValue)" }
    /// What the options resolved to (names or paths), for `describe`.
    let sources: [String: String]

    /// ArchGym's action space (DDR3: `RefreshPolicy` NoRefresh or AllBank); defaults are its `policy.json`.
    public static let space: ParameterSpace = space(refreshPolicies: [.noRefresh, .allBank])

    /// The action space for a memory spec: ArchGym's, with `RefreshPolicy` also offering `PerBank`
    /// when the spec has per-bank refresh (LPDDR4: 663,552 designs).
    public static func space(for spec: MemorySpec) -> ParameterSpace {
        space(refreshPolicies: ControllerConfig.refreshPolicies(for: spec))
    }

    static func space(refreshPolicies: [ControllerConfig.RefreshPolicy]) -> ParameterSpace {
        let powers = { (count: Int) in (0..<count).map { pow(2, Double($0)) } }
        func choices<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> Parameter.Kind where T.RawValue == String {
            .categorical(T.allCases.map(\.rawValue))
        }
        return ParameterSpace([
            Parameter("PagePolicy", choices(ControllerConfig.PagePolicy.self), "when rows are closed"),
            Parameter("Scheduler", choices(ControllerConfig.Scheduler.self), "which queued request goes next"),
            Parameter("SchedulerBuffer", choices(ControllerConfig.SchedulerBuffer.self), "how the request buffer is counted"),
            Parameter("RequestBufferSize", .ordinal(powers(8)), "scheduler buffer entries"),
            Parameter("RespQueue", choices(ControllerConfig.ResponseQueue.self), "response order"),
            Parameter("RefreshPolicy", .categorical(refreshPolicies.map(\.rawValue)), "refresh"),
            Parameter("RefreshMaxPostponed", .ordinal(powers(4)), "refreshes that may be postponed"),
            Parameter("RefreshMaxPulledin", .ordinal(powers(4)), "refreshes that may be pulled in"),
            Parameter("Arbiter", choices(ControllerConfig.Arbiter.self), "arbiter in front of the controller"),
            Parameter("MaxActiveTransactions", .ordinal(powers(8)), "outstanding transactions (Fifo/Reorder arbiters)"),
        ], defaults: ["PagePolicy": "Open", "Scheduler": "Fifo", "SchedulerBuffer": "Bankwise", "RequestBufferSize": 1,
                      "RespQueue": "Fifo", "RefreshPolicy": "NoRefresh", "RefreshMaxPostponed": 1, "RefreshMaxPulledin": 1,
                      "Arbiter": "Simple", "MaxActiveTransactions": 1])
    }

    /// - Parameters:
    ///   - memspec: `ddr3` (default), `ddr4`, `lpddr4`, a memspec of `envs/dram/memspecs` by name, or a path.
    ///   - addressMapping: a mapping of `envs/dram/amconfigs` by name, or a path; default: the spec's.
    ///   - mcconfig: a controller configuration of `envs/dram/mcconfigs` by name, or a path: the space's defaults.
    ///   - simulation: DRAMSys's simulation JSON (memspec, mapping, mcconfig, trace, player clock);
    ///     the other options override what it names.
    ///   - trace: an `.stl` trace path instead of `workload`.
    ///   - powerDown: `NoPowerDown` or `Staggered`; default: the mcconfig's, else `NoPowerDown`.
    ///   - playerClockMegahertz: trace player clock, 1...100000 MHz; default: the simulation's, else 800.
    ///   - traceRequests: use only the first N requests of the trace (quick experiments); `nil`: all.
    public init(workload: String = "random", memspec: String? = nil, addressMapping: String? = nil, mcconfig: String? = nil,
                simulation: String? = nil, trace tracePath: String? = nil, powerDown: String? = nil, playerClockMegahertz: Double? = nil,
                traceRequests: Int? = nil) throws {
        let setup = try DRAMSetup(workload: workload, memspec: memspec, addressMapping: addressMapping, mcconfig: mcconfig, simulation: simulation,
                                  trace: tracePath, playerClockMegahertz: playerClockMegahertz, traceRequests: traceRequests)
        let powerDownName = powerDown ?? setup.controllerKnobs["PowerDownPolicy"] ?? "NoPowerDown"
        guard let powerDownPolicy = ControllerConfig.PowerDownPolicy(rawValue: powerDownName) else {
            throw EnvironmentError.invalidOption(environment: "dram", option: "power_down", value: powerDownName,
                                                 allowed: ControllerConfig.PowerDownPolicy.allCases.map(\.rawValue).joined(separator: ", "))
        }
        spec = setup.spec
        mapping = setup.mapping
        trace = setup.trace
        self.prepared = DRAMSimulator(spec: spec, mapping: mapping, controller: ControllerConfig()).prepare(trace, playerClockMegahertz: setup.playerClockMegahertz)
        self.workload = tracePath != nil || simulation != nil ? trace.name : workload
        self.powerDown = powerDownPolicy
        self.playerClockMegahertz = setup.playerClockMegahertz
        self.parameterSpace = try Self.space(for: setup.spec, defaults: setup.controllerKnobs, source: setup.controllerSource)
        self.sources = ["memspec": setup.specSource, "addrmap": setup.mappingSource, "mcconfig": setup.controllerSource, "trace": trace.name]
        self.objective = .optimize(metrics[0])
        self.objective = referenced(objective)  // reference: the default design's value (reward contract)
    }

    /// The space for `spec` with ArchGym's defaults overridden by an mcconfig's knobs (DRAMSys's names,
    /// values as text); a knob value outside the space is an error naming the mcconfig and the allowed values.
    static func space(for spec: MemorySpec, defaults knobs: [String: String], source: String) throws -> ParameterSpace {
        let base = space(for: spec)
        guard !knobs.isEmpty, var defaults = base.defaults else { return base }
        for (knob, text) in knobs.sorted(by: { $0.key < $1.key }) {
            guard let parameter = try? base.parameter(named: knob) else { continue }
            let value: ParameterValue = Double(text).map { .number($0) } ?? .choice(text)
            do { defaults[knob] = try parameter.validate(value) } catch {
                throw EnvironmentError.invalidOption(environment: "dram", option: "mcconfig", value: "\(source): \(knob) = \(text)",
                                                     allowed: "\(parameter.allowedValues) (the dram space)")
            }
        }
        return ParameterSpace(base.parameters, defaults: defaults)
    }

    /// The controller configuration a design denotes.
    public func controller(for design: Design) throws -> ControllerConfig {
        var controller = ControllerConfig()
        controller.powerDownPolicy = powerDown
        for name in ControllerConfig.knobNames where name != "PowerDownPolicy" {
            guard let value = design[name] else { continue }
            try controller.set(name, to: value.description)
        }
        try controller.validate(for: spec)
        return controller
    }

    public func measure(_ design: Design) throws -> SimulatorReport {
        let result = DRAMSimulator(spec: spec, mapping: mapping, controller: try controller(for: design)).run(prepared)
        let requests = Double(max(result.reads + result.writes, 1))
        var metrics: [String: Double] = [
            "total_time_ns": result.totalTimeNanoseconds,
            "avg_bandwidth_GBps": result.averageBandwidthGBps,
            "bandwidth_pct": result.bandwidthPercentOfPeak,
            "avg_read_latency_ns": result.averageReadLatencyNanoseconds,
            "p50_read_latency_ns": result.p50ReadLatencyNanoseconds,
            "p99_read_latency_ns": result.p99ReadLatencyNanoseconds,
            "row_hit_pct": 100 * Double(result.rowHits) / requests,
        ]
        if let energy = result.energy, let power = result.averagePowerMilliwatts {
            metrics["energy_pJ"] = energy.totalPicojoules
            metrics["avg_power_mW"] = power
            metrics["edp_pJs"] = energy.totalPicojoules * result.totalTimeNanoseconds * 1e-9
        }
        return SimulatorReport(metrics: metrics)
    }
}

extension EnvironmentEntry {
    /// ArchGym's DRAM controller environment (see ``DRAMControllerEnvironment``).
    public static let dram = EnvironmentEntry(
        name: "dram",
        summary: "DRAMSys-style memory controller (ArchGym's DRAM knobs) on a memory trace",
        workloads: DRAMControllerEnvironment.workloads,
        options: [
            "memspec": "ddr3 (default, ArchGym's DDR3-1600), ddr4, lpddr4, a memspec of envs/dram/memspecs by name ("
                + DRAMSetup.names(in: "memspecs").joined(separator: ", ") + ") or a path to a DRAMSys memspec JSON",
            "addrmap": "address mapping of envs/dram/amconfigs by name (" + DRAMSetup.names(in: "amconfigs").joined(separator: ", ")
                + ") or a path to a DRAMSys address-mapping JSON (default: the memspec's)",
            "mcconfig": "controller configuration of envs/dram/mcconfigs by name (" + DRAMSetup.names(in: "mcconfigs").joined(separator: ", ")
                + ") or a path to a DRAMSys mcconfig JSON: the space's defaults (default: ArchGym's policy)",
            "simulation": "path to a DRAMSys simulation JSON (memspec, addressmapping, mcconfig, tracesetup); other options override it",
            "trace": "path to a DRAMSys .stl trace, instead of the workload",
            "power_down": "NoPowerDown (default) or Staggered",
            "player_mhz": "trace player clock in MHz, 1...100000 (default 800, as ArchGym)",
            "trace_requests": "use only the first N requests of the trace (default: all 10,000)",
        ],
        objectivePresets: [
            "min-time": Objective(goal: .weightedSum([.init(metric: "total_time_ns", direction: .minimize)])),
            "min-energy": Objective(goal: .weightedSum([.init(metric: "energy_pJ", direction: .minimize)])),
            "min-edp": Objective(goal: .weightedSum([.init(metric: "edp_pJs", direction: .minimize)])),
            "min-power": Objective(goal: .weightedSum([.init(metric: "avg_power_mW", direction: .minimize)])),
            // ArchGym's DRAMSys targets (configs/sims/DRAMSys_config.py): 1 mW and 0.1 ns, unreachable on purpose.
            "archgym-power": Objective(goal: .targets([.init(metric: "avg_power_mW", value: 1, direction: .minimize)])),
            "archgym-latency": Objective(goal: .targets([.init(metric: "total_time_ns", value: 0.1, direction: .minimize)])),
            "archgym-both": Objective(goal: .targets([.init(metric: "avg_power_mW", value: 1, direction: .minimize),
                                                      .init(metric: "total_time_ns", value: 0.1, direction: .minimize)])),
        ],
        factory: { workload, options in
            var clock: Double?
            if let text = options["player_mhz"] {
                guard let value = Double(text) else {
                    throw EnvironmentError.invalidOption(environment: "dram", option: "player_mhz", value: text, allowed: "a clock in 1...100000 MHz")
                }
                clock = value
            }
            var requests: Int?
            if let text = options["trace_requests"] {
                guard let count = Int(text) else {
                    throw EnvironmentError.invalidOption(environment: "dram", option: "trace_requests", value: text, allowed: "an integer >= 1")
                }
                requests = count
            }
            return try DRAMControllerEnvironment(workload: workload, memspec: options["memspec"], addressMapping: options["addrmap"],
                                                 mcconfig: options["mcconfig"], simulation: options["simulation"], trace: options["trace"],
                                                 powerDown: options["power_down"], playerClockMegahertz: clock, traceRequests: requests)
        })
}

extension DRAMControllerEnvironment: DescribesDetails {
    /// The memspec, mapping, mcconfig and trace in use (names or paths), the spec's organisation and
    /// the named choices of each file option.
    public var details: JSONValue {
        .object([
            "in_use": .object(sources.mapValues(JSONValue.string)),
            "spec": .object(["id": .string(spec.identifier), "standard": .string(spec.standard.rawValue), "clock_MHz": .number(spec.clockMegahertz),
                             "ranks": .number(Double(spec.ranks)), "banks": .number(Double(spec.banks)), "bank_groups": .number(Double(spec.bankGroups)),
                             "supply_rails": .number(Double(spec.power?.rails.count ?? 0))]),
            "player_MHz": .number(playerClockMegahertz),
            "named_choices": .object([
                "memspec": .array((DRAMSetup.presets.keys.sorted() + DRAMSetup.names(in: "memspecs")).map(JSONValue.string)),
                "addrmap": .array(DRAMSetup.names(in: "amconfigs").map(JSONValue.string)),
                "mcconfig": .array(DRAMSetup.names(in: "mcconfigs").map(JSONValue.string)),
            ]),
        ])
    }
}
