import Foundation
import SystolicSim

/// The networks the `systolic` environment ships: SCALE-Sim topology CSVs under `envs/systolic/`
/// (shapes and sources in its README), read like every environment's data (see ``EnvironmentData``).
///
/// ```swift
/// let resnet = try SystolicWorkloads.topology("resnet18")
/// ```
public enum SystolicWorkloads {
    /// Workload names with their topology kind, the default first.
    static let kinds: [(name: String, kind: Topology.Kind)] = [
        ("resnet18", .conv), ("alexnet", .conv), ("mobilenet_v1", .conv), ("mobilenet_v2", .conv), ("bert_base", .gemm),
    ]

    /// Workload names, the default first.
    public static let names: [String] = kinds.map(\.name)

    /// The parsed topology of a shipped workload, or an error listing the valid names.
    public static func topology(_ name: String) throws -> Topology {
        guard let kind = kinds.first(where: { $0.name == name })?.kind else {
            throw EnvironmentError.unknownWorkload(environment: "systolic", workload: name, known: names)
        }
        let directory = try EnvironmentData.require("systolic", containing: "resnet18.csv", environment: "systolic")
        return try Topology.parse(contentsOf: directory.appendingPathComponent("\(name).csv"), kind: kind)
    }
}
