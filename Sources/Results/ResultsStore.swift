import Foundation
import GymCore
import Synchronization

/// The results store: one SQLite database (`dsegym.sqlite`) per results folder holding every run and
/// every evaluation, so experiments can be compared, exported and resumed.
///
/// Durability: the database runs in WAL mode and ``record(runID:_:)`` commits before it returns, so
/// once the runner has reported an evaluation, killing the process (even `kill -9`) does not lose
/// it. A run whose process died is marked ``RunStatus/interrupted`` the next time a store is opened.
/// (WAL with `synchronous=NORMAL` survives process crashes; a power cut may lose the last commits.)
///
/// Thread safety: one connection behind a mutex; the store can be shared by concurrent runs.
///
/// ```swift
/// let store = try ResultsStore(directory: URL(fileURLWithPath: "results"))
/// let runID = try store.beginRun(specification)
/// try store.record(runID: runID, [(index: 0, evaluation: evaluation, bestSoFar: evaluation.reward)])
/// try store.finishRun(runID, status: .finished)
/// ```
public final class ResultsStore: Sendable {
    /// File name of the database inside the results folder.
    public static let fileName = "dsegym.sqlite"
    public let databaseURL: URL
    let database: Mutex<SQLiteDatabase>

    /// Opens (creating when needed) the store in `directory`. A store in a folder this process cannot
    /// write (a read-only copy, another user's results) opens read-only: reading works, writing
    /// fails with the database's error.
    public init(directory: URL) throws {
        databaseURL = directory.appendingPathComponent(Self.fileName)
        let path = databaseURL.path
        if FileManager.default.fileExists(atPath: path), access(directory.path, W_OK) != 0 || access(path, W_OK) != 0 {
            database = Mutex(try SQLiteDatabase(readOnlyPath: path))
            return
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ResultsError.database(path: directory.path, message: "cannot create folder (\(String(cString: strerror(errno))))")
        }
        let connection = try SQLiteDatabase(path: path)
        try connection.retryingWhileLocked {
            try connection.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            try connection.execute(Self.schema)
            try Self.migrate(connection)
            try Self.markAbandonedRuns(connection)
        }
        database = Mutex(connection)
    }

    static let schema = """
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            environment TEXT NOT NULL, workload TEXT NOT NULL, agent TEXT NOT NULL,
            hyperparameters TEXT NOT NULL, objective TEXT NOT NULL, objective_json TEXT NOT NULL,
            seed INTEGER NOT NULL, budget INTEGER NOT NULL, batch_size INTEGER NOT NULL,
            parameters TEXT NOT NULL, metrics TEXT NOT NULL, sweep_id TEXT,
            started_at REAL NOT NULL, ended_at REAL, status TEXT NOT NULL, status_detail TEXT,
            pid INTEGER NOT NULL, host TEXT NOT NULL,
            evaluations INTEGER NOT NULL DEFAULT 0, best_reward REAL, run_key TEXT, process_start TEXT);
        CREATE INDEX IF NOT EXISTS runs_by_sweep ON runs(sweep_id);
        CREATE TABLE IF NOT EXISTS evaluations (
            run_id INTEGER NOT NULL REFERENCES runs(id), idx INTEGER NOT NULL,
            design TEXT NOT NULL, metrics TEXT NOT NULL, feasible INTEGER NOT NULL, reason TEXT,
            reward REAL, best_so_far REAL, sim_wall_s REAL NOT NULL, wall_clock REAL NOT NULL,
            violation REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, idx));
        CREATE TABLE IF NOT EXISTS leases (
            sweep_id TEXT NOT NULL, run_key TEXT NOT NULL,
            host TEXT NOT NULL, pid INTEGER NOT NULL, process_start TEXT NOT NULL, heartbeat REAL NOT NULL,
            PRIMARY KEY (sweep_id, run_key));
        """

    /// Brings a store written by an earlier version up to the current schema.
    private static func migrate(_ connection: SQLiteDatabase) throws {
        let columns = try connection.query("PRAGMA table_info(runs)").compactMap { $0[1].text }
        if !columns.contains("run_key") { try connection.execute("ALTER TABLE runs ADD COLUMN run_key TEXT") }
        if !columns.contains("process_start") { try connection.execute("ALTER TABLE runs ADD COLUMN process_start TEXT") }
        let evaluationColumns = try connection.query("PRAGMA table_info(evaluations)").compactMap { $0[1].text }
        if !evaluationColumns.contains("violation") {
            try connection.execute("ALTER TABLE evaluations ADD COLUMN violation REAL NOT NULL DEFAULT 0")
        }
    }

    /// Runs left `running` by a process on this host that no longer exists (its pid gone, or reused
    /// by a process with another start time) become `interrupted`.
    private static func markAbandonedRuns(_ connection: SQLiteDatabase) throws {
        let host = ProcessInfo.processInfo.hostName
        let rows = try connection.query("SELECT id, pid, process_start FROM runs WHERE status = 'running' AND host = ?", [.text(host)])
        for row in rows {
            guard let id = row[0].int, let pid = row[1].int else { continue }
            let owner = ProcessIdentity(host: host, pid: pid, started: row[2].text ?? "")
            if owner.isAliveOnThisHost == false {
                try connection.query(
                    "UPDATE runs SET status = 'interrupted', status_detail = 'process \(pid) ended without finishing the run', ended_at = ? WHERE id = ?",
                    [.real(Date().timeIntervalSince1970), SQLiteValue(id)])
            }
        }
    }

    /// Records a new run as `running` and returns its id.
    public func beginRun(_ specification: RunSpecification) throws -> Int {
        let objectiveJSON = String(decoding: try JSONEncoder().encode(specification.objective), as: UTF8.self)
        let bindings: [SQLiteValue] = [
            .text(specification.environment), .text(specification.workload), .text(specification.agent),
            .text(specification.hyperparametersJSON), .text(specification.objective.description), .text(objectiveJSON),
            .integer(Int64(bitPattern: specification.seed)), SQLiteValue(specification.budget), SQLiteValue(specification.batchSize),
            .text(JSONValue.array(specification.parameterNames.map { .string($0) }).jsonText),
            .text(JSONValue.array(specification.metricNames.map { .string($0) }).jsonText),
            SQLiteValue(specification.sweepID), .real(Date().timeIntervalSince1970),
            SQLiteValue(ProcessIdentity.current.pid), .text(ProcessIdentity.current.host), SQLiteValue(specification.runKey),
            .text(ProcessIdentity.current.started),
        ]
        return try database.withLock { connection in
            try connection.query("""
                INSERT INTO runs (environment, workload, agent, hyperparameters, objective, objective_json, seed, budget,
                    batch_size, parameters, metrics, sweep_id, started_at, status, pid, host, run_key, process_start)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)
                """, bindings)
            return Int(connection.lastInsertedRowID)
        }
    }

    /// Durably records evaluations of a run (one transaction), and the run's progress.
    public func record(runID: Int, _ evaluations: [(index: Int, evaluation: Evaluation, bestSoFar: Double?)]) throws {
        guard !evaluations.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let rows: [[SQLiteValue]] = try evaluations.map { entry in
            let evaluation = entry.evaluation
            return [
                SQLiteValue(runID), SQLiteValue(entry.index), .text(evaluation.design.jsonText),
                .text(String(decoding: try encoder.encode(evaluation.metrics), as: UTF8.self)),
                .integer(evaluation.feasible ? 1 : 0), SQLiteValue(evaluation.reason), SQLiteValue(evaluation.reward),
                SQLiteValue(entry.bestSoFar), .real(evaluation.simWallSeconds), .real(now), .real(evaluation.violation),
            ]
        }
        let last = evaluations[evaluations.count - 1]
        try database.withLock { connection in
            try connection.transaction {
                for row in rows {
                    try connection.query("""
                        INSERT INTO evaluations (run_id, idx, design, metrics, feasible, reason, reward, best_so_far, sim_wall_s, wall_clock, violation)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, row)
                }
                try connection.query("UPDATE runs SET evaluations = ?, best_reward = ? WHERE id = ?",
                                     [SQLiteValue(last.index + 1), SQLiteValue(last.bestSoFar), SQLiteValue(runID)])
            }
        }
    }

    /// Marks a run ended with `status` (never `running`).
    public func finishRun(_ runID: Int, status: RunStatus, detail: String? = nil) throws {
        _ = try database.withLock { connection in
            try connection.query("UPDATE runs SET status = ?, status_detail = ?, ended_at = ? WHERE id = ?",
                                 [.text(status.rawValue), SQLiteValue(detail), .real(Date().timeIntervalSince1970), SQLiteValue(runID)])
        }
    }

    /// Deletes a run and its evaluations (used to restart a half-finished sweep run).
    public func deleteRun(_ runID: Int) throws {
        try database.withLock { connection in
            try connection.transaction { try Self.deleteRun(runID, connection) }
        }
    }

    static func deleteRun(_ runID: Int, _ connection: SQLiteDatabase) throws {
        try connection.query("DELETE FROM evaluations WHERE run_id = ?", [SQLiteValue(runID)])
        try connection.query("DELETE FROM runs WHERE id = ?", [SQLiteValue(runID)])
    }

    /// Stored runs, oldest first; only those of `sweepID` when given.
    public func runs(sweepID: String? = nil) throws -> [RunRecord] {
        let sql = "SELECT * FROM runs" + (sweepID == nil ? "" : " WHERE sweep_id = ?") + " ORDER BY id"
        let rows = try database.withLock { try $0.query(sql, sweepID.map { [.text($0)] } ?? []) }
        return try rows.map(Self.runRecord)
    }

    public func run(_ id: Int) throws -> RunRecord {
        let rows = try database.withLock { try $0.query("SELECT * FROM runs WHERE id = ?", [SQLiteValue(id)]) }
        guard let row = rows.first else { throw ResultsError.unknownRun(id: id) }
        return try Self.runRecord(row)
    }

    /// A run's best-so-far reward after each evaluation, in order (lighter than ``evaluations(runID:)``).
    public func bestSoFarCurve(runID: Int) throws -> [Double?] {
        try database.withLock {
            try $0.query("SELECT best_so_far FROM evaluations WHERE run_id = ? ORDER BY idx", [SQLiteValue(runID)]).map { $0[0].double }
        }
    }

    /// The largest reward among a run's evaluations (`nil` when it has none). Under the reward contract
    /// this is the reward of the run's best evaluation by ``EvaluationRank`` (a penalty when none was feasible).
    public func bestReward(runID: Int) throws -> Double? {
        try database.withLock {
            try $0.query("SELECT MAX(reward) FROM evaluations WHERE run_id = ?", [SQLiteValue(runID)]).first?[0].double
        }
    }

    /// A run's evaluations in order.
    public func evaluations(runID: Int) throws -> [EvaluationRecord] {
        let rows = try database.withLock {
            try $0.query("""
                SELECT run_id, idx, design, metrics, feasible, reason, reward, best_so_far, sim_wall_s, wall_clock, violation
                FROM evaluations WHERE run_id = ? ORDER BY idx
                """, [SQLiteValue(runID)])
        }
        let decoder = JSONDecoder()
        return try rows.map { row in
            let design = try decoder.decode(Design.self, from: Data((row[2].text ?? "{}").utf8))
            let metrics = try decoder.decode([String: Double].self, from: Data((row[3].text ?? "{}").utf8))
            let evaluation = Evaluation(design: design, metrics: metrics, feasible: row[4].int == 1, reason: row[5].text,
                                        reward: row[6].double, violation: row[10].double ?? 0, simWallSeconds: row[8].double ?? 0)
            return EvaluationRecord(runID: row[0].int ?? runID, index: row[1].int ?? 0, evaluation: evaluation,
                                    bestSoFar: row[7].double, wallClock: Date(timeIntervalSince1970: row[9].double ?? 0))
        }
    }

    // Column order of `SELECT * FROM runs` (see `schema`).
    private static func runRecord(_ row: [SQLiteValue]) throws -> RunRecord {
        let decoder = JSONDecoder()
        let objective = try decoder.decode(Objective.self, from: Data((row[6].text ?? "{}").utf8))
        let parameters = try decoder.decode([String].self, from: Data((row[10].text ?? "[]").utf8))
        let metrics = try decoder.decode([String].self, from: Data((row[11].text ?? "[]").utf8))
        let seed: UInt64
        if case .integer(let raw) = row[7] { seed = UInt64(bitPattern: raw) } else { seed = 0 }
        let specification = RunSpecification(
            environment: row[1].text ?? "", workload: row[2].text ?? "", agent: row[3].text ?? "",
            hyperparametersJSON: row[4].text ?? "{}", objective: objective, seed: seed,
            budget: row[8].int ?? 0, batchSize: row[9].int ?? 1, parameterNames: parameters, metricNames: metrics,
            sweepID: row[12].text, runKey: row[21].text)
        return RunRecord(
            id: row[0].int ?? 0, specification: specification,
            startedAt: Date(timeIntervalSince1970: row[13].double ?? 0), endedAt: row[14].double.map(Date.init(timeIntervalSince1970:)),
            status: RunStatus(rawValue: row[15].text ?? "") ?? .failed, statusDetail: row[16].text,
            evaluationCount: row[19].int ?? 0, bestReward: row[20].double)
    }
}
