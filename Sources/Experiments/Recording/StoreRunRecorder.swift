import Environments
import Foundation
import GymCore
import Results
import Synchronization
import Wire

/// Records the runs clients open on a server (`open_run`, docs/protocol.md) in a results store, as
/// ordinary runs: the agent and hyperparameters the client stated, the session's environment,
/// workload, objective and seed, and every answered evaluation in order with its best-so-far. A
/// closed session's run ends `finished`; one whose session expired or whose server stopped ends
/// `interrupted`. So runs driven from Python (Optuna, Gymnasium loops) sit beside `dsegym run`'s in
/// `runs`, `report`, `export` and `dsegym.results`.
///
/// ```swift
/// let server = try EnvironmentServer(options: options, recorder: StoreRunRecorder(store: store))
/// ```
public final class StoreRunRecorder: RunRecorder {
    private struct Progress {
        var next = 0
        var best: Double?
    }

    public let store: ResultsStore
    private let progress = Mutex<[Int: Progress]>([:])

    public init(store: ResultsStore) { self.store = store }

    public func open(_ run: OpenedRun, environment: any Environment) throws -> Int {
        let specification = RunSpecification(
            environment: environment.name, workload: environment.workload, agent: run.agent,
            hyperparametersJSON: run.hyperparameters.jsonText, objective: environment.objective, seed: run.seed,
            budget: run.budget ?? 0, batchSize: 1, parameterNames: environment.parameterSpace.parameters.map(\.name),
            metricNames: environment.metrics.map(\.name), sweepID: run.sweep)
        let id = try store.beginRun(specification)
        progress.withLock { $0[id] = Progress() }
        return id
    }

    public func record(runID: Int, _ evaluations: [Evaluation]) throws {
        let rows = progress.withLock { table -> [(index: Int, evaluation: Evaluation, bestSoFar: Double?)] in
            var state = table[runID] ?? Progress()
            let rows = evaluations.map { evaluation -> (index: Int, evaluation: Evaluation, bestSoFar: Double?) in
                if evaluation.feasible, let reward = evaluation.reward { state.best = max(state.best ?? reward, reward) }
                defer { state.next += 1 }
                return (state.next, evaluation, state.best)
            }
            table[runID] = state
            return rows
        }
        try store.record(runID: runID, rows)
    }

    public func end(runID: Int, complete: Bool) {
        progress.withLock { _ = $0.removeValue(forKey: runID) }
        try? store.finishRun(runID, status: complete ? .finished : .interrupted,
                             detail: complete ? nil : "the client's session ended without a close (it expired, or the server stopped)")
    }
}
