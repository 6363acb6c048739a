import Foundation

/// A trace-driven, cycle-accurate-in-time model of one DRAM channel and its controller, after
/// DRAMSys: a trace player issues requests in order at their trace times (blocking while the
/// scheduler buffer is full or the arbiter's transaction cap is reached); the scheduler picks a request
/// per bank; the command multiplexer issues, one command per clock, the earliest legal command
/// (oldest request first on ties) under the JEDEC constraints (tRCD, tRP, tRAS, tRC, tRRD_S/L, tFAW,
/// tCCD_S/L, tWTR_S/L, read-to-write turnaround, tRTP, tWR, tRFC); the page policy decides
/// auto-precharges; all-bank refresh every tREFI, or per-bank refresh every tREFIpb on standards that
/// have it (LPDDR4), may be postponed or pulled in. Check a configuration against the spec with
/// ``ControllerConfig/validate(for:)`` first: running per-bank refresh on a spec without it traps.
///
/// It is event-driven: time jumps to the next moment a command can issue or a request can enter, so
/// cost grows with the number of requests, not with idle cycles.
///
/// ```swift
/// let result = DRAMSimulator(spec: spec, mapping: mapping, controller: ControllerConfig())
///     .run(trace, playerClockMegahertz: 800)
/// print(result.totalTimeNanoseconds)
/// ```
public struct DRAMSimulator: Sendable {
    public var spec: MemorySpec
    public var mapping: AddressMapping
    public var controller: ControllerConfig

    public init(spec: MemorySpec, mapping: AddressMapping, controller: ControllerConfig) {
        self.spec = spec
        self.mapping = mapping
        self.controller = controller
    }

    public func run(_ trace: Trace, playerClockMegahertz: Double = 800) -> DRAMSimulationResult {
        run(prepare(trace, playerClockMegahertz: playerClockMegahertz))
    }

    /// Runs a trace prepared by ``prepare(_:playerClockMegahertz:)`` with this simulator's spec and mapping.
    public func run(_ prepared: PreparedTrace) -> DRAMSimulationResult {
        precondition(prepared.spec == spec && prepared.mapping == mapping, "a prepared trace only fits the spec and mapping it was prepared for")
        var engine = Engine(controller: controller, prepared: prepared)
        return engine.run()
    }

    /// The result and each request's response time (memory cycles), for regression checks.
    func runReportingDeliveries(_ prepared: PreparedTrace) -> (DRAMSimulationResult, [Int]) {
        var engine = Engine(controller: controller, prepared: prepared)
        engine.keepsDeliveries = true
        let result = engine.run()
        return (result, engine.deliveryCycles)
    }

    /// Decodes a trace's addresses and arrival cycles once, so many controller designs can be
    /// simulated on it without repeating that work.
    public func prepare(_ trace: Trace, playerClockMegahertz: Double = 800) -> PreparedTrace {
        PreparedTrace(spec: spec, mapping: mapping, trace: trace, playerClockMegahertz: playerClockMegahertz)
    }
}

/// A trace decoded for one memory spec and address mapping: each request's arrival (memory cycles),
/// bank, bank group and row. Build it with ``DRAMSimulator/prepare(_:playerClockMegahertz:)``.
public struct PreparedTrace: Sendable {
    let spec: MemorySpec
    let mapping: AddressMapping
    let kinds: [MemoryRequest.Kind]
    /// Arrival of each request in memory-clock cycles (trace time rounded up to the next clock edge).
    let arrivals: [Int]
    let banks: [Int]
    let groups: [Int]
    let rows: [Int]

    init(spec: MemorySpec, mapping: AddressMapping, trace: Trace, playerClockMegahertz: Double) {
        self.spec = spec
        self.mapping = mapping
        let tCK = spec.clockPeriodNanoseconds
        let playerPeriod = 1000 / playerClockMegahertz
        kinds = trace.requests.map(\.kind)
        // Clamped so that no input traps here; `validate` reports a trace beyond the limit.
        arrivals = trace.requests.map { Int(min((Double($0.cycle) * playerPeriod / tCK - 1e-9).rounded(.up), Self.maximumArrival)) }
        var banks: [Int] = [], groups: [Int] = [], rows: [Int] = []
        banks.reserveCapacity(trace.requests.count)
        groups.reserveCapacity(trace.requests.count)
        rows.reserveCapacity(trace.requests.count)
        for request in trace.requests {
            let location = mapping.decode(request.address)
            let rank = min(location.rank, spec.ranks - 1)
            let group = min(location.bankGroup, spec.bankGroups - 1)
            let bank = (group * spec.banksPerGroup + location.bank % spec.banksPerGroup) % spec.banks
            banks.append(rank * spec.banks + bank)
            groups.append(rank * spec.bankGroups + group)
            rows.append(location.row)
        }
        self.banks = banks
        self.groups = groups
        self.rows = rows
    }

    /// Number of requests.
    public var count: Int { kinds.count }

    /// The latest arrival a run simulates, in memory-clock cycles: 2³⁶ (57 s of DDR4-2400 time), which
    /// bounds the refresh steps an idle stretch costs (one per tREFI, or tREFIpb under per-bank refresh).
    static let maximumArrival = Double(1 << 36)
    /// The trace player clock range, MHz.
    public static let playerClockRange: ClosedRange<Double> = 1...100_000

    /// Throws unless the player clock is in ``playerClockRange`` and the trace's last request arrives
    /// within 2³⁶ memory clocks, naming the trace and the allowed values.
    public static func validate(_ trace: Trace, spec: MemorySpec, playerClockMegahertz: Double) throws {
        guard playerClockMegahertz.isFinite, playerClockRange.contains(playerClockMegahertz) else {
            throw DRAMInputError(file: trace.name, "player clock \(playerClockMegahertz) MHz is invalid; allowed: \(Int(playerClockRange.lowerBound))...\(Int(playerClockRange.upperBound)) MHz")
        }
        guard let last = trace.requests.last?.cycle else { return }
        let arrival = Double(last) * (1000 / playerClockMegahertz) / spec.clockPeriodNanoseconds
        guard arrival <= maximumArrival else {
            throw DRAMInputError(file: trace.name, "the last request (player cycle \(last)) arrives \(arrival) memory clocks in; allowed: up to 2^36 memory clocks")
        }
    }
}
