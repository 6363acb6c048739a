import SystolicSim

/// The networks the `systolic` environment ships (shapes and sources in envs/systolic/README.md).
///
/// ```swift
/// let resnet = try SystolicWorkloads.topology("resnet18")
/// ```
public enum SystolicWorkloads {
    /// Workload names, the default first.
    public static let names: [String] = embedded.map(\.name)

    private static let parsed: [String: Topology] = {
        var topologies: [String: Topology] = [:]
        for entry in embedded {
            // The embedded rows are generated and covered by tests; a parse failure is a build defect.
            topologies[entry.name] = try! Topology.parse(entry.csv, file: "envs/systolic/\(entry.name).csv",
                                                         kind: entry.kind == "gemm" ? .gemm : .conv)
        }
        return topologies
    }()

    /// The parsed topology of a shipped workload, or an error listing the valid names.
    public static func topology(_ name: String) throws(EnvironmentError) -> Topology {
        guard let topology = parsed[name] else {
            throw .unknownWorkload(environment: "systolic", workload: name, known: names)
        }
        return topology
    }

    /// The CSV text of a shipped workload, as in envs/systolic/<name>.csv.
    public static func csv(_ name: String) -> String? { embedded.first { $0.name == name }?.csv }
}
