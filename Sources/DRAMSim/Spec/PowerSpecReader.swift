import Foundation

/// Reads a memspec's `mempowerspec` into supply rails, accepting both DRAMSys 4.0's field names
/// (`vdd`, `idd0`, ... for VDD; `vdd2`, `idd02`, `idd2n2`, ... for DDR4's VPP or LPDDR4's VDD2) and
/// DRAMPower 5's (`vpp`, `ipp0`, `ipp2n`, ...; LPDDR4 `vdd1`, `idd01`, ...).
///
/// The second rail exists when the spec gives its voltage (`vdd2` or `vpp`); a current it omits is 0,
/// as DRAMSys 4.0 sets the VPP currents its memspec lacks. Every current must be a finite number
/// >= 0 (mA) and every voltage > 0 (V).
struct PowerSpecReader {
    let values: [String: Any]
    let file: String

    /// The first of `keys` the spec gives, checked to be finite and >= 0; `fallback` if none is given.
    func number(_ keys: [String], fallback: Double?) throws -> Double {
        for key in keys {
            guard let raw = values[key] else { continue }
            guard let value = (raw as? NSNumber)?.doubleValue, value.isFinite, value >= 0 else {
                throw DRAMInputError(file: file, "mempowerspec.\(key) = \(raw) is invalid; allowed: a finite number >= 0")
            }
            return value
        }
        if let fallback { return fallback }
        throw DRAMInputError(file: file, "mempowerspec.\(keys[0]) is missing or not a number")
    }

    /// One rail from its field names (first choice first): voltage, IDD0, IDD2N, IDD2P, IDD3N, IDD3P,
    /// IDD4R, IDD4W, IDD5, per-bank refresh current. The main rail needs them all (but the per-bank
    /// current); a second rail exists when its voltage is given and > 0, and its omitted currents are 0.
    func rail(_ names: [[String]], main: Bool) throws -> MemorySpec.Rail? {
        func given(_ keys: [String]) -> Bool { keys.contains { values[$0] != nil } }
        guard main || given(names[0]) else { return nil }
        let voltage = try number(names[0], fallback: nil)
        if !main && voltage == 0 { return nil }
        guard voltage > 0 else {
            throw DRAMInputError(file: file, "mempowerspec.\(names[0][0]) = \(voltage) is invalid; allowed: a voltage > 0")
        }
        let fallback: Double? = main ? nil : 0
        return MemorySpec.Rail(voltage: voltage, idd0: try number(names[1], fallback: fallback), idd2n: try number(names[2], fallback: fallback),
                               idd2p: try number(names[3], fallback: fallback), idd3n: try number(names[4], fallback: fallback),
                               idd3p: try number(names[5], fallback: fallback), idd4r: try number(names[6], fallback: fallback),
                               idd4w: try number(names[7], fallback: fallback), idd5: try number(names[8], fallback: fallback),
                               idd5pb: given(names[9]) ? try number(names[9], fallback: nil) : nil)
    }

    func power(for standard: MemorySpec.Standard, timing: MemorySpec.Timing) throws -> MemorySpec.Power {
        let main = [["vdd", "vdd1"], ["idd0", "idd01"], ["idd2n", "idd2n1"], ["idd2p1", "idd2p"], ["idd3n", "idd3n1"], ["idd3p1", "idd3p"],
                    ["idd4r", "idd4r1"], ["idd4w", "idd4w1"], ["idd5", "idd51"], ["idd5b", "idd5pb1", "idd5pb"]]
        let second = [["vdd2", "vpp"], ["idd02", "ipp0"], ["idd2n2", "ipp2n"], ["idd2p12", "idd2p2", "ipp2p"], ["idd3n2", "ipp3n"],
                      ["idd3p12", "idd3p2", "ipp3p"], ["idd4r2", "ipp4r"], ["idd4w2", "ipp4w"], ["idd52", "ipp5B"], ["idd5b2", "idd5pb2"]]
        var rails = try [rail(main, main: true)!]
        if let secondRail = try rail(second, main: false) { rails.append(secondRail) }
        if standard == .lpddr4, timing.rfcPerBank > 0, timing.refiPerBank > timing.rfcPerBank {
            // LPDDR4 memspecs give IDD5PB as JEDEC's average over tREFIpb; the current during the REFpb
            // itself, above the active background, is DRAMPower 5's
            // (IDD5PB·tREFIpb − IDD2N·(tREFIpb − tRFCpb)) / tRFCpb − IDD3N.
            let refi = Double(timing.refiPerBank), rfc = Double(timing.rfcPerBank)
            for index in rails.indices {
                guard let average = rails[index].idd5pb else { continue }
                let rail = rails[index]
                rails[index].idd5pb = max(0, (average * refi - rail.idd2n * (refi - rfc)) / rfc - rail.idd3n)
            }
        }
        return MemorySpec.Power(rails: rails)
    }
}
