/// Raw soft-error rates and areas per bit used to turn bit counts into FIT and area.
///
/// Defaults (documented with sources in docs/npu-fault.md): SRAM 1.0e-3 FIT/bit (1000 FIT/Mbit, the
/// middle of IEC 61508's 700–1200 FIT/Mbit reference range), flip-flops 5.0e-4 FIT/bit (assumption);
/// area 0.2 µm²/SRAM bit and 4 µm²/flop bit, plus per-block logic area (assumptions).
///
/// ```swift
/// let tech = TechnologyData.default
/// tech.rawFIT(of: .sharedBuffer, in: model)   // FIT
/// ```
public struct TechnologyData: Sendable, Hashable, Codable {
    /// Soft-error rate of one SRAM bit and one flip-flop (FIT/bit; 1 FIT = 1 failure per 1e9 h).
    public var sramFITPerBit: Double, flopFITPerBit: Double
    /// Area of one SRAM bit including periphery and of one flip-flop (µm²/bit).
    public var sramAreaPerBit: Double, flopAreaPerBit: Double
    /// Combinational logic area per MAC lane (int8 multiplier + 32-bit adder) (µm²/lane).
    public var macLogicAreaPerLane: Double
    /// Fixed logic area of the output unit, sequencer and DMA (µm² each).
    public var outputUnitLogicArea: Double, controlLogicArea: Double, dmaLogicArea: Double

    public init(sramFITPerBit: Double, flopFITPerBit: Double, sramAreaPerBit: Double, flopAreaPerBit: Double,
                macLogicAreaPerLane: Double, outputUnitLogicArea: Double, controlLogicArea: Double, dmaLogicArea: Double) {
        self.sramFITPerBit = sramFITPerBit; self.flopFITPerBit = flopFITPerBit
        self.sramAreaPerBit = sramAreaPerBit; self.flopAreaPerBit = flopAreaPerBit
        self.macLogicAreaPerLane = macLogicAreaPerLane; self.outputUnitLogicArea = outputUnitLogicArea
        self.controlLogicArea = controlLogicArea; self.dmaLogicArea = dmaLogicArea
    }

    public static let `default` = TechnologyData(sramFITPerBit: 1.0e-3, flopFITPerBit: 5.0e-4,
                                                 sramAreaPerBit: 0.2, flopAreaPerBit: 4.0,
                                                 macLogicAreaPerLane: 250, outputUnitLogicArea: 2000,
                                                 controlLogicArea: 800, dmaLogicArea: 600)

    /// Raw (underated) soft-error rate of the block (FIT).
    public func rawFIT(bits: Int, sram: Bool) -> Double { Double(bits) * (sram ? sramFITPerBit : flopFITPerBit) }

    /// Area of the block: storage plus its logic (µm²).
    public func area(of block: StateBlock, bits: Int, lanes: Int) -> Double {
        let storage = Double(bits) * (block.isSRAM ? sramAreaPerBit : flopAreaPerBit)
        switch block {
        case .accumulators: return storage + Double(lanes) * macLogicAreaPerLane
        case .outputUnit: return storage + outputUnitLogicArea
        case .control: return storage + controlLogicArea
        case .dmaLoad, .dmaStore: return storage + dmaLogicArea / 2
        case .weightDecoder, .inputRegisters, .outputRegisters, .sharedBuffer: return storage
        }
    }
}
