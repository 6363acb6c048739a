import DRAMSim
import Foundation
import GymCore

/// ArchGym's DRAM environment: tune a DRAMSys-style memory controller (page policy, scheduler,
/// buffers, refresh, arbiter) for a memory trace, simulated by ``DRAMSimulator``.
///
/// The space is ArchGym's action space (442,368 designs; see ``space(for:)``); the default design is ArchGym's
/// `policy.json`. Workloads are ArchGym's four traces (`stream`, `random`, `cloud-1`, `cloud-2`),
/// three more reference traces and four generated ones (`synthetic-stream`, ...: 10,000 requests,
/// seed 1), played at 800 MHz as ArchGym does. Options: `memspec` (`ddr3` = ArchGym's DDR3-1600,
/// `ddr4`, `lpddr4`; LPDDR4 has timing but no energy, as in DRAMSys 4.0, and its space offers
/// `RefreshPolicy=PerBank` too), `power_down`.
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
    /// Memory spec option → (memspec file, address-mapping file).
    public static let memorySpecs: [String: (String, String)] = [
        "ddr3": ("MICRON_1Gb_DDR3-1600_8bit_G.json", "am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json"),
        "ddr4": ("JEDEC_4Gb_DDR4-2400_8bit_A.json", "am_ddr4_8x4Gbx8_dimm_p1KB_brc.json"),
        "lpddr4": ("JEDEC_8Gb_LPDDR4-3200_16bit.json", "am_lpddr4_8Gbx16_brc.json"),
    ]

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

    /// - Parameter traceRequests: use only the first N requests of the trace (quick experiments); `nil`: all.
    public init(workload: String = "random", memspec: String = "ddr3", powerDown: String = "NoPowerDown", playerClockMegahertz: Double = 800,
                traceRequests: Int? = nil) throws {
        guard let files = Self.memorySpecs[memspec] else {
            throw EnvironmentError.invalidOption(environment: "dram", option: "memspec", value: memspec, allowed: Self.memorySpecs.keys.sorted().joined(separator: ", "))
        }
        guard let powerDownPolicy = ControllerConfig.PowerDownPolicy(rawValue: powerDown) else {
            throw EnvironmentError.invalidOption(environment: "dram", option: "power_down", value: powerDown,
                                                 allowed: ControllerConfig.PowerDownPolicy.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard playerClockMegahertz > 0, playerClockMegahertz.isFinite else {
            throw EnvironmentError.invalidOption(environment: "dram", option: "player_mhz", value: String(playerClockMegahertz), allowed: "a positive number")
        }
        let directory = try EnvironmentData.require("dram", containing: "memspecs/\(files.0)", environment: "dram")
        do {
            spec = try MemorySpec.load(from: directory.appendingPathComponent("memspecs/\(files.0)"))
            mapping = try AddressMapping.load(from: directory.appendingPathComponent("amconfigs/\(files.1)"))
            if Self.referenceTraces.contains(workload) {
                trace = try Trace.load(from: directory.appendingPathComponent("traces/\(workload).stl"))
            } else if workload.hasPrefix("synthetic-"), let pattern = TraceGenerator.Pattern(rawValue: String(workload.dropFirst(10))) {
                trace = TraceGenerator(pattern: pattern, count: 10_000, seed: 1).trace()
            } else {
                throw EnvironmentError.unknownWorkload(environment: "dram", workload: workload, known: Self.workloads)
            }
            if let traceRequests {
                guard traceRequests >= 1 else {
                    throw EnvironmentError.invalidOption(environment: "dram", option: "trace_requests", value: String(traceRequests), allowed: "an integer >= 1")
                }
                trace.requests = Array(trace.requests.prefix(traceRequests))
            }
        } catch let error as DRAMInputError {
            throw EnvironmentError.invalidOption(environment: "dram", option: "data", value: error.description, allowed: "valid DRAMSys files")
        }
        self.prepared = DRAMSimulator(spec: spec, mapping: mapping, controller: ControllerConfig()).prepare(trace, playerClockMegahertz: playerClockMegahertz)
        self.workload = workload
        self.powerDown = powerDownPolicy
        self.playerClockMegahertz = playerClockMegahertz
        self.parameterSpace = Self.space(for: spec)
        self.objective = .optimize(metrics[0])
        self.objective = referenced(objective)  // reference: the default design's value (reward contract)
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
        options: ["memspec": "ddr3 (default, ArchGym's DDR3-1600), ddr4 or lpddr4",
                  "power_down": "NoPowerDown (default) or Staggered",
                  "player_mhz": "trace player clock in MHz (default 800, as ArchGym)",
                  "trace_requests": "use only the first N requests of the trace (default: all 10,000)"],
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
            let clock = options["player_mhz"].map { Double($0) ?? .nan } ?? 800
            var requests: Int?
            if let text = options["trace_requests"] {
                guard let count = Int(text) else {
                    throw EnvironmentError.invalidOption(environment: "dram", option: "trace_requests", value: text, allowed: "an integer >= 1")
                }
                requests = count
            }
            return try DRAMControllerEnvironment(workload: workload, memspec: options["memspec"] ?? "ddr3",
                                                 powerDown: options["power_down"] ?? "NoPowerDown", playerClockMegahertz: clock,
                                                 traceRequests: requests)
        })
}
