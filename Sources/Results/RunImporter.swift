import Foundation

/// What happened to one run when a store was merged into another (``ResultsStore/importRuns(from:)``).
public struct RunImport: Sendable, Hashable {
    /// Why a run was or was not copied.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Copied with its evaluations (a half-finished run with the same sweep and key was replaced).
        case imported
        /// This store already holds the run: a complete run with the same sweep and run key, or, for a
        /// run without a key, the same run (same host, process and start time).
        case alreadyPresent = "already_present"
        /// A live process on this host is running the same sweep run in this store right now.
        case busy
        /// The run is still `running` in the source store (its evaluations are still being written).
        case unfinished
    }

    /// The run's id in the source store.
    public var sourceRunID: Int
    /// Its id in this store when it was copied.
    public var runID: Int?
    public var sweepID: String?
    public var runKey: String?
    public var status: RunStatus
    /// Evaluations copied (0 unless imported).
    public var evaluations: Int
    public var outcome: Outcome
}

/// The columns of `runs` an import copies (all but `id`), in this order.
private let runColumns = """
    environment, workload, agent, hyperparameters, objective, objective_json, seed, budget, batch_size, parameters, metrics,
    sweep_id, started_at, ended_at, status, status_detail, pid, host, evaluations, best_reward, run_key, process_start
    """
private let evaluationColumns = "idx, design, metrics, feasible, reason, reward, best_so_far, sim_wall_s, wall_clock"

extension ResultsStore {
    /// Copies the ended runs of another store into this one, each with its evaluations in one
    /// transaction, keeping every stored value (host, process, timestamps, status) as it was.
    ///
    /// Idempotent per sweep run: a run whose sweep and run key this store already holds as complete
    /// is not copied again (checked inside the copying transaction, so two importers cannot both copy
    /// it), and half-finished rows of that key (interrupted, failed) are replaced by the imported run,
    /// as a resumed sweep replaces them. A run without a key is skipped when this store holds a run
    /// from the same host, process and start time. So importing the same store twice changes nothing.
    /// This is how results computed elsewhere (a Ray task's node-local store, another machine's
    /// sweep) join one store without duplicating or losing an evaluation.
    ///
    /// ```swift
    /// let merged = try ResultsStore(directory: URL(fileURLWithPath: "results"))
    /// for run in try merged.importRuns(from: ResultsStore(directory: URL(fileURLWithPath: "node-results"))) {
    ///     print(run.runKey ?? "-", run.outcome)
    /// }
    /// ```
    public func importRuns(from source: ResultsStore) throws -> [RunImport] {
        guard source.databaseURL.standardizedFileURL != databaseURL.standardizedFileURL else {
            throw ResultsError.database(path: databaseURL.path, message: "cannot import a store into itself")
        }
        let sourceRuns = try source.database.withLock { try $0.query("SELECT \(runColumns), id FROM runs ORDER BY id") }
        return try sourceRuns.map { row in
            let sourceID = row[22].int ?? 0
            let status = RunStatus(rawValue: row[14].text ?? "") ?? .failed
            var result = RunImport(sourceRunID: sourceID, runID: nil, sweepID: row[11].text, runKey: row[20].text,
                                   status: status, evaluations: 0, outcome: .unfinished)
            guard status != .running else { return result }
            if let key = result.runKey, let sweep = result.sweepID,
               try isBeingRun(sweepID: sweep, runKey: key)
            {
                result.outcome = .busy
                return result
            }
            let evaluations = try source.database.withLock {
                try $0.query("SELECT \(evaluationColumns) FROM evaluations WHERE run_id = ? ORDER BY idx", [SQLiteValue(sourceID)])
            }
            let copied = try database.withLock { connection in
                try connection.transaction { () throws -> Int? in
                    if try Self.holdsRun(row, connection: connection) { return nil }
                    if let key = result.runKey, let sweep = result.sweepID {
                        let stale = "SELECT id FROM runs WHERE sweep_id = ? AND run_key = ?"
                        try connection.query("DELETE FROM evaluations WHERE run_id IN (\(stale))", [.text(sweep), .text(key)])
                        try connection.query("DELETE FROM runs WHERE sweep_id = ? AND run_key = ?", [.text(sweep), .text(key)])
                    }
                    let placeholders = Array(repeating: "?", count: 22).joined(separator: ", ")
                    try connection.query("INSERT INTO runs (\(runColumns)) VALUES (\(placeholders))", Array(row.prefix(22)))
                    let runID = Int(connection.lastInsertedRowID)
                    for evaluation in evaluations {
                        try connection.query("INSERT INTO evaluations (run_id, \(evaluationColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                             [SQLiteValue(runID)] + evaluation)
                    }
                    return runID
                }
            }
            result.runID = copied
            result.evaluations = copied == nil ? 0 : evaluations.count
            result.outcome = copied == nil ? .alreadyPresent : .imported
            return result
        }
    }

    /// Whether this store already holds the source run `row` (columns as in `runColumns`): a complete
    /// run of the same sweep and key, or for a keyless run the same host, process and start time.
    private static func holdsRun(_ row: [SQLiteValue], connection: SQLiteDatabase) throws -> Bool {
        if let key = row[20].text, let sweep = row[11].text {
            let complete = RunStatus.allCases.filter(\.isComplete).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            return try !connection.query("SELECT 1 FROM runs WHERE sweep_id = ? AND run_key = ? AND status IN (\(complete)) LIMIT 1",
                                         [.text(sweep), .text(key)]).isEmpty
        }
        return try !connection.query("SELECT 1 FROM runs WHERE host = ? AND pid = ? AND started_at = ? LIMIT 1",
                                     [row[17], row[16], row[12]]).isEmpty
    }
}
