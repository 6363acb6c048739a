import Environments
import GymCore

/// What a client says about the run it opens on a session (`open_run`): who drives it and how.
public struct OpenedRun: Sendable, Equatable {
    /// The agent's name as the client states it (e.g. `optuna-tpe`).
    public var agent: String
    /// The agent's hyperparameters as a JSON object (`{}` when none were given).
    public var hyperparameters: JSONValue
    /// The seed the client reset the session with.
    public var seed: UInt64
    public var sweep: String?
    /// Evaluations the client plans (its budget); `nil` when it did not say.
    public var budget: Int?

    public init(agent: String, hyperparameters: JSONValue = .object([:]), seed: UInt64, sweep: String? = nil, budget: Int? = nil) {
        self.agent = agent
        self.hyperparameters = hyperparameters
        self.seed = seed
        self.sweep = sweep
        self.budget = budget
    }
}

/// Where a server records the runs its clients open (`open_run`): every step of such a session is
/// recorded in order, and the run ends when the session does. Wire knows nothing of the results
/// store; `dsegym serve --results DIR` gives a recorder backed by it.
public protocol RunRecorder: Sendable {
    /// Starts a run of the session's environment (its name, workload, space, metrics and objective);
    /// returns the run's id.
    func open(_ run: OpenedRun, environment: any Environment) throws -> Int
    /// Records a session's next evaluations, in the order they were answered.
    func record(runID: Int, _ evaluations: [Evaluation]) throws
    /// Ends a run: `complete` when the client closed its session, otherwise it was abandoned (the
    /// session expired or the server stopped) and the run counts as interrupted.
    func end(runID: Int, complete: Bool)
}

extension OpenedRun {
    /// The `run` object of an `open_run` request: `agent` (required, 1...100 characters),
    /// `hyperparameters` (an object), `sweep` (a string) and `budget` (1...100000000).
    init(wire: JSONValue, seed: UInt64) throws(WireError) {
        guard case .object(let fields) = wire else { throw WireError(.badRequest, "run must be an object", field: "run") }
        for key in fields.keys where !["agent", "hyperparameters", "sweep", "budget"].contains(key) {
            throw WireError(.badRequest, "unknown field 'run.\(key)'; valid fields: agent, hyperparameters, sweep, budget", field: "run.\(key)")
        }
        guard let agent = fields["agent"]?.string, (1...100).contains(agent.count) else {
            throw WireError(.badRequest, "run.agent must be a name of 1...100 characters", field: "run.agent")
        }
        let hyperparameters = fields["hyperparameters"] ?? .object([:])
        guard case .object = hyperparameters else {
            throw WireError(.badRequest, "run.hyperparameters must be an object", field: "run.hyperparameters")
        }
        var sweep: String?
        if let value = fields["sweep"], value != .null {
            guard let text = value.string, (1...200).contains(text.count) else {
                throw WireError(.badRequest, "run.sweep must be a name of 1...200 characters", field: "run.sweep")
            }
            sweep = text
        }
        var budget: Int?
        if let value = fields["budget"], value != .null {
            guard let number = value.number, number.rounded() == number, (1...100_000_000).contains(number) else {
                throw WireError(.badRequest, "run.budget must be an integer in 1...100000000", field: "run.budget")
            }
            budget = Int(number)
        }
        self.init(agent: agent, hyperparameters: hyperparameters, seed: seed, sweep: sweep, budget: budget)
    }
}
