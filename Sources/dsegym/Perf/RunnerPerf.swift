import Experiments
import Foundation

extension PerfSection {
    /// The runner's own overhead: random walk on the synthetic environment, with and without the store.
    static let runner = PerfSection(name: "runner", summary: "runner + results store overhead on the synthetic environment") { _ in
        var rows: [PerfRow] = []
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-perf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultsStore(directory: directory)
        for (label, batch, useStore) in [("batch 1, no store", 1, false), ("batch 1, store", 1, true), ("batch 64, store", 64, true)] {
            let experiment = Experiment(environment: "synthetic", agent: "random_walk",
                                        options: RunOptions(budget: 20_000, batchSize: batch, seed: 1))
            let summary = try await experiment.run(store: useStore ? store : nil)
            rows.append(PerfRow(section: "runner", item: "random_walk on synthetic, \(label)", metric: "evaluations/s",
                                value: summary.evaluationsPerSecond, unit: "1/s"))
        }
        return rows
    }
}

import Results
