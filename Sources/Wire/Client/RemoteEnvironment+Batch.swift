import Foundation
import GymCore

extension RemoteEnvironment {
    /// Evaluates a batch with one `step_batch` round trip (the server spreads it over its cores),
    /// waiting on a dedicated thread rather than blocking the Swift concurrency pool. Designs are
    /// validated here first, as ``Environment/evaluate(batch:maxConcurrency:)`` does; a server that
    /// does not answer makes every design of the batch infeasible with the reason.
    ///
    /// ```swift
    /// let evaluations = try await environment.evaluateRemotely(batch: designs)
    /// ```
    public func evaluateRemotely(batch designs: [Design]) async throws -> [Evaluation] {
        let valid = try designs.map { design throws(ParameterError) in try parameterSpace.validate(design) }
        let reports: [(SimulatorReport, Double)] = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: self.reports(for: valid))
            }.start()
        }
        return zip(valid, reports).map { design, report in objective.evaluate(design, report.0, simWallSeconds: report.1) }
    }

    /// The server's reports (and simulator seconds) for validated designs; failures become infeasible reports.
    func reports(for designs: [Design]) -> [(SimulatorReport, Double)] {
        guard !designs.isEmpty else { return [] }
        do {
            let evaluations: [WireEvaluation] = try state.counting {
                let session = state.session.withLock { $0 }
                do {
                    return try client.stepBatch(session: session, designs: designs)
                } catch let error as WireError where error.code == WireError.Code.unknownSession.rawValue {
                    let renewed = try client.make(environment: state.environment, workload: state.workload, options: state.options).session
                    state.session.withLock { $0 = renewed }
                    try client.reset(session: renewed, seed: state.seed.withLock { $0 })
                    return try client.stepBatch(session: renewed, designs: designs)
                }
            }
            return evaluations.map { ($0.report, $0.simWallSeconds) }
        } catch {
            return designs.map { _ in (SimulatorReport.infeasible(String(describing: error)), 0) }
        }
    }
}
