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

    /// Loads a workload network by name.
    public static func load(_ name: String, environment: String) throws -> Network {
        guard let file = files[name] else {
            throw EnvironmentError.unknownWorkload(environment: environment, workload: name, known: names)
        }
        let directory = try EnvironmentData.require("dataflow", containing: "resnet18.m", environment: environment)
        return try MappingParser.parse(contentsOf: directory.appendingPathComponent(file))
    }
}
