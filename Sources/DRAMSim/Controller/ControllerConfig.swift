/// The memory controller's knobs, with DRAMSys's names and meanings (its `mcconfig` JSON).
/// Defaults are ArchGym's `policy.json`.
///
/// ```swift
/// var controller = ControllerConfig()
/// controller.pagePolicy = .closedAdaptive
/// controller.requestBufferSize = 16
/// ```
public struct ControllerConfig: Sendable, Hashable, Codable {
    /// When a row is closed after an access. `open` never auto-precharges; `closed` always does;
    /// `openAdaptive` does only if more requests to the bank are queued and all miss the row;
    /// `closedAdaptive` does unless a queued request to the bank hits the row.
    public enum PagePolicy: String, Sendable, Hashable, Codable, CaseIterable { case open = "Open", openAdaptive = "OpenAdaptive", closed = "Closed", closedAdaptive = "ClosedAdaptive" }
    /// Which queued request of a bank goes next: oldest (`fifo`), row hits first (`frFcfs`), row hits of
    /// the same direction as the last access first (`frFcfsGrp`, fewer read/write turnarounds).
    public enum Scheduler: String, Sendable, Hashable, Codable, CaseIterable { case fifo = "Fifo", frFcfs = "FrFcfs", frFcfsGrp = "FrFcfsGrp" }
    /// How `requestBufferSize` counts: per bank, per direction, or one shared buffer.
    public enum SchedulerBuffer: String, Sendable, Hashable, Codable, CaseIterable { case bankwise = "Bankwise", readWrite = "ReadWrite", shared = "Shared" }
    /// Responses in completion order (`fifo`) or in request order (`reorder`).
    public enum ResponseQueue: String, Sendable, Hashable, Codable, CaseIterable { case fifo = "Fifo", reorder = "Reorder" }
    /// `allBank`: a REFab every tREFI closes and blocks every bank for tRFCab. `perBank` (specs with
    /// per-bank refresh, e.g. LPDDR4): a REFpb every tREFIpb to one bank at a time, round-robin
    /// (preferring banks with no queued request, as DRAMSys does), blocking only that bank for tRFCpb.
    public enum RefreshPolicy: String, Sendable, Hashable, Codable, CaseIterable { case noRefresh = "NoRefresh", allBank = "AllBank", perBank = "PerBank" }
    public enum PowerDownPolicy: String, Sendable, Hashable, Codable, CaseIterable { case noPowerDown = "NoPowerDown", staggered = "Staggered" }
    /// `simple` passes requests through; `fifo` also caps outstanding transactions at
    /// `maxActiveTransactions`; `reorder` is `fifo` plus in-order responses.
    public enum Arbiter: String, Sendable, Hashable, Codable, CaseIterable { case simple = "Simple", fifo = "Fifo", reorder = "Reorder" }

    public var pagePolicy: PagePolicy = .open
    public var scheduler: Scheduler = .fifo
    public var schedulerBuffer: SchedulerBuffer = .bankwise
    /// Requests the scheduler buffer holds (per bank, per direction or in all, see `schedulerBuffer`).
    public var requestBufferSize: Int = 1
    public var responseQueue: ResponseQueue = .fifo
    public var refreshPolicy: RefreshPolicy = .noRefresh
    /// Refreshes that may be postponed while requests are pending (with `perBank`, in tREFI units:
    /// up to this many × banks REFpb commands, as DRAMSys counts them).
    public var refreshMaxPostponed: Int = 1
    /// Refreshes that may be issued early while the controller is idle (with `perBank`, in tREFI units:
    /// up to this many × banks REFpb commands to banks with no queued request).
    public var refreshMaxPulledIn: Int = 1
    public var powerDownPolicy: PowerDownPolicy = .noPowerDown
    public var arbiter: Arbiter = .simple
    /// Outstanding transactions allowed by the `fifo` and `reorder` arbiters.
    public var maxActiveTransactions: Int = 1

    public init() {}

    /// The refresh policies `spec` supports: `perBank` only where the standard has per-bank refresh.
    public static func refreshPolicies(for spec: MemorySpec) -> [RefreshPolicy] {
        RefreshPolicy.allCases.filter { $0 != .perBank || spec.hasPerBankRefresh }
    }

    /// Throws if this configuration asks for something `spec` does not have (per-bank refresh on a
    /// standard without it), naming the spec and the allowed choices.
    public func validate(for spec: MemorySpec) throws {
        let allowed = Self.refreshPolicies(for: spec)
        guard allowed.contains(refreshPolicy) else {
            throw DRAMInputError(file: "controller", "RefreshPolicy = '\(refreshPolicy.rawValue)' needs per-bank refresh timings (tRFCpb, tREFIpb), "
                + "which \(spec.identifier) (\(spec.standard.rawValue)) does not have; allowed: \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
    }
}
