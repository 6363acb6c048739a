import FaultSim
import GymCore

extension NPUFaultEnvironment: DescribesDetails {
    /// Per block: flop/SRAM bits, area (µm²) and share (%), raw FIT, AVF with its 95 % margin, SDC and
    /// detected fractions (AVF = SDC + detected); per option:
    /// diagnostic coverage, rate reduction, latent coverage (fractions) and area cost (% of block area).
    public var details: JSONValue {
        let totalArea = profiles.reduce(0) { $0 + $1.area }
        let blocks: [JSONValue] = zip(profiles, avf).map { profile, a in
            .object([
                "block": .string(profile.block.rawValue),
                "flop_bits": .number(profile.block.isSRAM ? 0 : Double(profile.bits)),
                "sram_bits": .number(profile.block.isSRAM ? Double(profile.bits) : 0),
                "area_um2": .number(profile.area),
                "area_share_pct": .number(100 * profile.area / totalArea),
                "raw_fit": .number(profile.rawFIT),
                "avf": .number(a.avf), "avf_margin": .number(a.margin),
                "sdc_fraction": .number(a.sdcFraction), "detected_fraction": .number(profile.detectedFraction),
                "injections": .number(Double(a.injections)),
                "options": .array(Protection.options(for: profile.block).map(\.rawValue).map(JSONValue.string)),
            ])
        }
        let options: [JSONValue] = Protection.allCases.map { p in
            .object(["option": .string(p.rawValue), "diagnostic_coverage": .number(p.diagnosticCoverage),
                     "rate_reduction": .number(p.rateReduction), "latent_coverage": .number(p.latentCoverage),
                     "area_cost_pct_of_block": .number(100 * p.areaFraction)])
        }
        return .object(["configuration": .string(configuration.name), "blocks": .array(blocks), "protection_options": .array(options)])
    }
}
