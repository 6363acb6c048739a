import Foundation
import GymCore
import Synchronization

/// Counts runs and evaluations finished by concurrent runs of one comparison, and turns them into
/// ``SweepProgress`` values (safe to call from any task).
final class ProgressTally: Sendable {
    private struct Counts {
        var runsDone = 0
        var evaluations = 0
    }

    private let counts = Mutex(Counts())
    private let runsTotal: Int
    private let evaluationsPlanned: Int
    private let started = ContinuousClock.now

    init(runsTotal: Int, evaluationsPlanned: Int) {
        self.runsTotal = runsTotal
        self.evaluationsPlanned = evaluationsPlanned
    }

    func add(evaluations: Int) -> SweepProgress {
        snapshot(counts.withLock { $0.evaluations += evaluations; return $0 })
    }

    func finishRun() -> SweepProgress {
        snapshot(counts.withLock { $0.runsDone += 1; return $0 })
    }

    private func snapshot(_ now: Counts) -> SweepProgress {
        SweepProgress(runsDone: now.runsDone, runsTotal: runsTotal, runsSkipped: 0, evaluations: now.evaluations,
                      elapsedSeconds: (ContinuousClock.now - started).seconds, evaluationsPlanned: evaluationsPlanned)
    }
}
