/// What a DRAM simulation reports for one trace.
public struct DRAMSimulationResult: Sendable, Hashable {
    /// Time to drain the trace: the last response, in ns.
    public var totalTimeNanoseconds: Double
    public var reads: Int
    public var writes: Int
    /// Read latency from the request's issue by the trace player to its response, ns.
    public var averageReadLatencyNanoseconds: Double
    public var p50ReadLatencyNanoseconds: Double
    public var p99ReadLatencyNanoseconds: Double
    /// Data moved per second over the run, GB/s (10⁹ bytes/s), and as % of the channel's peak.
    public var averageBandwidthGBps: Double
    public var bandwidthPercentOfPeak: Double
    public var rowHits: Int
    public var rowMisses: Int
    public var rowConflicts: Int
    public var commands: CommandCounts
    /// DRAMPower-style energy in pJ (see ``PowerModel``), `nil` when the spec has no power model.
    public var energy: EnergyBreakdown?
    /// Energy / time, mW.
    public var averagePowerMilliwatts: Double? { energy.map { $0.totalPicojoules / totalTimeNanoseconds } }
}

/// DRAM commands issued (auto-precharges count as precharges).
public struct CommandCounts: Sendable, Hashable {
    public var activates = 0
    public var precharges = 0
    public var reads = 0
    public var writes = 0
    /// All-bank refreshes (REFab).
    public var refreshes = 0
    /// Per-bank refreshes (REFpb), each refreshing one bank for tRFCpb.
    public var perBankRefreshes = 0

    public init() {}
}
