/// A protection option for one state block, with its diagnostic coverage or rate reduction and area cost.
///
/// Figures (defaults, sources in docs/npu-fault.md): parity detects all single-bit SRAM upsets (DC 99 %
/// for the single-bit fault model; ISO 26262-5 Annex D rates parity "low" against all RAM failure
/// modes; +12.5 % block area: 1 bit per byte); SECDED corrects single-bit upsets (rate reduction 99 %,
/// +21.9 % block area: 7 check bits per 32); hardened flops (DICE-style) cut the upset rate by 90 %
/// for +60 % block area; duplication with comparator detects 99 % for +110 % block area (copy + comparator).
///
/// ```swift
/// Protection.secded.isAllowed(on: .sharedBuffer)   // true
/// ```
public enum Protection: String, Sendable, Hashable, Codable, CaseIterable {
    case none, parity, secded, hardened, duplication

    /// Fraction (0...1) of non-masked faults detected by the mechanism (multi-point, not residual).
    public var diagnosticCoverage: Double {
        switch self {
        case .parity: return 0.99
        case .duplication: return 0.99
        case .none, .secded, .hardened: return 0
        }
    }

    /// Fraction (0...1) of upsets removed before they can act (corrected or not occurring).
    public var rateReduction: Double {
        switch self {
        case .secded: return 0.99
        case .hardened: return 0.90
        case .none, .parity, .duplication: return 0
        }
    }

    /// Fraction (0...1) of detected faults that are reported (not latent).
    public var latentCoverage: Double {
        switch self {
        case .parity: return 0.90
        case .duplication: return 0.99
        case .none, .secded, .hardened: return 0
        }
    }

    /// Added area as a fraction of the protected block's area (fraction; 0.125 = +12.5 %).
    public var areaFraction: Double {
        switch self {
        case .none: return 0
        case .parity: return 0.125
        case .secded: return 7.0 / 32.0
        case .hardened: return 0.60
        case .duplication: return 1.10
        }
    }

    /// Parity and SECDED apply to SRAM only; hardened flops apply to flop blocks only.
    public func isAllowed(on block: StateBlock) -> Bool {
        switch self {
        case .none, .duplication: return true
        case .parity, .secded: return block.isSRAM
        case .hardened: return !block.isSRAM
        }
    }

    /// Options allowed on `block`, in ``allCases`` order.
    public static func options(for block: StateBlock) -> [Protection] { allCases.filter { $0.isAllowed(on: block) } }
}
