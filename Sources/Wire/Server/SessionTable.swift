import Foundation
import GymCore
import Synchronization

/// The server's live sessions (one per `make`), shared by its worker threads under a lock.
/// Environments are values: a step copies the session's environment out and runs without the lock.
final class SessionTable: Sendable {
    struct Session: Sendable {
        var environment: any Environment
        var lastUsed: ContinuousClock.Instant
        /// Moving average of one step's wall time, in seconds (`nil` until a step ran).
        var averageStepSeconds: Double?
        /// The run this session's steps are recorded under (`open_run`), if any.
        var runID: Int?
    }

    private let sessions = Mutex<[String: Session]>([:])
    private let counter = Atomic<UInt64>(0)
    let maxSessions: Int
    let idleTimeout: Duration
    /// Records the runs clients open; `nil`: `open_run` is refused.
    let recorder: (any RunRecorder)?

    init(maxSessions: Int, idleTimeout: Duration, recorder: (any RunRecorder)? = nil) {
        self.maxSessions = maxSessions
        self.idleTimeout = idleTimeout
        self.recorder = recorder
    }

    var count: Int { sessions.withLock { $0.count } }

    /// Adds a session; `nil` when the table is full.
    func add(_ environment: any Environment) -> String? {
        let number = counter.add(1, ordering: .relaxed).newValue
        let id = "s\(number)-" + String(UInt32.random(in: .min ... .max), radix: 16)
        return sessions.withLock { table in
            guard table.count < maxSessions else { return nil }
            table[id] = Session(environment: environment, lastUsed: .now)
            return id
        }
    }

    /// The session's environment (touching it), or `nil` when unknown or expired.
    func environment(_ id: String) -> (any Environment)? {
        sessions.withLock { table in
            guard var session = table[id] else { return nil }
            session.lastUsed = .now
            table[id] = session
            return session.environment
        }
    }

    /// Resets the session's environment; `false` when unknown.
    func reset(_ id: String, seed: UInt64) -> Bool {
        sessions.withLock { table in
            guard var session = table[id] else { return false }
            session.environment.reset(seed: seed)
            session.lastUsed = .now
            table[id] = session
            return true
        }
    }

    /// Folds `count` steps that took `duration` in all into the session's average step time.
    func recordSteps(_ id: String, count: Int, duration: Duration) {
        guard count > 0 else { return }
        let seconds = duration.seconds / Double(count)
        sessions.withLock { table in
            guard let previous = table[id] else { return }
            table[id]?.averageStepSeconds = previous.averageStepSeconds.map { 0.8 * $0 + 0.2 * seconds } ?? seconds
        }
    }

    /// The session's average step time in seconds; `nil` when unknown or not measured yet.
    func averageStepSeconds(_ id: String) -> Double? { sessions.withLock { $0[id]?.averageStepSeconds } }

    /// Attaches a recorded run to a session; `false` when the session is unknown or has one already.
    func attachRun(_ id: String, runID: Int) -> Bool {
        sessions.withLock { table in
            guard table[id] != nil, table[id]?.runID == nil else { return false }
            table[id]?.runID = runID
            return true
        }
    }

    /// The run a session's steps are recorded under, if any.
    func runID(_ id: String) -> Int? { sessions.withLock { $0[id]?.runID } }

    /// Closes a session (its recorded run ends complete); `false` when unknown.
    func remove(_ id: String) -> Bool {
        guard let removed = sessions.withLock({ $0.removeValue(forKey: id) }) else { return false }
        if let runID = removed.runID { recorder?.end(runID: runID, complete: true) }
        return true
    }

    /// Closes every session (the server stops: recorded runs end interrupted).
    func removeAll() {
        let runs = sessions.withLock { table in
            defer { table.removeAll() }
            return table.values.compactMap(\.runID)
        }
        for runID in runs { recorder?.end(runID: runID, complete: false) }
    }

    /// Drops sessions idle for longer than the idle timeout; returns how many.
    @discardableResult
    func expire(now: ContinuousClock.Instant = .now) -> Int {
        let runs = sessions.withLock { table -> [Int?] in
            let stale = table.filter { now - $0.value.lastUsed > idleTimeout }.map(\.key)
            return stale.map { table.removeValue(forKey: $0)?.runID }
        }
        for runID in runs.compactMap({ $0 }) { recorder?.end(runID: runID, complete: false) }
        return runs.count
    }
}
