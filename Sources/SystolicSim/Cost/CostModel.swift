import Foundation

/// Energy (pJ) and area (mm²) of a systolic-array accelerator in a 45 nm process, from per-access,
/// per-PE and per-KB constants (sources and derivations in docs/systolic.md):
///
/// - MAC: 8-bit multiply 0.2 pJ + 32-bit add 0.1 pJ = 0.3 pJ (Horowitz, ISSCC 2014, 45 nm, 0.9 V).
/// - SRAM access: 1.25 pJ per byte at 8 KB, growing with √size (Horowitz: 64-bit reads cost 10 pJ at
///   8 KB, 20 pJ at 32 KB, 100 pJ at 1 MB).
/// - DRAM access: 243.75 pJ per byte (Horowitz: 1.3–2.6 nJ per 64-bit access; midpoint / 8).
/// - PE area: 8-bit multiplier 282 µm² + 32-bit adder 137 µm² (Horowitz) + 48 flip-flops × 5 µm² =
///   659 µm².
/// - SRAM area: 45 nm 6T cell 0.346 µm² (Mistry et al., IEDM 2007) at 50 % array efficiency =
///   5,669 µm² per KB.
///
/// Leakage and interconnect are not modelled.
///
/// ```swift
/// let cost = CostModel.horowitz45nm
/// print(cost.areaSquareMillimetres(config), cost.energyPicojoules(simulation, config))
/// ```
public struct CostModel: Sendable, Hashable, Codable {
    /// Energy of one multiply-accumulate, pJ.
    public var macPicojoules: Double
    /// Energy of one byte read or written in an 8 KB SRAM, pJ; scales with √(size / 8 KB).
    public var sramBytePicojoulesAt8KB: Double
    /// Energy of one byte moved to or from DRAM, pJ.
    public var dramBytePicojoules: Double
    /// Area of one processing element, mm².
    public var peSquareMillimetres: Double
    /// Area of one KB of SRAM, mm².
    public var sramKilobyteSquareMillimetres: Double

    public static let horowitz45nm = CostModel(macPicojoules: 0.3, sramBytePicojoulesAt8KB: 1.25, dramBytePicojoules: 243.75,
                                               peSquareMillimetres: 659e-6, sramKilobyteSquareMillimetres: 5669e-6)

    public init(macPicojoules: Double, sramBytePicojoulesAt8KB: Double, dramBytePicojoules: Double,
                peSquareMillimetres: Double, sramKilobyteSquareMillimetres: Double) {
        self.macPicojoules = macPicojoules
        self.sramBytePicojoulesAt8KB = sramBytePicojoulesAt8KB
        self.dramBytePicojoules = dramBytePicojoules
        self.peSquareMillimetres = peSquareMillimetres
        self.sramKilobyteSquareMillimetres = sramKilobyteSquareMillimetres
    }

    /// Energy of one byte access to an SRAM of `kilobytes` KB, pJ.
    public func sramBytePicojoules(kilobytes: Int) -> Double {
        sramBytePicojoulesAt8KB * (Double(kilobytes) / 8).squareRoot()
    }

    /// Chip area: PEs plus the three SRAMs (both halves of each), mm².
    public func areaSquareMillimetres(_ config: ArchitectureConfig) -> Double {
        Double(config.rows * config.columns) * peSquareMillimetres
            + Double(config.ifmapSRAMKilobytes + config.filterSRAMKilobytes + config.ofmapSRAMKilobytes) * sramKilobyteSquareMillimetres
    }

    /// Dynamic energy of one layer, pJ: MACs, SRAM accesses by the array and by DRAM fills/drains, DRAM bytes.
    public func energyPicojoules(_ layer: LayerSimulation, _ config: ArchitectureConfig) -> Double {
        let compute = layer.compute, memory = layer.memory
        let ifmap = Double(compute.ifmapSRAMReads + memory.ifmapDRAMReads) * sramBytePicojoules(kilobytes: config.ifmapSRAMKilobytes)
        let filter = Double(compute.filterSRAMReads + memory.filterDRAMReads) * sramBytePicojoules(kilobytes: config.filterSRAMKilobytes)
        let ofmap = Double(compute.ofmapSRAMWrites + memory.ofmapDRAMWrites) * sramBytePicojoules(kilobytes: config.ofmapSRAMKilobytes)
        return Double(compute.macs) * macPicojoules + ifmap + filter + ofmap + Double(memory.dramWords) * dramBytePicojoules
    }

    /// Dynamic energy of a network, pJ.
    public func energyPicojoules(_ network: NetworkSimulation, _ config: ArchitectureConfig) -> Double {
        network.layers.reduce(0) { $0 + energyPicojoules($1, config) }
    }
}
