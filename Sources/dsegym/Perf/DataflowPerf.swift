import DataflowSim
import Environments
import Foundation

extension PerfSection {
    /// DataflowSim layer evaluations per second, and the ratio to MAESTRO's per-layer time.
    ///
    /// MAESTRO anchors (reference README, same machine kind): ~0.05 s per process for the 8 small CONV
    /// layers (6.25 ms/layer) and ~0.4 s for ResNet-50 with kcp_ws (MAESTRO's file: 66 layers,
    /// 6.1 ms/layer). Ratio = our layers/s × MAESTRO's seconds per layer.
    static let dataflow = PerfSection(name: "dataflow", summary: "DataflowSim (MAESTRO cost model) layer evaluations per second") { _ in
        let hardware = HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 1000, offchipBandwidth: 50)
        let simulator = DataflowSimulator(hardware: hardware)
        let small: [(String, [String: Int])] = [
            ("L1", ["K": 16, "C": 3, "R": 3, "S": 3, "Y": 32, "X": 32]), ("L2", ["K": 32, "C": 16, "R": 3, "S": 3, "Y": 32, "X": 32]),
            ("L3", ["K": 64, "C": 32, "R": 3, "S": 3, "Y": 16, "X": 16]), ("L4", ["K": 64, "C": 64, "R": 3, "S": 3, "Y": 16, "X": 16]),
            ("L5", ["K": 128, "C": 64, "R": 3, "S": 3, "Y": 8, "X": 8]), ("L6", ["K": 128, "C": 128, "R": 1, "S": 1, "Y": 8, "X": 8]),
            ("L7", ["K": 32, "C": 32, "R": 5, "S": 5, "Y": 14, "X": 14]), ("L8", ["K": 256, "C": 128, "R": 3, "S": 3, "Y": 8, "X": 8]),
        ]
        var rows: [PerfRow] = []
        func measure(_ label: String, _ layers: [Layer], maestroSecondsPerLayer: Double) throws {
            var sink = 0
            let (repetitions, seconds) = try Stopwatch.repeatFor(minimumSeconds: 1) {
                for layer in layers { sink &+= try simulator.evaluate(layer).runtimeCycles }
            }
            precondition(sink != 0)
            let perSecond = Double(repetitions * layers.count) / seconds
            rows.append(PerfRow(section: "dataflow", item: label, metric: "layer evaluations/s", value: perSecond, unit: "1/s"))
            rows.append(PerfRow(section: "dataflow", item: label, metric: "speed-up over MAESTRO per layer",
                                value: perSecond * maestroSecondsPerLayer, unit: "x"))
        }
        for template in [DataflowTemplate.weightStationary, .rowStationary, .outputStationary] {
            let layers = small.map { name, dims in
                var layer = Layer(name: name, type: .conv, dimensions: dims, dataflow: [])
                layer.dataflow = template.directives(for: layer)
                return layer
            }
            try measure("8 small CONV layers, \(template.rawValue)", layers, maestroSecondsPerLayer: 0.05 / 8)
        }
        if let resnet = try? DataflowWorkloads.load("resnet50", environment: "perf") {
            let layers = resnet.layers.map { layer in
                var l = layer
                l.dataflow = DataflowTemplate.weightStationary.directives(for: layer)
                return l
            }
            try measure("ResNet-50 (\(layers.count) layers), kcp_ws", layers, maestroSecondsPerLayer: 0.4 / 66)
        }
        return rows
    }
}
