import Foundation

/// The cost of one layer on one accelerator, in MAESTRO's terms.
///
/// Counts are elements (one element = one byte in MAESTRO's model). L1 counts are the traffic between
/// the top-level sub-cluster buffers and their users; L2 counts are the shared buffer's.
public struct LayerResult: Sendable, Equatable, Codable {
    public var layer: String
    /// Cycles.
    public var runtimeCycles: Int
    /// MACs the mapping performs (MAESTRO's count, which can differ from the layer's true MACs).
    public var macs: Int
    /// The layer's true MACs from its dimensions.
    public var layerMACs: Int
    public var l1Reads: TensorCounts
    public var l1Writes: TensorCounts
    public var l2Reads: TensorCounts
    public var l2Writes: TensorCounts
    /// Buffer sizes the mapping needs (bytes; double-buffered).
    public var l1SizeRequiredBytes: Int
    public var l2SizeRequiredBytes: Int
    /// NoC bandwidth needed: peak and average over steps (elements per cycle).
    public var peakNoCBandwidth: Int
    public var averageNoCBandwidth: Double
    /// Off-chip bandwidth needed to hide L2 refills (elements per cycle).
    public var offchipBandwidthRequired: Int
    /// Average PEs busy per step.
    public var averageUtilizedPEs: Double
    /// MACs per cycle.
    public var throughputMACsPerCycle: Double
    /// Energy: MACs + 1.68 × L1 accesses + 18.61 × L2 accesses, in units of one MAC's energy, and in nJ.
    public var energyMACUnits: Double
    public var energyNanojoules: Double
    /// Area (µm²) and power (mW).
    public var areaSquareMicrometres: Double
    public var powerMilliwatts: Double
    /// Warnings: requirements above the hardware's L1, L2, NoC or off-chip limits (MAESTRO only warns).
    public var warnings: [String]
}
