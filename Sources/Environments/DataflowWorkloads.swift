import DataflowSim
import Foundation

/// The DNN workloads under `envs/dataflow/` (MAESTRO mapping files, dimensions only).
///
/// Looked up in `$DSEGYM_ENVS/dataflow`, then `./envs/dataflow`, then next to the package sources.
public enum DataflowWorkloads {
    /// Workload name → file name.
    public static let files: [String: String] = [
        "resnet18": "resnet18.m", "resnet50": "resnet50.m", "mobilenet_v2": "mobilenet_v2.m",
        "transformer_block": "transformer_block.m", "cifar10_resnet": "cifar10_resnet.m",
        "stl10_cnn": "stl10_cnn.m", "kws_dscnn": "kws_dscnn.m",
    ]

    public static let names = ["resnet18", "resnet50", "mobilenet_v2", "transformer_block", "cifar10_resnet", "stl10_cnn", "kws_dscnn"]

    static func directory() -> URL? {
        var candidates: [URL] = []
        if let root = ProcessInfo.processInfo.environment["DSEGYM_ENVS"] {
            candidates.append(URL(fileURLWithPath: root).appendingPathComponent("dataflow"))
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("envs/dataflow"))
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("envs/dataflow"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("resnet18.m").path) }
    }

    /// Loads a workload network by name.
    public static func load(_ name: String, environment: String) throws -> Network {
        guard let file = files[name] else {
            throw EnvironmentError.unknownWorkload(environment: environment, workload: name, known: names)
        }
        guard let directory = directory() else {
            throw EnvironmentError.invalidOption(environment: environment, option: "workload", value: name,
                                                 allowed: "a checkout with envs/dataflow/ (or set DSEGYM_ENVS)")
        }
        return try MappingParser.parse(contentsOf: directory.appendingPathComponent(file))
    }
}
