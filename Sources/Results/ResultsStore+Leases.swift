import Foundation

/// What ``ResultsStore/claimRun(sweepID:runKey:)`` found for a sweep's run.
public enum RunClaim: Sendable, Equatable {
    /// The caller holds the run's lease and runs it; `restarted` half-finished attempts were deleted.
    case claimed(restarted: Int)
    /// A complete run of the key is stored: nothing to do.
    case complete
    /// Another live process holds the lease and is running it.
    case heldElsewhere(ProcessIdentity)
}

/// Sweep leases: before a sweep process runs a run key it claims it in one write transaction, so any
/// number of sweep processes sharing one store never run a key twice.
///
/// A lease records its holder (host, pid, process start time) and a heartbeat (Unix seconds) the
/// holder refreshes (``heartbeat()``) while it works. A lease is stale, and taken over, when its holder
/// is gone: on this host, the pid is gone or now belongs to a process with another start time; on
/// another host, its heartbeat is older than ``leaseTimeoutSeconds``.
extension ResultsStore {
    /// Seconds without a heartbeat after which another host's lease counts as abandoned.
    public static let leaseTimeoutSeconds = 120.0

    public func claimRun(sweepID: String, runKey: String) throws -> RunClaim {
        let me = ProcessIdentity.current
        let now = Date().timeIntervalSince1970
        return try database.withLock { connection in
            try connection.transaction { () throws -> RunClaim in
                let runs = try connection.query("SELECT id, status FROM runs WHERE sweep_id = ? AND run_key = ? ORDER BY id",
                                                [.text(sweepID), .text(runKey)])
                let complete = runs.filter { RunStatus(rawValue: $0[1].text ?? "")?.isComplete == true }
                if !complete.isEmpty { return .complete }
                if let holder = try Self.liveHolder(sweepID: sweepID, runKey: runKey, now: now, connection), holder != me {
                    return .heldElsewhere(holder)
                }
                for run in runs { if let id = run[0].int { try Self.deleteRun(id, connection) } }
                try connection.query("""
                    INSERT OR REPLACE INTO leases (sweep_id, run_key, host, pid, process_start, heartbeat) VALUES (?, ?, ?, ?, ?, ?)
                    """, [.text(sweepID), .text(runKey), .text(me.host), SQLiteValue(me.pid), .text(me.started), .real(now)])
                return .claimed(restarted: runs.count)
            }
        }
    }

    /// Whether a live process is running a sweep's run key into this store: it holds the key's lease,
    /// or a `running` row of the key belongs to a process alive on this host.
    public func isBeingRun(sweepID: String, runKey: String) throws -> Bool {
        try database.withLock { connection in
            if try Self.liveHolder(sweepID: sweepID, runKey: runKey, now: Date().timeIntervalSince1970, connection) != nil { return true }
            let rows = try connection.query("SELECT host, pid, process_start FROM runs WHERE sweep_id = ? AND run_key = ? AND status = 'running'",
                                            [.text(sweepID), .text(runKey)])
            return rows.contains { row in
                ProcessIdentity(host: row[0].text ?? "", pid: row[1].int ?? 0, started: row[2].text ?? "").isAliveOnThisHost == true
            }
        }
    }

    /// The holder of a run key's lease when it is alive (stale leases count as free).
    private static func liveHolder(sweepID: String, runKey: String, now: Double, _ connection: SQLiteDatabase) throws -> ProcessIdentity? {
        guard let lease = try connection.query("SELECT host, pid, process_start, heartbeat FROM leases WHERE sweep_id = ? AND run_key = ?",
                                               [.text(sweepID), .text(runKey)]).first else { return nil }
        let holder = ProcessIdentity(host: lease[0].text ?? "", pid: lease[1].int ?? 0, started: lease[2].text ?? "")
        let alive = holder.isAliveOnThisHost ?? (now - (lease[3].double ?? 0) < leaseTimeoutSeconds)
        return alive ? holder : nil
    }

    /// Gives up this process's lease on a run key (after the run ended, whatever its status).
    public func releaseRun(sweepID: String, runKey: String) throws {
        let me = ProcessIdentity.current
        _ = try database.withLock { connection in
            try connection.query("DELETE FROM leases WHERE sweep_id = ? AND run_key = ? AND host = ? AND pid = ? AND process_start = ?",
                                 [.text(sweepID), .text(runKey), .text(me.host), SQLiteValue(me.pid), .text(me.started)])
        }
    }

    /// Refreshes the heartbeat of every lease this process holds.
    public func heartbeat() throws {
        let me = ProcessIdentity.current
        _ = try database.withLock { connection in
            try connection.query("UPDATE leases SET heartbeat = ? WHERE host = ? AND pid = ? AND process_start = ?",
                                 [.real(Date().timeIntervalSince1970), .text(me.host), SQLiteValue(me.pid), .text(me.started)])
        }
    }
}
