import Agents
import Environments
import Foundation
import GymCore
import Results

/// Progress of a sweep or a comparison: runs done, evaluations so far, elapsed time and an estimate
/// of the time left.
public struct SweepProgress: Sendable {
    public var runsDone: Int
    public var runsTotal: Int
    /// Runs skipped because an earlier invocation finished them.
    public var runsSkipped: Int
    public var evaluations: Int
    public var elapsedSeconds: Double
    public var evaluationsPerSecond: Double { elapsedSeconds > 0 ? Double(evaluations) / elapsedSeconds : 0 }
    /// Evaluations the remaining work may take at most (every run using its budget), when known.
    public var evaluationsPlanned: Int?
    /// Estimated seconds left: from the pace of evaluations when the plan is known, else of runs.
    public var etaSeconds: Double? {
        if let evaluationsPlanned, evaluations > 0 {
            return elapsedSeconds / Double(evaluations) * Double(max(0, evaluationsPlanned - evaluations))
        }
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
    /// Runs another live sweep process held (and ran) while this one went through the plan.
    public var runningElsewhere: Int
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
/// Resuming and sharing: a run is identified by its key (a hash of environment, workload, objective,
/// agent, hyperparameters, seed and budget). Just before running a key the runner claims it in the
/// store (``ResultsStore/claimRun(sweepID:runKey:)``, one transaction): a key with a complete run is
/// skipped, a key another live process holds is left to it, and otherwise half-finished attempts (left
/// `running` by a dead process, `interrupted` or `failed`) are deleted and the key is run again. So
/// re-running the same command after a kill ends with exactly the runs of an uninterrupted sweep, and
/// any number of sweep processes on one file and store run each key once.
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
        func elapsed() -> Double { (clock.now - start).seconds }
        let plan = sweep.plan()
        let total = plan.count
        var done = 0, skipped = 0, elsewhere = 0, restarted = 0, executed = 0, evaluations = 0
        var failed: [String] = []
        func report() {
            progress?(SweepProgress(runsDone: done, runsTotal: total, runsSkipped: skipped + elsewhere, evaluations: evaluations,
                                    elapsedSeconds: elapsed(), evaluationsPlanned: nil))
        }
        // Leases of the runs this process holds stay fresh while it works (other hosts judge them by it).
        let store = self.store
        let heartbeat = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(ResultsStore.leaseTimeoutSeconds / 6))
                try? store.heartbeat()
            }
        }
        defer { heartbeat.cancel() }
        report()
        await withTaskGroup(of: (evaluations: Int, failure: String?).self) { group in
            var next = 0
            /// Claims the next planned run nobody has done or is doing and starts it; `false` when none is left.
            func submitNext() -> Bool {
                while next < plan.count {
                    let planned = plan[next]
                    next += 1
                    let claim: RunClaim
                    do { claim = try store.claimRun(sweepID: sweep.name, runKey: planned.key) } catch {
                        failed.append("\(planned.experiment.environment)/\(planned.experiment.agent) seed \(planned.experiment.options.seed): \(error)")
                        done += 1
                        continue
                    }
                    switch claim {
                    case .complete:
                        skipped += 1
                        done += 1
                        report()
                    case .heldElsewhere:
                        elsewhere += 1   // another sweep process is running it right now
                        done += 1
                        report()
                    case .claimed(let count):
                        restarted += count
                        executed += 1
                        group.addTask { [environments, agents, sweep] in
                            defer { try? store.releaseRun(sweepID: sweep.name, runKey: planned.key) }
                            do {
                                let summary = try await planned.experiment.run(store: store, environments: environments, agents: agents)
                                return (summary.evaluations, nil)
                            } catch {
                                let experiment = planned.experiment
                                return (0, "\(experiment.environment)/\(experiment.agent) seed \(experiment.options.seed): \(error)")
                            }
                        }
                        return true
                    }
                }
                return false
            }
            var running = 0
            while running < jobs, submitNext() { running += 1 }
            while let result = await group.next() {
                done += 1
                evaluations += result.evaluations
                if let failure = result.failure { failed.append(failure) }
                report()
                if !submitNext() { running -= 1 }
            }
        }
        return SweepOutcome(planned: total, skipped: skipped, runningElsewhere: elsewhere, restarted: restarted, executed: executed,
                            failed: failed, evaluations: evaluations, wallSeconds: elapsed())
    }
}
