import Foundation

/// Area and power of an accelerator in MAESTRO's closed form: PEs (MAC + L1 SRAM sized to the
/// layer's L1 requirement), one L2 SRAM sized to its L2 requirement, a bus and a matrix arbiter.
///
/// ```swift
/// let cost = HardwareCost(peCount: 256, simdLanes: 1, nocBandwidth: 1000, l1Bytes: 54, l2Bytes: 278)
/// cost.areaSquareMicrometres // ≈ 4.19049e8
/// ```
public struct HardwareCost: Sendable, Equatable, Codable {
    /// One-line statements of what the area and power figures are, for metric descriptions: MAESTRO's own
    /// model, reproduced (its bus grows with PEs × bandwidth and its arbiter with PEs², so designs with
    /// thousands of PEs come out at thousands of mm² and tens of W).
    public static let areaModelSummary = "MAESTRO's own 28 nm area model, as MAESTRO reports it: MACs + SRAM bytes + NoC bus ∝ PEs·bw + matrix arbiter ∝ PEs²"
    public static let powerModelSummary = "MAESTRO's own power model, as MAESTRO reports it: MACs + SRAM bytes + NoC bus ∝ PEs·bw + matrix arbiter ∝ PEs²"

    /// Total area (µm²).
    public var areaSquareMicrometres: Double
    /// Total power (mW).
    public var powerMilliwatts: Double
    /// Power of the MACs, the L1 SRAMs, the L2 SRAM and the NoC (mW).
    public var pePowerMilliwatts: Double
    public var l1PowerMilliwatts: Double
    public var l2PowerMilliwatts: Double
    public var nocPowerMilliwatts: Double

    public init(peCount: Int, simdLanes: Int, nocBandwidth: Int, l1Bytes: Int, l2Bytes: Int,
                coefficients c: CostCoefficients = .maestro) {
        let pes = Double(peCount)
        let l1Cells = Double(max(l1Bytes, 1))
        let l2Cells = Double(max(l2Bytes, 1))
        let macArea = c.macArea * Double(simdLanes)
        let macPower = c.macPower * Double(simdLanes)
        let busScale = c.busC1 * pes + c.busC0
        let arbiterScale = c.arbiterC2 * pes * pes + c.arbiterC1 * pes + c.arbiterC0
        let busArea = c.busUnitArea * busScale * Double(nocBandwidth)
        let busPower = c.busUnitPower * busScale / 1000 * Double(nocBandwidth)
        let arbiterArea = max(c.arbiterUnitArea * arbiterScale, c.arbiterUnitArea)
        let arbiterPower = max(c.arbiterUnitPower * arbiterScale / 1000, c.arbiterUnitPower)
        pePowerMilliwatts = pes * macPower
        l1PowerMilliwatts = pes * c.sramPowerPerByte * l1Cells
        l2PowerMilliwatts = c.sramPowerPerByte * l2Cells
        nocPowerMilliwatts = busPower + arbiterPower
        areaSquareMicrometres = pes * (macArea + c.sramAreaPerByte * l1Cells) + c.sramAreaPerByte * l2Cells + busArea + arbiterArea
        powerMilliwatts = pePowerMilliwatts + l1PowerMilliwatts + l2PowerMilliwatts + nocPowerMilliwatts
    }
}
