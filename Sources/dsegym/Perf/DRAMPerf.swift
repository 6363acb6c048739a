import Environments
import Foundation
import GymCore

extension PerfSection {
    /// DRAMSim simulated requests per second and the ratio to DRAMSys's time per run.
    ///
    /// DRAMSys anchor (reference README, same machine kind): a median of 0.24 s wall per run of these
    /// 10,000-request traces. Ratio = 0.24 s / our seconds per run (median over the designs below).
    static let dram = PerfSection(name: "dram", summary: "DRAMSim requests per second on ArchGym's traces") {
        let designs: [(String, Design)] = [
            ("ArchGym default policy", [:]),
            ("FR-FCFS, buffer 8, refresh", ["Scheduler": "FrFcfs", "RequestBufferSize": 8, "RefreshPolicy": "AllBank",
                                            "RefreshMaxPostponed": 8, "RefreshMaxPulledin": 8]),
            ("FR-FCFS, buffer 128", ["Scheduler": "FrFcfs", "RequestBufferSize": 128]),
        ]
        var rows: [PerfRow] = []
        for workload in ["stream", "random", "cloud-1", "cloud-2"] {
            let environment = try DRAMControllerEnvironment(workload: workload)
            var runSeconds: [Double] = []
            for (_, partial) in designs {
                let design = try environment.parameterSpace.validate(partial, fillingDefaults: true)
                let (repetitions, seconds) = try Stopwatch.repeatFor(minimumSeconds: 0.3) { _ = try environment.measure(design) }
                runSeconds.append(seconds / Double(repetitions))
            }
            let medianSeconds = runSeconds.sorted()[runSeconds.count / 2]
            let requests = Double(environment.trace.requests.count)
            rows.append(PerfRow(section: "dram", item: "\(workload) (median of \(designs.count) designs)", metric: "requests/s",
                                value: requests / medianSeconds, unit: "1/s"))
            rows.append(PerfRow(section: "dram", item: "\(workload) (median of \(designs.count) designs)", metric: "speed-up over DRAMSys per run",
                                value: 0.24 / medianSeconds, unit: "x"))
        }
        return rows
    }
}
