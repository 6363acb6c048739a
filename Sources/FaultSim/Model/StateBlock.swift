/// A named group of state bits in the NPU model, the unit for AVF and protection.
///
/// ```swift
/// let bits = model.bitCount(of: .accumulators)   // flop bits
/// ```
public enum StateBlock: String, Sendable, Hashable, Codable, CaseIterable {
    /// 32-bit accumulators, one per MAC lane (flops).
    case accumulators = "mac_array"
    /// Decoded-weight operand register, 8 bits per lane (flops).
    case weightDecoder = "weight_decoder"
    /// Input activation operand register, 8 bits per lane (flops).
    case inputRegisters = "input_registers"
    /// Output activation register, 8 bits per lane, holds requantized results until written (flops).
    case outputRegisters = "output_registers"
    /// Shared SRAM buffer for weights, biases, inputs and outputs (SRAM bits, whole buffer).
    case sharedBuffer = "shared_buffer"
    /// Load DMA address (24 bits) and length (16 bits) registers for weights and inputs (flops).
    case dmaLoad = "dma_load"
    /// Store DMA address (24 bits) and length (16 bits) registers for outputs (flops).
    case dmaStore = "dma_store"
    /// Sequencer: term counter and group counter, 16 bits each (flops).
    case control
    /// Output unit: requantization multiplier (32), shift (6), zero point (8) registers and the
    /// pooling line buffer (``NPUModel/poolingEntries`` × 16 bits) (flops).
    case outputUnit = "output_unit"

    /// True for SRAM blocks, false for flip-flop blocks.
    public var isSRAM: Bool { self == .sharedBuffer }
}

/// What a single-bit flip did to a run.
public enum FaultOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Outputs bit-identical to the golden run.
    case masked
    /// Silent data corruption: the run finished with wrong outputs.
    case sdc
    /// Detected or unrecoverable: hang (watchdog), out-of-range access (DMA bounds check).
    case detected
}
