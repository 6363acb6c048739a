import Foundation

/// MAESTRO's 28 nm cost coefficients (its `DSE_cost-database` and `DSE_scaling-coefficients`), as
/// numbers, so a study can swap them.
public struct CostCoefficients: Sendable, Equatable, Codable {
    /// Area of one MAC unit (µm²) and its power (mW).
    public var macArea = 283.0
    public var macPower = 1.2223
    /// Energy of one MAC (nJ). Buffer energies are multiples of it.
    public var macEnergyNanojoules = 0.00023
    /// L1 and L2 access energy in units of one MAC's energy.
    public var l1AccessEnergyMACs = 1.68
    public var l2AccessEnergyMACs = 18.61
    /// SRAM area (µm²) and power (mW) per byte, L1 and L2 alike.
    public var sramAreaPerByte = 0.104
    public var sramPowerPerByte = 0.00345
    /// Bus: area per unit (µm²), power per unit (mW), scaled by (c1 × PEs + c0) × bandwidth.
    public var busUnitArea = 101.7938
    public var busUnitPower = 0.8
    public var busC1 = 14.662
    public var busC0 = 28.895
    /// Matrix arbiter: unit area (µm²) and power (mW) scaled by c2 × PEs² + c1 × PEs + c0.
    public var arbiterUnitArea = 395.473
    public var arbiterUnitPower = 0.34
    public var arbiterC2 = 1.2886
    public var arbiterC1 = 5.5814
    public var arbiterC0 = -23.711

    public init() {}

    /// MAESTRO's defaults.
    public static let maestro = CostCoefficients()
}
