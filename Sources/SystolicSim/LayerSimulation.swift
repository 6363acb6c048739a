/// Everything the simulator reports for one layer: compute figures (exact) and memory figures.
///
/// ```swift
/// let result = SystolicSimulator(config: config).simulate(layer)
/// print(result.totalCycles, result.stallCycles)
/// ```
public struct LayerSimulation: Sendable, Hashable {
    public let layer: Layer
    public let compute: ComputeMetrics
    public let memory: MemoryTraffic

    /// Cycles including memory stalls.
    public var totalCycles: Int { compute.cycles + memory.stallCycles }
    /// Cycles lost waiting for memory.
    public var stallCycles: Int { memory.stallCycles }
    /// MACs / (PEs · total cycles), percent.
    public var overallUtilizationPercent: Double { compute.overallUtilizationPercent(totalCycles: totalCycles) }
}

/// Runs layers and networks on one architecture. Pure and cheap: closed forms per layer, a loop over
/// folds only for the floating-point means.
///
/// ```swift
/// let simulator = SystolicSimulator(config: ArchitectureConfig(rows: 32, columns: 32, dataflow: .weightStationary))
/// let network = simulator.simulate(topology)
/// print(network.totalCycles)
/// ```
public struct SystolicSimulator: Sendable {
    public let config: ArchitectureConfig

    public init(config: ArchitectureConfig) { self.config = config }

    public func simulate(_ layer: Layer) -> LayerSimulation {
        let compute = ComputeMetrics(layer: layer, rows: config.rows, columns: config.columns, dataflow: config.dataflow)
        return LayerSimulation(layer: layer, compute: compute,
                               memory: MemoryTraffic(layer: layer, config: config, compute: compute))
    }

    /// Simulates every layer; layers of identical shape (e.g. the per-channel slices of a depthwise
    /// layer) are simulated once and the result reused.
    public func simulate(_ topology: Topology) -> NetworkSimulation {
        var cache: [Layer: LayerSimulation] = [:]
        let layers = topology.layers.map { layer in
            var shape = layer
            shape.name = ""
            if let known = cache[shape] {
                return LayerSimulation(layer: layer, compute: known.compute, memory: known.memory)
            }
            let simulation = simulate(layer)
            cache[shape] = simulation
            return simulation
        }
        return NetworkSimulation(layers: layers)
    }
}

/// A network's layers simulated one after another; totals are sums over layers.
public struct NetworkSimulation: Sendable, Hashable {
    public let layers: [LayerSimulation]

    /// Cycles including stalls, summed over layers.
    public var totalCycles: Int { layers.reduce(0) { $0 + $1.totalCycles } }
    public var stallCycles: Int { layers.reduce(0) { $0 + $1.stallCycles } }
    public var computeCycles: Int { layers.reduce(0) { $0 + $1.compute.cycles } }
    public var macs: Int { layers.reduce(0) { $0 + $1.compute.macs } }
    /// DRAM traffic, words (bytes).
    public var dramWords: Int { layers.reduce(0) { $0 + $1.memory.dramWords } }
}
