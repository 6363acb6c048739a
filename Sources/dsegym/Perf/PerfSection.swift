import Foundation
import GymCore

/// One measured figure of `dsegym perf`: what was measured, its value and unit.
struct PerfRow: Encodable {
    var section: String
    var item: String
    var metric: String
    var value: Double
    var unit: String
}

/// A named group of measurements (`simulators`, `agents`, `wire`, ...). Each section lives in its own
/// file under `Perf/` and is listed in ``PerfCommand/sections``.
struct PerfSection: Sendable {
    var name: String
    var summary: String
    var measure: @Sendable (PerfReferences) async throws -> [PerfRow]
}

/// The real tools `dsegym perf` may run side by side with ours (`--dramsys`, ...). A section whose
/// tool is not given prints the reference figure with its provenance instead of a measured ratio.
struct PerfReferences: Sendable {
    /// DRAMSys 4.0 binary and ArchGym's DRAMSys resources folder (`sims/DRAM/DRAMSys/library/resources`).
    var dramsys: DRAMSysReference?
    /// A MAESTRO binary, timed on the same layers as DataflowSim (`--maestro`).
    var maestro: String?
}

/// Wall-clock timing helpers for perf sections (release builds only give meaningful figures).
enum Stopwatch {
    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return (clock.now - start).seconds
    }

    /// Repeats `body` until at least `minimumSeconds` have passed (and at least once); returns the
    /// number of repetitions and the seconds they took.
    static func repeatFor(minimumSeconds: Double, _ body: () throws -> Void) rethrows -> (repetitions: Int, seconds: Double) {
        var repetitions = 0
        var total = 0.0
        while total < minimumSeconds || repetitions == 0 {
            total += try seconds(body)
            repetitions += 1
        }
        return (repetitions, total)
    }
}
