import Environments
import Foundation
import Experiments
import GymCore

extension PerfSection {
    /// DRAMSim on ArchGym's four traces: simulated requests per second, time per run, the cost of
    /// building the environment, and — with `--dramsys` — DRAMSys timed on the same designs in the
    /// same run (median and worst ratio of time per run, and how far apart the two total times are).
    ///
    /// Designs: ArchGym's default policy plus random designs of the full knob space (seeded, so every
    /// invocation times the same ones). Without `--dramsys` the section prints the reference figure
    /// from ../shared/reference/dramsys/README.md (0.24 s median per DRAMSys run on this machine
    /// kind), labelled as such, never a ratio.
    static let dram = PerfSection(name: "dram", summary: "DRAMSim on ArchGym's traces; side by side with DRAMSys given --dramsys") { references in
        let randomDesigns = 9
        var rows: [PerfRow] = []
        let workspace = try references.dramsys.map { try $0.makeWorkspace() }
        defer { if let workspace { references.dramsys?.removeWorkspace(workspace) } }
        for workload in ["stream", "random", "cloud-1", "cloud-2"] {
            let item = "\(workload) (\(randomDesigns + 1) designs)"
            var environment: DRAMControllerEnvironment?
            let buildSeconds = try Stopwatch.seconds { environment = try DRAMControllerEnvironment(workload: workload) }
            guard let environment else { continue }
            var generator = SeededGenerator(seed: 7)
            let designs = [try environment.parameterSpace.validate([:], fillingDefaults: true)]
                + (0..<randomDesigns).map { _ in environment.parameterSpace.randomDesign(using: &generator) }
            var ours: [Double] = []
            var oursTime: [Double] = []
            for design in designs {
                let (repetitions, seconds) = try Stopwatch.repeatFor(minimumSeconds: 0.2) { _ = try environment.measure(design) }
                ours.append(seconds / Double(repetitions))
                oursTime.append(try environment.measure(design).metrics["total_time_ns"] ?? .nan)
            }
            let requests = Double(environment.trace.requests.count)
            rows.append(PerfRow(section: "dram", item: item, metric: "requests/s (median design)", value: requests / (median(ours) ?? .nan), unit: "1/s"))
            rows.append(PerfRow(section: "dram", item: item, metric: "DRAMSim time per run (median)", value: (median(ours) ?? .nan) * 1e3, unit: "ms"))
            rows.append(PerfRow(section: "dram", item: workload, metric: "environment construction", value: buildSeconds * 1e3, unit: "ms"))
            guard let dramsys = references.dramsys, let workspace else {
                rows.append(PerfRow(section: "dram", item: "\(workload) (reference figure, not measured here)",
                                    metric: "DRAMSys time per run, median (shared/reference/dramsys README)", value: 240, unit: "ms"))
                continue
            }
            var theirs: [Double] = []
            var errors: [Double] = []
            for (index, design) in designs.enumerated() {
                let outcome = try dramsys.run(trace: "\(workload).stl", knobs: design, in: workspace)
                theirs.append(outcome.wallSeconds)
                errors.append(abs(oursTime[index] - outcome.totalTimeNanoseconds) / outcome.totalTimeNanoseconds * 100)
            }
            let ratios = zip(theirs, ours).map { $0 / $1 }
            rows.append(PerfRow(section: "dram", item: item, metric: "DRAMSys time per run (median, measured)", value: (median(theirs) ?? .nan) * 1e3, unit: "ms"))
            rows.append(PerfRow(section: "dram", item: item, metric: "speed-up over DRAMSys per run (median design)", value: (median(ratios) ?? .nan), unit: "x"))
            rows.append(PerfRow(section: "dram", item: item, metric: "speed-up over DRAMSys per run (worst design)", value: ratios.min() ?? 0, unit: "x"))
            rows.append(PerfRow(section: "dram", item: item, metric: "total time vs DRAMSys (median |error|)", value: (median(errors) ?? .nan), unit: "%"))
        }
        return rows
    }
}
