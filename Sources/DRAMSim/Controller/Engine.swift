/// The simulation state of one ``DRAMSimulator`` run; times are in memory-clock cycles.
///
/// Built for speed, since a design search runs it hundreds of thousands of times:
/// - Each bank keeps its next command (the scheduler's pick, the command it needs and the earliest
///   time the bank's own timings allow) until the bank's queue, open row or timings change, so a
///   step only combines that with the channel-wide constraints (`gates`, one per command and bank
///   group, recomputed after a command that moves them) instead of re-deriving every constraint.
/// - State lives in buffers allocated once per run (`UnsafeMutableBufferPointer`), so the hot loop
///   does no copy-on-write checks, retains or reallocations. ``run()`` frees them; an engine runs once.
/// - Helpers called from the loop are `mutating` even when they only read: a non-mutating call that
///   is not inlined copies the whole engine (~1.5 KB) first.
/// - Bank-open intervals are recorded in ACT order, which is time order, so the active time needs no sort.
struct Engine {
    struct Request {
        var index: Int
        var row: Int
        var arrival: Int
        var group: Int
        var isRead: Bool
        var classified = false
    }

    enum Command: Int { case activate = 0, precharge, read, write }

    struct Bank {
        static let closed = Int.min
        /// The open row, or `closed`.
        var openRow = Bank.closed
        var lastActivate = Int.min / 4
        /// When the bank is precharged (refresh waits for it) and the earliest ACT start after
        /// precharge or refresh (earlier by `activateLead` after an explicit PRE or a REF).
        var nextActivate = 0
        var activateReady = 0
        var lastRead = Int.min / 4
        var lastWrite = Int.min / 4
        var openedAt = 0
        /// Index of the open interval in `intervalStarts`/`intervalEnds`.
        var interval = -1
        /// The bank's queue: `queueCount` requests from `queueStart` in its region of `queue`, oldest first.
        var queueStart = 0
        var queueCount = 0
        /// The planned next command (with `planReady`, `planGate`, `planArrival`); replanned when the bank is marked stale.
        var slot = 0
        var command = Command.activate
        /// How the scheduler ranks the planned request: 2 a row hit in the last column direction
        /// (`frFcfsGrp`), 1 a row hit, 0 otherwise (or FIFO). A newly queued request displaces it
        /// only by ranking higher, so admissions need no rescan of the queue.
        var tier = 0
    }

    let spec: MemorySpec
    let t: MemorySpec.Timing
    let controller: ControllerConfig
    let prepared: PreparedTrace
    let burst: Int
    let bankCount: Int
    /// Bits that hold a bank index.
    let bankBits: Int
    let groupCount: Int
    let arbiterCap: Int
    let isFifo: Bool
    let isGrouped: Bool
    let reorders: Bool

    var banks: UnsafeMutableBufferPointer<Bank>
    /// Per bank, the plan's earliest time under the bank's own timings (`Int.max` for an empty queue),
    /// the index of its channel-wide gate (`command.rawValue * groupCount + group`), and the arrival
    /// of its request: kept apart from `banks` so the per-step scan reads three dense arrays.
    var planReady: UnsafeMutableBufferPointer<Int>
    var planGate: UnsafeMutableBufferPointer<Int>
    var planArrival: UnsafeMutableBufferPointer<Int>
    /// Banks whose plan is stale (each listed once, flagged in `isStale`).
    var stale: UnsafeMutableBufferPointer<Int>
    var isStale: UnsafeMutableBufferPointer<Bool>
    var staleCount = 0
    /// Banks with queued requests, a bit each (64 banks a word).
    var busy: UnsafeMutableBufferPointer<UInt64>
    /// Queued requests per bank and row hash bucket (`rowBuckets` a bank): a zero proves no queued
    /// request hits a row, so most row-hit searches skip scanning the queue.
    var rowFilter: UnsafeMutableBufferPointer<Int32>
    static let rowBuckets = 512
    /// Queued requests: bank `b` owns `queueCapacity` entries from `b * queueCapacity`.
    var queue: UnsafeMutablePointer<Request>
    var queueCapacity: Int
    /// Channel-wide earliest time per command and bank group (precharge: no constraint).
    var gates: UnsafeMutableBufferPointer<Int>
    var gatesStale = true
    var groupLastActivate: UnsafeMutableBufferPointer<Int>
    var groupLastRead: UnsafeMutableBufferPointer<Int>
    var groupLastWrite: UnsafeMutableBufferPointer<Int>
    var rankLastActivate = Int.min / 4, rankLastRead = Int.min / 4, rankLastWrite = Int.min / 4
    /// The last four activates (a ring; `fawNext` is the oldest).
    var fawWindow: (Int, Int, Int, Int) = (Int.min / 4, Int.min / 4, Int.min / 4, Int.min / 4)
    var fawNext = 0
    var commandBusFree = 0
    var refreshBlockedUntil = 0
    /// The next time the refresh manager acts: the next REFab's due time, or under per-bank refresh
    /// the next REFpb's trigger or, while pulling in, the earliest start of the next REFpb.
    var nextRefreshDue: Int
    var postponedRefreshes = 0
    /// Per-bank refresh (see `refreshPerBank(now:)`): the regular trigger (every tREFIpb), the
    /// flexibility count (REFpb postponed, > 0, or pulled in, < 0, as DRAMSys counts it), whether it
    /// is pulling in, the banks not yet refreshed this round (a bit each), when the last REFpb ends
    /// (REFpb commands do not overlap), and the postpone / pull-in limits in REFpb commands.
    let isPerBank: Bool
    var perBankTrigger = Int.max
    var perBankCredit = 0
    var isPullingIn = false
    var perBankRemaining: UInt64 = 0
    var perBankRefreshEnd = Int.min / 4
    let perBankMaxPostponed: Int
    let perBankMaxPulledIn: Int
    let perBankInterval: Int
    var queuedReads = 0, queuedWrites = 0
    /// Admitted requests not yet served, and the delivery times of served ones still in flight
    /// (a min-heap); only a capping arbiter keeps them.
    var unserved = 0
    var inFlight: [Int] = []
    var lastColumnIsRead = true
    var lastAcceptedBank = -1
    var lastAcceptedIsRead = true

    var commands = CommandCounts()
    var rowHits = 0, rowMisses = 0, rowConflicts = 0
    var intervalStarts: [Int] = []
    var intervalEnds: [Int] = []
    var deliveries: UnsafeMutableBufferPointer<Int>
    /// Each request's response time, filled when ``run()`` ends if `keepsDeliveries`.
    var deliveryCycles: [Int] = []
    var keepsDeliveries = false
    var lastDelivery = 0
    /// With in-order responses, the oldest request whose response has not gone back yet.
    var nextInOrder = 0
    var powerDownCycles = 0

    init(controller: ControllerConfig, prepared: PreparedTrace) {
        let spec = prepared.spec
        self.spec = spec
        self.t = spec.timing
        self.controller = controller
        self.prepared = prepared
        self.burst = spec.burstCycles
        self.arbiterCap = controller.arbiter == .simple ? Int.max : max(1, controller.maxActiveTransactions)
        self.isFifo = controller.scheduler == .fifo
        self.isGrouped = controller.scheduler == .frFcfsGrp
        self.reorders = controller.responseQueue == .reorder || controller.arbiter == .reorder
        bankCount = spec.ranks * spec.banks
        groupCount = spec.ranks * spec.bankGroups
        bankBits = Int.bitWidth - (bankCount - 1).leadingZeroBitCount
        banks = .allocate(capacity: bankCount)
        banks.initialize(repeating: Bank())
        planReady = .allocate(capacity: bankCount)
        planReady.initialize(repeating: Int.max)
        planGate = .allocate(capacity: bankCount)
        planGate.initialize(repeating: 0)
        planArrival = .allocate(capacity: bankCount)
        planArrival.initialize(repeating: Int.max)
        stale = .allocate(capacity: bankCount)
        stale.initialize(repeating: 0)
        isStale = .allocate(capacity: bankCount)
        isStale.initialize(repeating: false)
        busy = .allocate(capacity: (bankCount + 63) / 64)
        busy.initialize(repeating: 0)
        rowFilter = .allocate(capacity: bankCount * Self.rowBuckets)
        rowFilter.initialize(repeating: 0)
        queueCapacity = min(max(16, 2 * (max(1, controller.requestBufferSize) + 2)), max(prepared.count, 1))
        queue = .allocate(capacity: bankCount * queueCapacity)
        gates = .allocate(capacity: 4 * groupCount)
        gates.initialize(repeating: Int.min / 4)
        groupLastActivate = .allocate(capacity: groupCount)
        groupLastActivate.initialize(repeating: Int.min / 4)
        groupLastRead = .allocate(capacity: groupCount)
        groupLastRead.initialize(repeating: Int.min / 4)
        groupLastWrite = .allocate(capacity: groupCount)
        groupLastWrite.initialize(repeating: Int.min / 4)
        isPerBank = controller.refreshPolicy == .perBank
        precondition(!isPerBank || (spec.hasPerBankRefresh && spec.ranks * spec.banks <= 64),
                     "RefreshPolicy PerBank needs per-bank refresh timings and at most 64 banks; \(spec.identifier) has none (check with ControllerConfig.validate(for:))")
        let allBanks: UInt64 = bankCount >= 64 ? ~0 : (1 << UInt64(bankCount)) - 1
        perBankRemaining = allBanks
        // With several ranks, one round over all banks of the channel: ranks × banks REFpb per tREFI.
        perBankInterval = max(1, spec.timing.refiPerBank / max(1, spec.ranks))
        perBankMaxPostponed = max(1, controller.refreshMaxPostponed) * bankCount
        perBankMaxPulledIn = max(1, controller.refreshMaxPulledIn) * bankCount
        switch controller.refreshPolicy {
        case .allBank: nextRefreshDue = spec.timing.refi
        case .perBank: nextRefreshDue = perBankInterval; perBankTrigger = perBankInterval
        case .noRefresh: nextRefreshDue = Int.max
        }
        deliveries = .allocate(capacity: prepared.count)
        deliveries.initialize(repeating: 0)
        intervalStarts.reserveCapacity(prepared.count)
        intervalEnds.reserveCapacity(prepared.count)
    }

    private func deallocate() {
        banks.deallocate()
        planReady.deallocate()
        planGate.deallocate()
        planArrival.deallocate()
        stale.deallocate()
        isStale.deallocate()
        busy.deallocate()
        rowFilter.deallocate()
        queue.deallocate()
        gates.deallocate()
        groupLastActivate.deallocate()
        groupLastRead.deallocate()
        groupLastWrite.deallocate()
        deliveries.deallocate()
    }

    // MARK: Queues

    mutating func queued(_ b: Int, _ position: Int) -> UnsafeMutablePointer<Request> {
        queue + (b * queueCapacity + banks[b].queueStart + position)
    }

    /// Bank `b`'s `rowFilter` bucket for `row`.
    func rowBucket(bank b: Int, row: Int) -> Int {
        b * Self.rowBuckets + Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: row) &* 0x9E37_79B9_7F4A_7C15) >> 55)
    }

    mutating func enqueue(_ request: Request, bank b: Int) {
        rowFilter[rowBucket(bank: b, row: request.row)] += 1
        if banks[b].queueStart + banks[b].queueCount == queueCapacity {
            if banks[b].queueStart > 0 {
                let base = queue + b * queueCapacity
                (base).update(from: base + banks[b].queueStart, count: banks[b].queueCount)
                banks[b].queueStart = 0
            } else {
                growQueues()
            }
        }
        (queue + (b * queueCapacity + banks[b].queueStart + banks[b].queueCount)).initialize(to: request)
        banks[b].queueCount += 1
        busy[b >> 6] |= 1 << UInt64(b & 63)
    }

    mutating func growQueues() {
        let capacity = queueCapacity * 2
        let grown = UnsafeMutablePointer<Request>.allocate(capacity: bankCount * capacity)
        for b in 0..<bankCount {
            (grown + b * capacity).initialize(from: queue + (b * queueCapacity + banks[b].queueStart), count: banks[b].queueCount)
            banks[b].queueStart = 0
        }
        queue.deallocate()
        queue = grown
        queueCapacity = capacity
    }

    mutating func dequeue(bank b: Int, at position: Int) {
        rowFilter[rowBucket(bank: b, row: queued(b, position).pointee.row)] -= 1
        if position == 0 {
            banks[b].queueStart += 1
        } else {
            let at = queued(b, position)
            at.update(from: at + 1, count: banks[b].queueCount - position - 1)
        }
        banks[b].queueCount -= 1
        if banks[b].queueCount == 0 {
            banks[b].queueStart = 0
            busy[b >> 6] &= ~(1 << UInt64(b & 63))
        }
    }

    /// Position of the first queued request of bank `b` to `row` (and, if `isRead` is given, of that
    /// direction), or nil.
    mutating func firstPosition(bank b: Int, row: Int, isRead: Bool? = nil) -> Int? {
        guard rowFilter[rowBucket(bank: b, row: row)] > 0 else { return nil }
        let base = queued(b, 0)
        for position in 0..<banks[b].queueCount {
            if base[position].row == row && (isRead == nil || base[position].isRead == isRead!) { return position }
        }
        return nil
    }

    // MARK: Admission

    /// Whether the controller accepts another request. As in DRAMSys, it checks the buffer the
    /// *last accepted* request went to (its bank, or its direction), since it cannot see the next
    /// request before accepting it; so one full bank buffer blocks the whole request stream.
    mutating func bufferHasSpace() -> Bool {
        let size = max(1, controller.requestBufferSize)
        switch controller.schedulerBuffer {
        case .bankwise: return lastAcceptedBank < 0 || banks[lastAcceptedBank].queueCount < size
        case .readWrite: return !lastAcceptedIsRead ? queuedWrites < size : queuedReads < size
        case .shared: return queuedReads + queuedWrites < size
        }
    }

    // MARK: Command timing

    /// The request a bank serves next under the scheduler, and its tier (see `Bank.tier`).
    mutating func chosen(inBank b: Int) -> (slot: Int, tier: Int) {
        let row = banks[b].openRow
        guard !isFifo, row != Bank.closed else { return (0, 0) }
        if isGrouped, let same = firstPosition(bank: b, row: row, isRead: lastColumnIsRead) { return (same, 2) }
        return firstPosition(bank: b, row: row).map { ($0, 1) } ?? (0, 0)
    }

    /// Caches bank `b`'s next command (its request at `slot`) and the earliest time its own timings allow.
    mutating func plan(bank b: Int, slot: Int, tier: Int) {
        // Field by field: copying a whole `Bank` or `Request` out of its buffer costs a memcpy call.
        let request = queued(b, slot)
        let bank = banks.baseAddress! + b
        let command: Command
        let ready: Int
        if bank.pointee.openRow == Bank.closed {
            command = .activate
            ready = max(bank.pointee.activateReady, bank.pointee.lastActivate + t.rc)
        } else if bank.pointee.openRow == request.pointee.row {
            command = request.pointee.isRead ? .read : .write
            ready = bank.pointee.lastActivate + t.rcd
        } else {
            command = .precharge
            ready = max(bank.pointee.lastActivate + t.ras + t.activateLead, bank.pointee.lastRead + t.rtp, bank.pointee.lastWrite + t.wl + t.writeDataDelay + burst + t.wr)
        }
        banks[b].slot = slot
        banks[b].tier = tier
        banks[b].command = command
        planReady[b] = ready
        planGate[b] = command.rawValue * groupCount + request.pointee.group
        planArrival[b] = request.pointee.arrival
    }

    /// Marks bank `b`'s plan stale.
    mutating func invalidate(_ b: Int) {
        guard !isStale[b] else { return }
        isStale[b] = true
        stale[staleCount] = b
        staleCount += 1
    }

    /// Replans the stale banks (an empty bank gets no command: `planReady` = `Int.max`).
    mutating func replan() {
        for index in 0..<staleCount {
            let b = stale[index]
            isStale[b] = false
            if banks[b].queueCount > 0 {
                let (slot, tier) = chosen(inBank: b)
                plan(bank: b, slot: slot, tier: tier)
            } else {
                planReady[b] = Int.max
                planGate[b] = 0
            }
        }
        staleCount = 0
    }

    /// Recomputes the channel-wide constraints per command and bank group.
    mutating func updateGates() {
        gatesStale = false
        let faw = fawNext == 0 ? fawWindow.0 : fawNext == 1 ? fawWindow.1 : fawNext == 2 ? fawWindow.2 : fawWindow.3
        let activate = max(rankLastActivate + t.rrdS, refreshBlockedUntil, faw + t.faw)
        let read = max(rankLastRead + max(t.ccdS, burst), rankLastWrite + t.wl + t.writeDataDelay + burst + t.wtrS)
        let write = max(rankLastWrite + max(t.ccdS, burst), rankLastRead + t.rl + t.readDataDelay + burst + 2 - t.wl)
        for g in 0..<groupCount {
            gates[Command.activate.rawValue * groupCount + g] = max(activate, groupLastActivate[g] + t.rrdL)
            gates[Command.read.rawValue * groupCount + g] = max(read, groupLastRead[g] + t.ccdL, groupLastWrite[g] + t.wl + t.writeDataDelay + burst + t.wtrL)
            gates[Command.write.rawValue * groupCount + g] = max(write, groupLastWrite[g] + t.ccdL)
        }
    }

    mutating func invalidateAllPlans() {
        for b in 0..<bankCount { invalidate(b) }
    }

    // MARK: Main loop

    mutating func run() -> DRAMSimulationResult {
        defer { deallocate() }
        var now = 0
        var next = 0
        var completed = 0
        var idleSince: Int? = 0
        let total = prepared.count
        let capped = arbiterCap != Int.max
        let staggered = controller.powerDownPolicy == .staggered
        while completed < total {
            // Responses free arbiter slots (only a capping arbiter needs the bookkeeping).
            if capped { while let soonest = inFlight.first, soonest <= now { popInFlight() } }
            // Admit requests in order while there is room.
            while next < total, prepared.arrivals[next] <= now, unserved + inFlight.count < arbiterCap {
                guard bufferHasSpace() else { break }
                let bank = prepared.banks[next], isRead = prepared.kinds[next] == .read
                if let since = idleSince, staggered {
                    // Idle since `since`: powered down after tCKE... wake-up costs tXP (≈ tCKE here).
                    let gap = now - since
                    if gap > 2 * t.rcd { powerDownCycles += gap - t.rcd; commandBusFree = max(commandBusFree, now + 3) }
                }
                idleSince = nil
                let row = prepared.rows[next]
                let wasIdle = banks[bank].queueCount == 0
                enqueue(Request(index: next, row: row, arrival: now, group: prepared.groups[next], isRead: isRead), bank: bank)
                if wasIdle || isStale[bank] {
                    invalidate(bank)
                } else if !isFifo && row == banks[bank].openRow {
                    // FIFO keeps serving the head; a reordering scheduler switches to the new request only if it ranks higher.
                    let tier = isGrouped && isRead == lastColumnIsRead ? 2 : 1
                    if tier > banks[bank].tier { plan(bank: bank, slot: banks[bank].queueCount - 1, tier: tier) }
                }
                if isRead { queuedReads += 1 } else { queuedWrites += 1 }
                lastAcceptedBank = bank
                lastAcceptedIsRead = isRead
                if capped { unserved += 1 }
                next += 1
            }
            let queuedCount = queuedReads + queuedWrites
            // Refresh.
            if isPerBank {
                if now >= nextRefreshDue { refreshPerBank(now: now) }
            } else if now >= nextRefreshDue {
                if queuedCount == 0 || postponedRefreshes >= controller.refreshMaxPostponed {
                    var count = 1 + postponedRefreshes
                    postponedRefreshes = 0
                    if queuedCount == 0 && next < total && prepared.arrivals[next] > now + t.rfc {
                        let pulled = min(controller.refreshMaxPulledIn, max(0, (prepared.arrivals[next] - now) / max(t.rfc, 1) - 1))
                        count += pulled
                        nextRefreshDue += pulled * t.refi
                    }
                    refresh(count: count, now: now)
                } else {
                    postponedRefreshes += 1
                }
                nextRefreshDue += t.refi
            } else if queuedCount == 0 && postponedRefreshes > 0 {
                refresh(count: postponedRefreshes, now: now)
                postponedRefreshes = 0
            }

            // The earliest command over the banks (oldest request first on ties).
            if staleCount > 0 { replan() }
            if gatesStale { updateGates() }
            let floor = max(now, commandBusFree)
            // The earliest time, then the oldest request, then the lowest bank: the smallest
            // `time ‖ arrival ‖ bank` as one 128-bit key, so the pick has no data-dependent branch.
            var best = Int128.max
            for word in 0..<busy.count {
                var bits = busy[word]
                while bits != 0 {
                    let b = word << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    let time = max(floor, planReady[b], gates[planGate[b]])
                    best = min(best, Int128(time) << 64 | Int128(planArrival[b] << bankBits | b))
                }
            }
            let bestBank = best == Int128.max ? -1 : Int(truncatingIfNeeded: best) & (1 << bankBits - 1)
            let bestTime = Int(truncatingIfNeeded: best >> 64)
            // The next admission event, if a request is waiting for its time or for an arbiter slot.
            var nextAdmission = Int.max
            if next < total {
                if prepared.arrivals[next] > now { nextAdmission = prepared.arrivals[next] }
                else if unserved + inFlight.count >= arbiterCap { nextAdmission = inFlight.first ?? Int.max }
            }
            guard bestBank >= 0 else {
                // Nothing queued: jump to the next admission (or refresh).
                if idleSince == nil { idleSince = now }
                let target = min(nextAdmission, nextRefreshDue)
                if target == Int.max { break }
                now = max(now + 1, target)
                continue
            }
            if bestTime > now {
                let event = min(nextAdmission, nextRefreshDue > now ? nextRefreshDue : Int.max)
                // Nothing can change the choice before the command's time: issue it right away.
                guard bestTime < event else { now = event; continue }
                now = bestTime
            }
            issue(bank: bestBank, at: now, completed: &completed)
        }
        for b in 0..<bankCount where banks[b].openRow != Bank.closed {
            intervalEnds[banks[b].interval] = max(lastDelivery, banks[b].openedAt)
        }
        if keepsDeliveries { deliveryCycles = Array(deliveries) }
        return result()
    }

    mutating func issue(bank b: Int, at now: Int, completed: inout Int) {
        let command = banks[b].command, slot = banks[b].slot
        commandBusFree = now + 1
        invalidate(b)
        let entry = queued(b, slot)
        let index = entry.pointee.index, row = entry.pointee.row, group = entry.pointee.group
        if !entry.pointee.classified {
            switch command {
            case .read, .write: rowHits += 1
            case .activate: rowMisses += 1
            case .precharge: rowConflicts += 1
            }
            entry.pointee.classified = true
        }
        let isRead = command == .read
        switch command {
        case .activate:
            banks[b].openRow = row
            banks[b].lastActivate = now
            banks[b].openedAt = now
            banks[b].interval = intervalStarts.count
            intervalStarts.append(now)
            intervalEnds.append(now)
            rankLastActivate = now
            groupLastActivate[group] = now
            switch fawNext {
            case 0: fawWindow.0 = now
            case 1: fawWindow.1 = now
            case 2: fawWindow.2 = now
            default: fawWindow.3 = now
            }
            fawNext = (fawNext + 1) & 3
            gatesStale = true
            commands.activates += 1
            commandBusFree = now + 1 + t.activateExtra
        case .precharge:
            close(bank: b, at: now, explicitly: true)
        case .read, .write:
            if isRead {
                banks[b].lastRead = now
                rankLastRead = now
                groupLastRead[group] = now
                commands.reads += 1
                queuedReads -= 1
            } else {
                banks[b].lastWrite = now
                rankLastWrite = now
                groupLastWrite[group] = now
                commands.writes += 1
                queuedWrites -= 1
            }
            gatesStale = true
            if isGrouped && lastColumnIsRead != isRead { invalidateAllPlans() }
            lastColumnIsRead = isRead
            dequeue(bank: b, at: slot)
            let done = now + (isRead ? t.rl + t.readExtra : t.wl) + burst
            deliveries[index] = done
            if reorders {
                releaseInOrder()
            } else {
                lastDelivery = max(lastDelivery, done)
                if unserved > 0 { unserved -= 1; pushInFlight(done) }
            }
            completed += 1
            if shouldAutoPrecharge(bank: b, row: row) {
                let closeAt = max(isRead ? now + t.rtp : now + t.wl + t.writeDataDelay + burst + t.wr, banks[b].lastActivate + t.ras)
                close(bank: b, at: closeAt, explicitly: false)
            }
        }
    }

    /// In-order responses (a `Reorder` response queue or arbiter), as DRAMSys returns them: a served
    /// request's response waits until every earlier request's response has gone back, and responses
    /// go back one per clock (the initiator's END_RESP before the next BEGIN_RESP). Until then the
    /// transaction stays active and holds its arbiter slot.
    mutating func releaseInOrder() {
        while nextInOrder < prepared.count, deliveries[nextInOrder] > 0 {
            let delivery = max(deliveries[nextInOrder], lastDelivery + (nextInOrder == 0 ? 0 : 1))
            deliveries[nextInOrder] = delivery
            lastDelivery = delivery
            if unserved > 0 { unserved -= 1; pushInFlight(delivery) }
            nextInOrder += 1
        }
    }

    mutating func shouldAutoPrecharge(bank b: Int, row: Int) -> Bool {
        switch controller.pagePolicy {
        case .open: return false
        case .closed: return true
        case .openAdaptive: return banks[b].queueCount > 0 && firstPosition(bank: b, row: row) == nil
        case .closedAdaptive: return firstPosition(bank: b, row: row) == nil
        }
    }

    /// Closes bank `b`'s row at `time`, by a PRE command (`explicitly`) or by an auto-precharge.
    mutating func close(bank b: Int, at time: Int, explicitly: Bool) {
        guard banks[b].openRow != Bank.closed else { return }
        invalidate(b)
        intervalEnds[banks[b].interval] = time
        banks[b].openRow = Bank.closed
        banks[b].nextActivate = max(banks[b].nextActivate, time + t.rp)
        banks[b].activateReady = max(banks[b].activateReady, time + t.rp - (explicitly ? t.activateLead : 0))
        commands.precharges += 1
    }

    /// All-bank refresh: precharge open banks, then `count` REF commands back to back.
    mutating func refresh(count: Int, now: Int) {
        var start = max(now, commandBusFree)
        var anyOpen = false
        for b in 0..<bankCount where banks[b].openRow != Bank.closed {
            start = max(start, banks[b].lastActivate + t.ras + t.activateLead, banks[b].lastRead + t.rtp, banks[b].lastWrite + t.wl + t.writeDataDelay + burst + t.wr)
            anyOpen = true
        }
        if anyOpen {
            for b in 0..<bankCount where banks[b].openRow != Bank.closed { close(bank: b, at: start, explicitly: true) }
            start += t.rp
        }
        for b in 0..<bankCount { start = max(start, banks[b].nextActivate) }
        let end = start + count * t.rfc
        refreshBlockedUntil = max(refreshBlockedUntil, end - t.activateLead)
        for b in 0..<bankCount {
            banks[b].nextActivate = max(banks[b].nextActivate, end)
            banks[b].activateReady = max(banks[b].activateReady, end - t.activateLead)
        }
        invalidateAllPlans()
        gatesStale = true
        commands.refreshes += count
    }

    /// Per-bank refresh, after DRAMSys's per-bank refresh manager. Every tREFIpb (the trigger) one
    /// REFpb goes to the first bank, in bank order, of those not yet refreshed this round that has no
    /// queued request; if all of them have requests, the REFpb is postponed (up to
    /// `RefreshMaxPostponed` × banks), after which it goes to the first remaining bank regardless.
    /// After a REFpb the manager keeps refreshing remaining banks without queued requests, one after
    /// another (catching up postponed ones, then pulling in up to `RefreshMaxPulledin` × banks ahead),
    /// until none is free; then it waits for the next trigger.
    mutating func refreshPerBank(now: Int) {
        if isPullingIn && now >= perBankTrigger + perBankInterval {
            // A trigger passed while pulling in: the next REFpb is a regular one.
            perBankTrigger += perBankInterval
            isPullingIn = false
        }
        let idle = perBankRemaining & ~busyMask()
        let target: Int
        if idle != 0 {
            target = idle.trailingZeroBitCount
        } else if !isPullingIn && perBankCredit >= perBankMaxPostponed {
            target = perBankRemaining.trailingZeroBitCount
        } else {
            if !isPullingIn { perBankCredit += 1 }
            isPullingIn = false
            perBankTrigger += perBankInterval
            nextRefreshDue = perBankTrigger
            return
        }
        if isPullingIn { perBankCredit -= 1 }
        let start = refresh(bank: target, now: now)
        isPullingIn = true
        if perBankCredit <= -perBankMaxPulledIn {
            isPullingIn = false
            perBankTrigger += perBankInterval
            nextRefreshDue = perBankTrigger
        } else {
            nextRefreshDue = max(now + 1, start + t.rfcPerBank)
        }
    }

    /// The banks with queued requests (at most 64 banks under per-bank refresh).
    mutating func busyMask() -> UInt64 { busy[0] }

    /// One REFpb to bank `b`: precharge it if open, then refresh it for tRFCpb once it is precharged,
    /// the previous REFpb has ended, and tRRD and tFAW allow (a REFpb counts as an ACT for both, as
    /// DRAMSys checks LPDDR4). Other banks' ACTs wait tRRD after its start, not for its end.
    /// Returns the REFpb's start.
    @discardableResult
    mutating func refresh(bank b: Int, now: Int) -> Int {
        let floor = max(now, commandBusFree)
        if banks[b].openRow != Bank.closed {
            let precharge = max(floor, banks[b].lastActivate + t.ras + t.activateLead, banks[b].lastRead + t.rtp,
                                banks[b].lastWrite + t.wl + t.writeDataDelay + burst + t.wr)
            close(bank: b, at: precharge, explicitly: true)
        }
        let faw = fawNext == 0 ? fawWindow.0 : fawNext == 1 ? fawWindow.1 : fawNext == 2 ? fawWindow.2 : fawWindow.3
        let start = max(floor, banks[b].nextActivate, perBankRefreshEnd, rankLastActivate + t.rrdS + t.activateLead,
                        banks[b].lastActivate + t.rc + t.activateLead, faw + t.faw + t.activateLead)
        let end = start + t.rfcPerBank
        perBankRefreshEnd = end
        banks[b].nextActivate = max(banks[b].nextActivate, end)
        banks[b].activateReady = max(banks[b].activateReady, end - t.activateLead)
        refreshBlockedUntil = max(refreshBlockedUntil, start + t.rrdS - t.activateLead)
        // In the tFAW window as an ACT whose timed half is at the REFpb's start.
        switch fawNext {
        case 0: fawWindow.0 = start - t.activateLead
        case 1: fawWindow.1 = start - t.activateLead
        case 2: fawWindow.2 = start - t.activateLead
        default: fawWindow.3 = start - t.activateLead
        }
        fawNext = (fawNext + 1) & 3
        perBankRemaining &= ~(1 << UInt64(b))
        if perBankRemaining == 0 { perBankRemaining = bankCount >= 64 ? ~0 : (1 << UInt64(bankCount)) - 1 }
        invalidate(b)
        gatesStale = true
        commands.perBankRefreshes += 1
        return start
    }

    // MARK: In-flight responses (a binary min-heap)

    mutating func pushInFlight(_ time: Int) {
        inFlight.append(time)
        var child = inFlight.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard inFlight[child] < inFlight[parent] else { break }
            inFlight.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popInFlight() {
        let last = inFlight.removeLast()
        guard !inFlight.isEmpty else { return }
        inFlight[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < inFlight.count && inFlight[left] < inFlight[smallest] { smallest = left }
            if right < inFlight.count && inFlight[right] < inFlight[smallest] { smallest = right }
            guard smallest != parent else { return }
            inFlight.swapAt(parent, smallest)
            parent = smallest
        }
    }

    // MARK: Result

    func result() -> DRAMSimulationResult {
        let tCK = spec.clockPeriodNanoseconds
        let totalCycles = max(lastDelivery, 1)
        // Latencies in whole cycles, sorted, then scaled (the same order and values as scaling first).
        var cycles: [Int] = []
        cycles.reserveCapacity(prepared.count)
        for index in 0..<prepared.count where prepared.kinds[index] == .read { cycles.append(deliveries[index] - prepared.arrivals[index]) }
        cycles.sort()
        let readLatencies = cycles.map { Double($0) * tCK }
        func percentile(_ p: Double) -> Double {
            guard !readLatencies.isEmpty else { return 0 }
            return readLatencies[min(readLatencies.count - 1, Int((p * Double(readLatencies.count - 1)).rounded()))]
        }
        // Time with at least one bank open: the union of open intervals (recorded in start order).
        var activeCycles = 0
        var cursor = Int.min
        for (start, end) in zip(intervalStarts, intervalEnds) where end > start {
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
