import Foundation

/// An accelerator as MAESTRO's hardware file describes it.
///
/// ```swift
/// let hw = HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 1000, offchipBandwidth: 50)
/// ```
public struct HardwareConfig: Sendable, Equatable, Codable {
    /// Number of processing elements.
    public var peCount: Int
    /// Per-PE L1 scratchpad capacity (bytes; one element is one byte in MAESTRO's model).
    public var l1SizeBytes: Int
    /// Shared L2 buffer capacity (bytes).
    public var l2SizeBytes: Int
    /// NoC bandwidth between L2 and the PEs (elements per cycle).
    public var nocBandwidth: Int
    /// Off-chip bandwidth into L2 (elements per cycle).
    public var offchipBandwidth: Int
    /// MACs per PE per cycle (MAESTRO's vector width; 1 unless set).
    public var simdLanes: Int
    /// NoC head latency added to every transfer (cycles; the hardware file's `NoC_NumHops`, 1 by default).
    public var nocLatency: Int

    public init(peCount: Int, l1SizeBytes: Int, l2SizeBytes: Int, nocBandwidth: Int, offchipBandwidth: Int,
                simdLanes: Int = 1, nocLatency: Int = 1) {
        self.peCount = peCount
        self.l1SizeBytes = l1SizeBytes
        self.l2SizeBytes = l2SizeBytes
        self.nocBandwidth = nocBandwidth
        self.offchipBandwidth = offchipBandwidth
        self.simdLanes = simdLanes
        self.nocLatency = nocLatency
    }
}
