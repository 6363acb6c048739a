import Foundation

/// A trace-driven, cycle-accurate-in-time model of one DRAM channel and its controller, after
/// DRAMSys: a trace player issues requests in order at their trace times (blocking while the
/// scheduler buffer is full or the arbiter's transaction cap is reached); the scheduler picks a request
/// per bank; the command multiplexer issues, one command per clock, the earliest legal command
/// (oldest request first on ties) under the JEDEC constraints (tRCD, tRP, tRAS, tRC, tRRD_S/L, tFAW,
/// tCCD_S/L, tWTR_S/L, read-to-write turnaround, tRTP, tWR, tRFC); the page policy decides
/// auto-precharges; all-bank refresh every tREFI may be postponed or pulled in.
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
        arrivals = trace.requests.map { Int((Double($0.cycle) * playerPeriod / tCK - 1e-9).rounded(.up)) }
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
}

/// The simulation state; times are in memory-clock cycles.
private struct Engine {
    struct Request {
        var index: Int
        var kind: MemoryRequest.Kind
        var bank: Int
        var group: Int
        var row: Int
        var arrival: Int
        var classified = false
    }

    struct Bank {
        var openRow: Int? = nil
        var lastActivate = Int.min / 4
        var nextActivate = 0
        var lastRead = Int.min / 4
        var lastWrite = Int.min / 4
        var openedAt = 0
    }

    let spec: MemorySpec
    let t: MemorySpec.Timing
    let controller: ControllerConfig
    let prepared: PreparedTrace
    let arrivals: [Int]
    let burst: Int

    var banks: [Bank]
    /// Queued requests per bank, oldest first (kept apart from `banks` so bank state stays plain data).
    var queues: [RequestQueue<Request>]
    /// The scheduler's pick per bank, kept until the bank's queue, open row or the last column
    /// direction changes (scanning a 128-entry buffer every step would dominate the run time).
    var choices: [Int?]
    var groupLastActivate: [Int], groupLastRead: [Int], groupLastWrite: [Int]
    var rankLastActivate = Int.min / 4, rankLastRead = Int.min / 4, rankLastWrite = Int.min / 4
    var fawWindow: [Int] = []
    var commandBusFree = 0
    var refreshBlockedUntil = 0
    var nextRefreshDue: Int
    var postponedRefreshes = 0
    var queuedReads = 0, queuedWrites = 0
    var outstanding: [Int] = []  // completion (delivery) times of admitted, unanswered requests
    var lastColumnKind: MemoryRequest.Kind = .read
    var lastAcceptedBank: Int?
    var lastAcceptedKind: MemoryRequest.Kind = .read

    var commands = CommandCounts()
    var rowHits = 0, rowMisses = 0, rowConflicts = 0
    var openIntervals: [(Int, Int)] = []
    var deliveries: [Int]
    var lastDelivery = 0
    var powerDownCycles = 0

    init(controller: ControllerConfig, prepared: PreparedTrace) {
        let spec = prepared.spec
        self.spec = spec
        self.t = spec.timing
        self.controller = controller
        self.arbiterCap = controller.arbiter == .simple ? Int.max : max(1, controller.maxActiveTransactions)
        self.prepared = prepared
        self.arrivals = prepared.arrivals
        self.burst = spec.burstCycles
        let bankCount = spec.ranks * spec.banks
        self.banks = Array(repeating: Bank(), count: bankCount)
        self.queues = Array(repeating: RequestQueue(), count: bankCount)
        self.choices = Array(repeating: nil, count: bankCount)
        let groups = spec.ranks * spec.bankGroups
        self.groupLastActivate = Array(repeating: Int.min / 4, count: groups)
        self.groupLastRead = groupLastActivate
        self.groupLastWrite = groupLastActivate
        self.nextRefreshDue = controller.refreshPolicy == .allBank ? spec.timing.refi : Int.max
        self.deliveries = Array(repeating: 0, count: prepared.count)
    }

    // MARK: Admission

    /// Whether the controller accepts another request. As in DRAMSys, it checks the buffer the
    /// *last accepted* request went to (its bank, or its direction), since it cannot see the next
    /// request before accepting it; so one full bank buffer blocks the whole request stream.
    // `mutating` only so the call borrows `self` in place: a non-mutating call from the hot loop
    // copies the whole engine first.
    mutating func bufferHasSpace() -> Bool {
        let size = max(1, controller.requestBufferSize)
        switch controller.schedulerBuffer {
        case .bankwise: return lastAcceptedBank.map { queues[$0].count < size } ?? true
        case .readWrite: return lastAcceptedKind == .write ? queuedWrites < size : queuedReads < size
        case .shared: return queuedReads + queuedWrites < size
        }
    }

    let arbiterCap: Int

    // MARK: Command timing

    enum Command { case activate, precharge, read, write }

    // `mutating` for the same reason as `bufferHasSpace()`.
    mutating func earliest(_ command: Command, bank b: Int, group g: Int, now: Int) -> Int {
        let bank = banks[b]
        var time = max(now, commandBusFree)
        switch command {
        case .activate:
            time = max(time, bank.nextActivate, bank.lastActivate + t.rc, rankLastActivate + t.rrdS, groupLastActivate[g] + t.rrdL, refreshBlockedUntil)
            if fawWindow.count >= 4 { time = max(time, fawWindow[fawWindow.count - 4] + t.faw) }
        case .precharge:
            time = max(time, bank.lastActivate + t.ras, bank.lastRead + t.rtp, bank.lastWrite + t.wl + burst + t.wr)
        case .read:
            time = max(time, bank.lastActivate + t.rcd, rankLastRead + max(t.ccdS, burst), groupLastRead[g] + t.ccdL,
                       rankLastWrite + t.wl + burst + t.wtrS, groupLastWrite[g] + t.wl + burst + t.wtrL)
        case .write:
            time = max(time, bank.lastActivate + t.rcd, rankLastWrite + max(t.ccdS, burst), groupLastWrite[g] + t.ccdL,
                       rankLastRead + t.rl + burst + 2 - t.wl)
        }
        return time
    }

    /// The request a bank serves next under the scheduler.
    // `mutating` for the same reason as `bufferHasSpace()`.
    mutating func chosen(inBank b: Int) -> Int {
        guard controller.scheduler != .fifo, let row = banks[b].openRow else { return 0 }
        if controller.scheduler == .frFcfsGrp,
           let same = queues[b].firstIndex(where: { $0.row == row && $0.kind == lastColumnKind }) { return same }
        return queues[b].firstIndex(where: { $0.row == row }) ?? 0
    }

    // MARK: Main loop

    mutating func run() -> DRAMSimulationResult {
        var now = 0
        var next = 0
        var completed = 0
        var idleSince: Int? = 0
        let total = prepared.count
        while completed < total {
            // Responses free arbiter slots (only a capping arbiter needs the bookkeeping).
            let capped = arbiterCap != Int.max
            if capped { outstanding.removeAll { $0 <= now } }
            // Admit requests in order while there is room.
            while next < total, arrivals[next] <= now, outstanding.count < arbiterCap {
                let bank = prepared.banks[next], group = prepared.groups[next], kind = prepared.kinds[next]
                guard bufferHasSpace() else { break }
                if let since = idleSince, controller.powerDownPolicy == .staggered {
                    // Idle since `since`: powered down after tCKE... wake-up costs tXP (≈ tCKE here).
                    let gap = now - since
                    if gap > 2 * t.rcd { powerDownCycles += gap - t.rcd; commandBusFree = max(commandBusFree, now + 3) }
                }
                idleSince = nil
                if controller.scheduler != .fifo { choices[bank] = nil }
                queues[bank].append(Request(index: next, kind: kind, bank: bank, group: group, row: prepared.rows[next], arrival: now))
                if kind == .read { queuedReads += 1 } else { queuedWrites += 1 }
                lastAcceptedBank = bank
                lastAcceptedKind = kind
                if capped { outstanding.append(Int.max) }  // replaced by its delivery time when served
                next += 1
            }
            let queued = queuedReads + queuedWrites
            // Refresh.
            if now >= nextRefreshDue {
                if queued == 0 || postponedRefreshes >= controller.refreshMaxPostponed {
                    var count = 1 + postponedRefreshes
                    postponedRefreshes = 0
                    if queued == 0 && next < total && arrivals[next] > now + t.rfc {
                        let pulled = min(controller.refreshMaxPulledIn, max(0, (arrivals[next] - now) / max(t.rfc, 1) - 1))
                        count += pulled
                        nextRefreshDue += pulled * t.refi
                    }
                    refresh(count: count, now: now)
                } else {
                    postponedRefreshes += 1
                }
                nextRefreshDue += t.refi
            } else if queued == 0 && postponedRefreshes > 0 {
                refresh(count: postponedRefreshes, now: now)
                postponedRefreshes = 0
            }

            // Candidate command per bank.
            var best: (time: Int, arrival: Int, bank: Int, slot: Int, command: Command)?
            for b in banks.indices where !queues[b].isEmpty {
                let slot: Int
                if let cached = choices[b] { slot = cached } else { slot = chosen(inBank: b); choices[b] = slot }
                let request = queues[b][slot]
                let command: Command
                if let open = banks[b].openRow {
                    command = open == request.row ? (request.kind == .read ? .read : .write) : .precharge
                } else {
                    command = .activate
                }
                let time = earliest(command, bank: b, group: request.group, now: now)
                if best == nil || time < best!.time || (time == best!.time && request.arrival < best!.arrival) {
                    best = (time, request.arrival, b, slot, command)
                }
            }
            // The next admission event, if a request is waiting for its time or for an arbiter slot.
            var nextAdmission = Int.max
            if next < total {
                if arrivals[next] > now { nextAdmission = arrivals[next] }
                else if outstanding.count >= arbiterCap, let soonest = outstanding.min() { nextAdmission = soonest }
            }
            guard let candidate = best else {
                // Nothing queued: jump to the next admission (or refresh).
                if idleSince == nil { idleSince = now }
                let target = min(nextAdmission, nextRefreshDue)
                if target == Int.max { break }
                now = max(now + 1, target)
                continue
            }
            if candidate.time > now {
                let event = min(nextAdmission, nextRefreshDue > now ? nextRefreshDue : Int.max)
                // Nothing can change the choice before the command's time: issue it right away.
                guard candidate.time < event else { now = event; continue }
                now = candidate.time
            }
            issue(candidate.command, bank: candidate.bank, slot: candidate.slot, at: now, completed: &completed)
        }
        for b in banks.indices where banks[b].openRow != nil { openIntervals.append((banks[b].openedAt, max(lastDelivery, banks[b].openedAt))) }
        return result()
    }

    mutating func issue(_ command: Command, bank b: Int, slot: Int, at now: Int, completed: inout Int) {
        commandBusFree = now + 1
        choices[b] = nil
        var request = queues[b][slot]
        if !request.classified {
            switch command {
            case .read, .write: rowHits += 1
            case .activate: rowMisses += 1
            case .precharge: rowConflicts += 1
            }
            request.classified = true
            queues[b][slot].classified = true
        }
        switch command {
        case .activate:
            banks[b].openRow = request.row
            banks[b].lastActivate = now
            banks[b].openedAt = now
            rankLastActivate = now
            groupLastActivate[request.group] = now
            fawWindow.append(now)
            if fawWindow.count > 4 { fawWindow.removeFirst() }
            commands.activates += 1
            commandBusFree = now + 1 + t.activateExtra
        case .precharge:
            close(bank: b, at: now)
        case .read, .write:
            let isRead = command == .read
            if isRead {
                banks[b].lastRead = now
                rankLastRead = now
                groupLastRead[request.group] = now
                commands.reads += 1
                queuedReads -= 1
            } else {
                banks[b].lastWrite = now
                rankLastWrite = now
                groupLastWrite[request.group] = now
                commands.writes += 1
                queuedWrites -= 1
            }
            if controller.scheduler == .frFcfsGrp && lastColumnKind != request.kind {
                for index in choices.indices { choices[index] = nil }
            }
            lastColumnKind = request.kind
            queues[b].remove(at: slot)
            let done = now + (isRead ? t.rl + t.readExtra : t.wl) + burst
            var delivery = done
            if controller.responseQueue == .reorder || controller.arbiter == .reorder {
                delivery = max(done, lastDelivery)
            }
            deliveries[request.index] = delivery
            lastDelivery = max(lastDelivery, delivery)
            if let pending = outstanding.firstIndex(of: Int.max) { outstanding[pending] = delivery }
            completed += 1
            if shouldAutoPrecharge(bank: b, row: request.row) {
                let closeAt = max(isRead ? now + t.rtp : now + t.wl + burst + t.wr, banks[b].lastActivate + t.ras)
                close(bank: b, at: closeAt)
            }
        }
    }

    // `mutating` for the same reason as `bufferHasSpace()`.
    mutating func shouldAutoPrecharge(bank b: Int, row: Int) -> Bool {
        let queue = queues[b]
        switch controller.pagePolicy {
        case .open: return false
        case .closed: return true
        case .openAdaptive: return !queue.isEmpty && queue.allSatisfy { $0.row != row }
        case .closedAdaptive: return !queue.contains { $0.row == row }
        }
    }

    mutating func close(bank b: Int, at time: Int) {
        guard banks[b].openRow != nil else { return }
        choices[b] = nil
        openIntervals.append((banks[b].openedAt, time))
        banks[b].openRow = nil
        banks[b].nextActivate = max(banks[b].nextActivate, time + t.rp)
        commands.precharges += 1
    }

    /// All-bank refresh: precharge open banks, then `count` REF commands back to back.
    mutating func refresh(count: Int, now: Int) {
        var start = max(now, commandBusFree)
        var anyOpen = false
        for b in banks.indices where banks[b].openRow != nil {
            start = max(start, earliest(.precharge, bank: b, group: 0, now: now))
            anyOpen = true
        }
        if anyOpen {
            for b in banks.indices where banks[b].openRow != nil { close(bank: b, at: start) }
            start += t.rp
        }
        for b in banks.indices { start = max(start, banks[b].nextActivate) }
        let end = start + count * t.rfc
        refreshBlockedUntil = max(refreshBlockedUntil, end)
        for b in banks.indices { banks[b].nextActivate = max(banks[b].nextActivate, end) }
        commands.refreshes += count
    }

    func result() -> DRAMSimulationResult {
        let tCK = spec.clockPeriodNanoseconds
        let playerPeriod = 1.0  // latencies measured from the aligned arrival cycle
        _ = playerPeriod
        let totalCycles = max(lastDelivery, 1)
        let readLatencies = prepared.kinds.indices.filter { prepared.kinds[$0] == .read }.map { Double(deliveries[$0] - arrivals[$0]) * tCK }.sorted()
        func percentile(_ p: Double) -> Double {
            guard !readLatencies.isEmpty else { return 0 }
            return readLatencies[min(readLatencies.count - 1, Int((p * Double(readLatencies.count - 1)).rounded()))]
        }
        // Time with at least one bank open: the union of open intervals.
        var activeCycles = 0
        var cursor = Int.min
        for (start, end) in openIntervals.sorted(by: { $0.0 < $1.0 }) where end > start {
            let from = max(start, cursor)
            if end > from { activeCycles += end - from }
            cursor = max(cursor, end)
        }
        activeCycles = min(activeCycles, totalCycles)
        let powerDown = min(powerDownCycles, totalCycles - activeCycles)
        let totalNanoseconds = Double(totalCycles) * tCK
        let bytes = Double(prepared.count * spec.burstBytes)
        let energy = PowerModel(spec: spec).map {
            $0.energy(commands: commands, activeNanoseconds: Double(activeCycles) * tCK,
                      prechargedNanoseconds: Double(totalCycles - activeCycles - powerDown) * tCK,
                      powerDownPrechargedNanoseconds: Double(powerDown) * tCK)
        }
        let bandwidth = bytes / totalNanoseconds
        return DRAMSimulationResult(
            totalTimeNanoseconds: totalNanoseconds, reads: commands.reads, writes: commands.writes,
            averageReadLatencyNanoseconds: readLatencies.isEmpty ? 0 : readLatencies.reduce(0, +) / Double(readLatencies.count),
            p50ReadLatencyNanoseconds: percentile(0.5), p99ReadLatencyNanoseconds: percentile(0.99),
            averageBandwidthGBps: bandwidth, bandwidthPercentOfPeak: 100 * bandwidth / spec.peakBandwidthGBps,
            rowHits: rowHits, rowMisses: rowMisses, rowConflicts: rowConflicts, commands: commands, energy: energy)
    }
}
