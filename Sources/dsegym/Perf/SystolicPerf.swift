import Environments
import Foundation
import GymCore
import SystolicSim

extension PerfSection {
    /// SystolicSim speed: layer simulations per second on SCALE-Sim's reference cases and on its
    /// speed anchor, with the ratio to SCALE-Sim's seconds per layer; whole-network evaluations.
    static let systolic = PerfSection(name: "systolic", summary: "SystolicSim layer simulations and systolic environment steps") { _ in
        var rows: [PerfRow] = []
        // The 12 SCALE-Sim 3.0.0 reference cases (/work/shared/reference/scalesim, cases.csv): layer and array.
        let conv = { (h: Int, f: Int, c: Int, n: Int, s: Int) in
            Layer(name: "case", ifmapHeight: h, ifmapWidth: h, filterHeight: f, filterWidth: f, channels: c, filters: n, stride: s)
        }
        let cases: [(Layer, ArchitectureConfig)] = [
            (conv(28, 3, 1, 1, 1), .init(rows: 8, columns: 8, dataflow: .outputStationary)),
            (conv(28, 3, 64, 64, 1), .init(rows: 16, columns: 16, dataflow: .outputStationary)),
            (conv(14, 1, 64, 128, 1), .init(rows: 8, columns: 8, dataflow: .weightStationary)),
            (conv(56, 7, 3, 64, 2), .init(rows: 16, columns: 16, dataflow: .weightStationary)),
            (.gemm(name: "case", m: 64, n: 1000, k: 512), .init(rows: 16, columns: 64, dataflow: .weightStationary)),
            (conv(28, 3, 1, 1, 1), .init(rows: 8, columns: 8, dataflow: .inputStationary)),
            (conv(14, 1, 64, 128, 1), .init(rows: 16, columns: 16, dataflow: .inputStationary)),
            (.gemm(name: "case", m: 256, n: 128, k: 256), .init(rows: 32, columns: 32, dataflow: .inputStationary)),
            (conv(28, 1, 128, 256, 2), .init(rows: 32, columns: 32, dataflow: .outputStationary, ifmapSRAMKilobytes: 512,
                                             filterSRAMKilobytes: 512, ofmapSRAMKilobytes: 512, bandwidthMode: .user)),
            (conv(28, 1, 128, 256, 2), .init(rows: 32, columns: 32, dataflow: .outputStationary, ifmapSRAMKilobytes: 4,
                                             filterSRAMKilobytes: 4, ofmapSRAMKilobytes: 4, bandwidthMode: .user)),
            (conv(14, 1, 64, 128, 1), .init(rows: 16, columns: 16, dataflow: .weightStationary, ifmapSRAMKilobytes: 1, filterSRAMKilobytes: 1,
                                            ofmapSRAMKilobytes: 1, bandwidthMode: .user, bandwidthWordsPerCycle: 4)),
            (conv(28, 1, 128, 256, 2), .init(rows: 32, columns: 32, dataflow: .weightStationary, ifmapSRAMKilobytes: 4,
                                             filterSRAMKilobytes: 4, ofmapSRAMKilobytes: 4)),
        ]
        let simulators = cases.map { (SystolicSimulator(config: $0.1), $0.0) }
        var sink = 0
        let timing = Stopwatch.repeatFor(minimumSeconds: 0.5) {
            for (simulator, layer) in simulators { sink &+= simulator.simulate(layer).totalCycles }
        }
        let casesPerSecond = Double(timing.repetitions * cases.count) / timing.seconds
        rows.append(PerfRow(section: "systolic", item: "12 SCALE-Sim reference cases", metric: "layer simulations/s",
                            value: casesPerSecond, unit: "1/s"))
        // SCALE-Sim 3.0.0 took 114.7 s of wall time for the 12 cases (cases.csv, wall_s_cli_pass1).
        rows.append(PerfRow(section: "systolic", item: "12 SCALE-Sim reference cases", metric: "SCALE-Sim seconds / ours (114.7 s)",
                            value: 114.7 / (Double(cases.count) / casesPerSecond), unit: "x"))

        // SCALE-Sim's anchor: ResNet-18 conv3 (28x28x128, 128 3x3 filters), 32x32 os, ~33 s of CPU per run.
        let anchor = conv(28, 3, 128, 128, 1)
        let anchorSimulator = SystolicSimulator(config: .init(rows: 32, columns: 32, dataflow: .outputStationary))
        let anchorTiming = Stopwatch.repeatFor(minimumSeconds: 0.5) { sink &+= anchorSimulator.simulate(anchor).totalCycles }
        let anchorSeconds = anchorTiming.seconds / Double(anchorTiming.repetitions)
        rows.append(PerfRow(section: "systolic", item: "ResNet-18 conv3 on 32x32 os", metric: "seconds/layer",
                            value: anchorSeconds, unit: "s"))
        rows.append(PerfRow(section: "systolic", item: "ResNet-18 conv3 on 32x32 os", metric: "SCALE-Sim seconds / ours (33 s)",
                            value: 33 / anchorSeconds, unit: "x"))

        for workload in ["resnet18", "mobilenet_v2", "bert_base"] {
            let environment = try SystolicEnvironment(workload: workload)
            let design = try environment.parameterSpace.validate([:], fillingDefaults: true)
            let steps = try Stopwatch.repeatFor(minimumSeconds: 0.3) { _ = try environment.step(design) }
            rows.append(PerfRow(section: "systolic", item: "systolic env step, \(workload) (\(environment.topology.layers.count) layers)",
                                metric: "evaluations/s", value: Double(steps.repetitions) / steps.seconds, unit: "1/s"))
        }
        if sink == 42 { print("") }   // keeps the timed work observable
        return rows
    }
}
