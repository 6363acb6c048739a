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
    public enum RefreshPolicy: String, Sendable, Hashable, Codable, CaseIterable { case noRefresh = "NoRefresh", allBank = "AllBank" }
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
    /// Refreshes that may be postponed while requests are pending.
    public var refreshMaxPostponed: Int = 1
    /// Refreshes that may be issued early while the controller is idle.
    public var refreshMaxPulledIn: Int = 1
    public var powerDownPolicy: PowerDownPolicy = .noPowerDown
    public var arbiter: Arbiter = .simple
    /// Outstanding transactions allowed by the `fifo` and `reorder` arbiters.
    public var maxActiveTransactions: Int = 1

    public init() {}
}
