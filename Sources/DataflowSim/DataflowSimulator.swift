import Foundation

/// Evaluates DNN layers on a spatial accelerator described by MAESTRO's data-centric directives.
///
/// A pure value: hardware and cost coefficients in, one `LayerResult` per layer out. Mappings that
/// cannot run (a cluster wider than the PE array, a filter tile whose size differs from its offset,
/// no spatial map, a mapping that computes nothing) throw `MappingError` naming the layer and directive.
/// A mapping whose MAC count differs from the layer's (partial edge tiles, as MAESTRO models them on
/// strided layers) runs with a warning in `LayerResult.warnings`; compare `macs` with `layerMACs`.
///
/// ```swift
/// let sim = DataflowSimulator(hardware: HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000,
///                                                      nocBandwidth: 1000, offchipBandwidth: 50))
/// let result = try sim.evaluate(layer)
/// print(result.runtimeCycles, result.energyNanojoules)
/// ```
public struct DataflowSimulator: Sendable {
    public var hardware: HardwareConfig
    public var coefficients: CostCoefficients

    public init(hardware: HardwareConfig, coefficients: CostCoefficients = .maestro) {
        self.hardware = hardware
        self.coefficients = coefficients
    }

    /// Every layer of a network, in order; stops at the first infeasible layer.
    public func evaluate(_ network: Network) throws(MappingError) -> [LayerResult] {
        try network.layers.map { layer throws(MappingError) in try evaluate(layer) }
    }

    public func evaluate(_ layer: Layer) throws(MappingError) -> LayerResult {
        var layer = layer
        // A depth-wise layer has one filter per channel: K plays no part (its K, if given, is ignored).
        if layer.type == .dwconv { layer.dimensions["K"] = 1 }
        if let problem = InputLimits.problem(with: hardware) {
            throw MappingError(layer: layer.name, directive: "-", reason: "hardware: \(problem)")
        }
        if let problem = InputLimits.problem(with: layer) { throw MappingError(layer: layer.name, directive: "-", reason: problem) }
        guard layer.size("Y") >= layer.size("R"), layer.size("X") >= layer.size("S") else {
            throw MappingError(layer: layer.name, directive: "-", reason: "filter larger than the input (R > Y or S > X)")
        }
        let levels = try LevelBuilder.build(layer: layer, peCount: hardware.peCount)
        var analyzer = LevelAnalyzer(levels: levels, tensors: TensorModel.forType(layer.type), hardware: hardware)
        let top = analyzer.analyze(level: 0, dims: TensorModel.names.map { layer.dimensions[$0] ?? 1 })
        let culprit = layer.dataflow.first { if case .cluster = $0 { return true } else { return false } }
            ?? layer.dataflow.first { if case .spatial = $0 { return true } else { return false } }
        guard !top.overflowed else {
            throw MappingError(layer: layer.name, directive: culprit?.description ?? "-",
                               reason: "a count passes 2^60 (the mapping's tiles repeat too often); use smaller dimensions or larger tiles")
        }
        guard top.macs > 0, top.runtime > 0 else {
            throw MappingError(layer: layer.name, directive: culprit?.description ?? "-",
                               reason: "the mapping computes no MACs on this layer (a tile or cluster wider than its dimension)")
        }
        let counts = [top.upperReads, top.upperWrites, top.lowerReads, top.lowerWrites]
        guard counts.allSatisfy({ $0.input >= 0 && $0.weight >= 0 && $0.output >= 0 }) else {
            throw MappingError(layer: layer.name, directive: culprit?.description ?? "-",
                               reason: "edge tiles narrower than the filter give negative buffer traffic in MAESTRO's tile arithmetic")
        }
        // L1 requirement: the innermost level's double-buffered tiles.
        let inner = levels[levels.count - 1]
        let tensors = TensorModel.forType(layer.type)
        var l1 = 0
        for coupled in [tensors.input, tensors.weight, tensors.output] {
            l1 += 2 * inner.directives.filter { coupled.contains($0.dimension) }.reduce(1) { $0 * $1.size }
        }
        let l2 = top.upperBufferRequirement.total
        let cost = HardwareCost(peCount: hardware.peCount, simdLanes: hardware.simdLanes, nocBandwidth: hardware.nocBandwidth,
                                l1Bytes: l1, l2Bytes: l2, coefficients: coefficients)
        let l1Accesses = top.lowerReads.total + top.lowerWrites.total
        let l2Accesses = top.upperReads.total + top.upperWrites.total
        let energyUnits = Double(top.macs) + coefficients.l1AccessEnergyMACs * Double(l1Accesses)
            + coefficients.l2AccessEnergyMACs * Double(l2Accesses)
        var warnings: [String] = []
        if top.macs != layer.macCount {
            // MAESTRO's tile arithmetic (stride-free output tiles, edge tiles narrower than the filter) can
            // count other MACs than the layer has; its figures are reproduced and flagged here.
            let verb = top.macs < layer.macCount ? "covers only" : "counts"
            warnings.append("the mapping \(verb) \(top.macs) MACs of the layer's \(layer.macCount) "
                            + "(MAESTRO's strided/edge tile arithmetic; \(culprit?.description ?? "-"))")
        }
        if l1 > hardware.l1SizeBytes { warnings.append("L1 requirement \(l1) B exceeds the given \(hardware.l1SizeBytes) B") }
        if l2 > hardware.l2SizeBytes { warnings.append("L2 requirement \(l2) B exceeds the given \(hardware.l2SizeBytes) B") }
        if top.peakNoCBandwidth > hardware.nocBandwidth { warnings.append("NoC bandwidth requirement \(top.peakNoCBandwidth) exceeds the given \(hardware.nocBandwidth)") }
        if top.offchipBandwidth > hardware.offchipBandwidth { warnings.append("off-chip bandwidth requirement \(top.offchipBandwidth) exceeds the given \(hardware.offchipBandwidth)") }
        return LayerResult(
            layer: layer.name, runtimeCycles: top.runtime, macs: top.macs, layerMACs: layer.macCount,
            l1Reads: top.lowerReads, l1Writes: top.lowerWrites, l2Reads: top.upperReads, l2Writes: top.upperWrites,
            l1SizeRequiredBytes: l1, l2SizeRequiredBytes: l2,
            peakNoCBandwidth: top.peakNoCBandwidth, averageNoCBandwidth: top.averageNoCBandwidth,
            offchipBandwidthRequired: top.offchipBandwidth, averageUtilizedPEs: top.averageActiveUnits,
            throughputMACsPerCycle: Double(top.macs) / Double(top.runtime),
            energyMACUnits: energyUnits, energyNanojoules: energyUnits * coefficients.macEnergyNanojoules,
            areaSquareMicrometres: cost.areaSquareMicrometres, powerMilliwatts: cost.powerMilliwatts, warnings: warnings)
    }
}
