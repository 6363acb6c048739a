/// One block's inputs to the ISO 26262 hardware metrics: raw rate, area and AVF split by outcome.
public struct BlockFaultProfile: Sendable, Hashable, Codable {
    public var block: StateBlock
    /// State bits (bits), raw soft-error rate (FIT), area (µm²).
    public var bits: Int, rawFIT: Double, area: Double
    /// Fraction of flips giving silent data corruption and detected/unrecoverable outcomes (0...1).
    public var sdcFraction: Double, detectedFraction: Double

    public init(block: StateBlock, bits: Int, rawFIT: Double, area: Double, sdcFraction: Double, detectedFraction: Double) {
        self.block = block; self.bits = bits; self.rawFIT = rawFIT; self.area = area
        self.sdcFraction = sdcFraction; self.detectedFraction = detectedFraction
    }

    /// Builds profiles from a campaign's AVF results.
    public static func profiles(model: NPUModel, avf: [BlockAVF], technology: TechnologyData = .default) -> [BlockFaultProfile] {
        avf.map { a in
            let n = Double(max(a.injections, 1))
            return BlockFaultProfile(block: a.block, bits: a.bits,
                                     rawFIT: technology.rawFIT(bits: a.bits, sram: a.block.isSRAM),
                                     area: technology.area(of: a.block, bits: a.bits, lanes: model.configuration.macsPerCycle),
                                     sdcFraction: Double(a.sdc) / n, detectedFraction: Double(a.detected) / n)
        }
    }
}

/// ISO 26262-5 hardware architectural metrics for one protection assignment.
///
/// Per block with raw rate λ (FIT), SDC fraction s, detected fraction d and protection with rate
/// reduction r, diagnostic coverage c and latent coverage l:
/// λ_nonsafe = λ(1−r)(s+d); residual λ_RF = λ(1−r)·s·(1−c); multi-point λ_MPF = λ(1−r)(d + s·c), of
/// which latent λ_L = λ(1−r)·s·c·(1−l) (hangs and DMA bounds errors are perceived, never latent).
/// SPFM = 1 − Σλ_RF/Σλ_nonsafe; LFM = 1 − Σλ_L/Σλ_MPF; PMHF ≈ Σλ_RF + Σλ_L (FIT, a conservative bound
/// that counts latent faults as if single-point). Area overhead = Σ area·fraction / Σ area (%).
///
/// ```swift
/// let metrics = SafetyMetrics(profiles: profiles, protection: [.sharedBuffer: .secded])
/// metrics.meets(.d)
/// ```
public struct SafetyMetrics: Sendable, Hashable, Codable {
    /// Single-point fault metric and latent fault metric (%).
    public var spfmPercent: Double, lfmPercent: Double
    /// Probabilistic metric for random hardware failures (FIT).
    public var pmhfFIT: Double
    /// Added area relative to the unprotected NPU (%; whole-chip lock-step = 100 %).
    public var areaOverheadPercent: Double
    /// Residual plus latent rate per block (FIT).
    public var residualFIT: [StateBlock: Double]

    public init(profiles: [BlockFaultProfile], protection: [StateBlock: Protection]) {
        var nonsafe = 0.0, residual = 0.0, multipoint = 0.0, latent = 0.0, area = 0.0, added = 0.0
        var perBlock: [StateBlock: Double] = [:]
        for p in profiles {
            let option = protection[p.block] ?? .none
            let rate = p.rawFIT * (1 - option.rateReduction)
            let rf = rate * p.sdcFraction * (1 - option.diagnosticCoverage)
            let lat = rate * p.sdcFraction * option.diagnosticCoverage * (1 - option.latentCoverage)
            nonsafe += rate * (p.sdcFraction + p.detectedFraction)
            residual += rf
            multipoint += rate * (p.detectedFraction + p.sdcFraction * option.diagnosticCoverage)
            latent += lat
            area += p.area
            added += p.area * option.areaFraction
            perBlock[p.block] = rf + lat
        }
        spfmPercent = nonsafe > 0 ? 100 * (1 - residual / nonsafe) : 100
        lfmPercent = multipoint > 0 ? 100 * (1 - latent / multipoint) : 100
        pmhfFIT = residual + latent
        areaOverheadPercent = area > 0 ? 100 * added / area : 0
        residualFIT = perBlock
    }

    /// ASIL hardware targets (ISO 26262-5 Tables 4–6 and 9).
    public enum ASIL: String, Sendable, CaseIterable, Codable {
        case b = "B", c = "C", d = "D"
        /// Minimum SPFM and LFM (%), maximum PMHF (FIT).
        public var targets: (spfm: Double, lfm: Double, pmhf: Double) {
            switch self {
            case .b: return (90, 60, 100)
            case .c: return (97, 80, 100)
            case .d: return (99, 90, 10)
            }
        }
    }

    public func meets(_ asil: ASIL) -> Bool {
        let t = asil.targets
        return spfmPercent >= t.spfm && lfmPercent >= t.lfm && pmhfFIT < t.pmhf
    }
}
