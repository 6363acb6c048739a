import Agents
import Environments
import Foundation
import GymCore
import Results

/// Progress of a sweep, reported after every finished run.
public struct SweepProgress: Sendable {
    public var runsDone: Int
    public var runsTotal: Int
    /// Runs skipped because an earlier invocation finished them.
    public var runsSkipped: Int
    public var evaluations: Int
    public var elapsedSeconds: Double
    public var evaluationsPerSecond: Double { elapsedSeconds > 0 ? Double(evaluations) / elapsedSeconds : 0 }
    /// Estimated seconds left, from the pace of the runs executed so far.
    public var etaSeconds: Double? {
        let executed = runsDone - runsSkipped
        guard executed > 0 else { return nil }
        return elapsedSeconds / Double(executed) * Double(runsTotal - runsDone)
    }
}

/// What a sweep invocation did.
public struct SweepOutcome: Sendable {
    public var planned: Int
    /// Runs found complete in the store and not run again.
    public var skipped: Int
    /// Half-finished runs (interrupted or failed) deleted and run again.
    public var restarted: Int
    public var executed: Int
    public var failed: [String]
    public var evaluations: Int
    public var wallSeconds: Double
}

/// Runs a sweep's runs in parallel (`jobs` at a time, each run evaluating serially so results do not
/// depend on `jobs`), recording each in the store under the sweep's name.
///
/// Resuming: a run is identified by its key (a hash of environment, workload, objective, agent,
/// hyperparameters, seed and budget). Runs already complete in the store are skipped; a run left
/// `running` by a dead process, `interrupted` or `failed` is deleted with its evaluations and run
/// again. So re-running the same command after a kill ends with exactly the runs of an
/// uninterrupted sweep, each once.
public struct SweepRunner: Sendable {
    public var sweep: Sweep
    public var store: ResultsStore
    public var jobs: Int
    public var environments: EnvironmentRegistry
    public var agents: AgentRegistry

    public init(sweep: Sweep, store: ResultsStore, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                environments: EnvironmentRegistry = .standard, agents: AgentRegistry = .standard)
    {
        self.sweep = sweep
        self.store = store
        self.jobs = max(1, jobs)
        self.environments = environments
        self.agents = agents
    }

    public func run(progress: (@Sendable (SweepProgress) -> Void)? = nil) async throws -> SweepOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double {
            let duration = clock.now - start
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        let plan = sweep.plan()
        var stored: [String: [RunRecord]] = [:]
        for run in try store.runs(sweepID: sweep.name) { stored[run.specification.runKey ?? "", default: []].append(run) }

        var pending: [PlannedRun] = []
        var skipped = 0, restarted = 0
        for planned in plan {
            let previous = stored[planned.key] ?? []
            if previous.contains(where: { $0.status.isComplete }) {
                skipped += 1
                for extra in previous where !extra.status.isComplete { try store.deleteRun(extra.id) }
                continue
            }
            if try previous.contains(where: { try store.isOwnedByLiveProcess($0) && $0.status == .running }) {
                skipped += 1  // another live process is running it right now
                continue
            }
            for stale in previous {
                try store.deleteRun(stale.id)
                restarted += 1
            }
            pending.append(planned)
        }

        let total = plan.count
        var done = skipped, evaluations = 0
        var failed: [String] = []
        progress?(SweepProgress(runsDone: skipped, runsTotal: total, runsSkipped: skipped, evaluations: 0, elapsedSeconds: elapsed()))
        await withTaskGroup(of: (evaluations: Int, failure: String?).self) { group in
            var next = 0
            func submit() {
                let planned = pending[next]
                next += 1
                group.addTask {
                    do {
                        let summary = try await planned.experiment.run(store: store, environments: environments, agents: agents)
                        return (summary.evaluations, nil)
                    } catch {
                        let experiment = planned.experiment
                        return (0, "\(experiment.environment)/\(experiment.agent) seed \(experiment.options.seed): \(error)")
                    }
                }
            }
            while next < min(jobs, pending.count) { submit() }
            while let result = await group.next() {
                done += 1
                evaluations += result.evaluations
                if let failure = result.failure { failed.append(failure) }
                progress?(SweepProgress(runsDone: done, runsTotal: total, runsSkipped: skipped, evaluations: evaluations, elapsedSeconds: elapsed()))
                if next < pending.count { submit() }
            }
        }
        return SweepOutcome(planned: total, skipped: skipped, restarted: restarted, executed: pending.count,
                            failed: failed, evaluations: evaluations, wallSeconds: elapsed())
    }
}
