import DataflowSim
import Environments
import Foundation

extension PerfSection {
    /// DataflowSim layer evaluations per second against MAESTRO's per-layer time.
    /// With `maestro` (a MAESTRO binary), MAESTRO runs side by side on the same layers and mappings,
    /// written in its own format (`MappingWriter`), one process per network file as a user runs it
    /// (start-up included), repeated for ≥ 1 s; the ratio divides the two per-layer times. Without it the
    /// ratio uses the reference figure, labelled with its provenance (the reference README: ~0.05 s per
    /// process for the 8 small CONV layers, ~0.4 s for ResNet-50's 66 layers under kcp_ws).
    static let dataflow = PerfSection(name: "dataflow", summary: "DataflowSim (MAESTRO cost model) layer evaluations per second") { references in
        try DataflowPerf(maestro: references.maestro).measure()
    }

}

/// The measurements of the `dataflow` perf section.
struct DataflowPerf {
    var maestro: String?
    let hardware = HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 1000, offchipBandwidth: 50)

    static let small: [(String, [String: Int])] = [
        ("L1", ["K": 16, "C": 3, "R": 3, "S": 3, "Y": 32, "X": 32]), ("L2", ["K": 32, "C": 16, "R": 3, "S": 3, "Y": 32, "X": 32]),
        ("L3", ["K": 64, "C": 32, "R": 3, "S": 3, "Y": 16, "X": 16]), ("L4", ["K": 64, "C": 64, "R": 3, "S": 3, "Y": 16, "X": 16]),
        ("L5", ["K": 128, "C": 64, "R": 3, "S": 3, "Y": 8, "X": 8]), ("L6", ["K": 128, "C": 128, "R": 1, "S": 1, "Y": 8, "X": 8]),
        ("L7", ["K": 32, "C": 32, "R": 5, "S": 5, "Y": 14, "X": 14]), ("L8", ["K": 256, "C": 128, "R": 3, "S": 3, "Y": 8, "X": 8]),
    ]

    func measure() throws -> [PerfRow] {
        var rows: [PerfRow] = []
        for template in [DataflowTemplate.weightStationary, .rowStationary, .outputStationary] {
            let layers = Self.small.map { name, dims in
                var layer = Layer(name: name, type: .conv, dimensions: dims, dataflow: [])
                layer.dataflow = template.directives(for: layer)
                return layer
            }
            rows += try measure("8 small CONV layers, \(template.rawValue)", layers, referenceSecondsPerLayer: 0.05 / 8)
        }
        if let resnet = try? DataflowWorkloads.load("resnet50", environment: "perf") {
            let layers = resnet.layers.map { layer in
                var l = layer
                l.dataflow = DataflowTemplate.weightStationary.directives(for: layer)
                return l
            }
            rows += try measure("ResNet-50 (\(layers.count) layers), kcp_ws", layers, referenceSecondsPerLayer: 0.4 / 66)
        }
        return rows
    }

    private func measure(_ label: String, _ layers: [Layer], referenceSecondsPerLayer: Double) throws -> [PerfRow] {
        let simulator = DataflowSimulator(hardware: hardware)
        var sink = 0
        let (repetitions, seconds) = try Stopwatch.repeatFor(minimumSeconds: 1) {
            for layer in layers { sink &+= try simulator.evaluate(layer).runtimeCycles }
        }
        precondition(sink != 0)
        let perSecond = Double(repetitions * layers.count) / seconds
        var rows = [PerfRow(section: "dataflow", item: label, metric: "layer evaluations/s", value: perSecond, unit: "1/s")]
        if let maestro {
            let theirs = try maestroSecondsPerLayer(layers, binary: maestro)
            rows.append(PerfRow(section: "dataflow", item: label, metric: "MAESTRO per layer, measured here (process incl. start-up)",
                                value: theirs * 1000, unit: "ms"))
            rows.append(PerfRow(section: "dataflow", item: label, metric: "speed-up over MAESTRO per layer, measured side by side",
                                value: perSecond * theirs, unit: "x"))
        } else {
            rows.append(PerfRow(section: "dataflow", item: label,
                                metric: "speed-up vs MAESTRO's reference \(String(format: "%.2f", referenceSecondsPerLayer * 1000)) ms/layer (reference README, not measured; --maestro PATH measures)",
                                value: perSecond * referenceSecondsPerLayer, unit: "x"))
        }
        return rows
    }

    /// Seconds per layer of the MAESTRO binary on `layers`, one process per run of the whole file.
    private func maestroSecondsPerLayer(_ layers: [Layer], binary: String) throws -> Double {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-perf-maestro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try MappingWriter.hardwareText(hardware).write(to: directory.appendingPathComponent("hw.m"), atomically: true, encoding: .utf8)
        try MappingWriter.text(Network(name: "perf", layers: layers))
            .write(to: directory.appendingPathComponent("perf.m"), atomically: true, encoding: .utf8)
        let executable = URL(fileURLWithPath: binary)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw InputError("--maestro \(binary): not an executable file")
        }
        let run = {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["--HW_file=hw.m", "--Mapping_file=perf.m", "--print_res=false", "--print_res_csv_file=false", "--print_log_file=false"]
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw InputError("--maestro \(binary): MAESTRO exited with status \(process.terminationStatus) on \(layers.count) layers "
                                 + "(its input files are kept in \(directory.path))")
            }
        }
        try run()  // warm-up (page cache), not timed
        let (repetitions, seconds) = try Stopwatch.repeatFor(minimumSeconds: 1, run)
        try? FileManager.default.removeItem(at: directory)
        return seconds / Double(repetitions * layers.count)
    }
}
