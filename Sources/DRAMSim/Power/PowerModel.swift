/// Energy in pJ by component.
public struct EnergyBreakdown: Sendable, Hashable {
    public var activatePicojoules: Double
    public var prechargePicojoules: Double
    public var readPicojoules: Double
    public var writePicojoules: Double
    public var refreshPicojoules: Double
    /// Background energy: IDD3N while any bank is open, IDD2N while all are precharged, and IDD3P/IDD2P
    /// while powered down.
    public var backgroundPicojoules: Double
    public var totalPicojoules: Double {
        activatePicojoules + prechargePicojoules + readPicojoules + writePicojoules + refreshPicojoules + backgroundPicojoules
    }
}

/// DRAMPower's current model, per supply rail and device, summed over the rails (DDR3: VDD; DDR4:
/// VDD and VPP; LPDDR4: VDD1 and VDD2) and multiplied by the devices of the channel. For each rail
/// with voltage V and currents IDDx (DDR4's VPP: IPPx = memspec `idd02`, ...):
///
///     E_ACT = V·(IDD0 − IDD3N)·tRAS·tCK          per activate
///     E_PRE = V·(IDD0 − IDD2N)·tRP·tCK           per precharge (auto-precharges included)
///     E_RD  = V·(IDD4R − IDD3N)·(BL/2)·tCK       per read burst
///     E_WR  = V·(IDD4W − IDD3N)·(BL/2)·tCK       per write burst
///     E_REF = V·(IDD5 − IDD3N)·tRFC·tCK          per all-bank refresh
///     E_REFpb = V·IDD5PB·tRFCpb·tCK              per per-bank refresh (DRAMPower's REFB; LPDDR4's
///             = E_REF / banks                    average IDD5PB converted, see `PowerSpecReader`), or
///                                                E_REF / banks when the spec gives no IDD5PB
///     E_bg  = V·(IDD3N·t_active + IDD2N·t_precharged + IDD3P·t_pd_active + IDD2P·t_pd_precharged)
///
/// with currents in mA, V in volts and times in ns, so mA·V·ns = pJ. DDR4's VPP draws IPP0 while a
/// row is activated or precharged and (DRAMSys 4.0 sets its other currents to 0) nothing else.
public struct PowerModel: Sendable {
    public var spec: MemorySpec
    public var power: MemorySpec.Power

    public init?(spec: MemorySpec) {
        guard let power = spec.power else { return nil }
        self.spec = spec
        self.power = power
    }

    /// Energy of one per-bank refresh (REFpb) over the channel's devices, summed over the rails: the
    /// rail's per-bank refresh current over tRFCpb, or without one an all-bank refresh's energy
    /// shared by the banks (one REFpb refreshes 1/banks of the rows).
    public var perBankRefreshPicojoules: Double {
        let tCK = spec.clockPeriodNanoseconds, devices = Double(spec.devices), t = spec.timing
        return power.rails.reduce(0) { sum, rail in
            if let idd5pb = rail.idd5pb { return sum + rail.voltage * idd5pb * Double(t.rfcPerBank) * tCK * devices }
            return sum + rail.voltage * (rail.idd5 - rail.idd3n) * Double(t.rfc) * tCK * devices / Double(max(1, spec.banks))
        }
    }

    /// Energy for the given command counts and background times (ns).
    public func energy(commands: CommandCounts, activeNanoseconds: Double, prechargedNanoseconds: Double,
                       powerDownActiveNanoseconds: Double = 0, powerDownPrechargedNanoseconds: Double = 0) -> EnergyBreakdown
    {
        let tCK = spec.clockPeriodNanoseconds, devices = Double(spec.devices), t = spec.timing
        let burst = Double(spec.burstCycles) * tCK
        let perBankRefresh = commands.perBankRefreshes == 0 ? 0 : Double(commands.perBankRefreshes) * perBankRefreshPicojoules
        func railEnergy(_ rail: MemorySpec.Rail) -> EnergyBreakdown {
            let v = rail.voltage
            return EnergyBreakdown(
                activatePicojoules: Double(commands.activates) * v * (rail.idd0 - rail.idd3n) * Double(t.ras) * tCK * devices,
                prechargePicojoules: Double(commands.precharges) * v * (rail.idd0 - rail.idd2n) * Double(t.rp) * tCK * devices,
                readPicojoules: Double(commands.reads) * v * (rail.idd4r - rail.idd3n) * burst * devices,
                writePicojoules: Double(commands.writes) * v * (rail.idd4w - rail.idd3n) * burst * devices,
                refreshPicojoules: Double(commands.refreshes) * v * (rail.idd5 - rail.idd3n) * Double(t.rfc) * tCK * devices,
                backgroundPicojoules: v * devices * (rail.idd3n * activeNanoseconds + rail.idd2n * prechargedNanoseconds
                    + rail.idd3p * powerDownActiveNanoseconds + rail.idd2p * powerDownPrechargedNanoseconds))
        }
        var total = railEnergy(power.rails[0])
        for rail in power.rails.dropFirst() {
            let part = railEnergy(rail)
            total.activatePicojoules += part.activatePicojoules
            total.prechargePicojoules += part.prechargePicojoules
            total.readPicojoules += part.readPicojoules
            total.writePicojoules += part.writePicojoules
            total.refreshPicojoules += part.refreshPicojoules
            total.backgroundPicojoules += part.backgroundPicojoules
        }
        total.refreshPicojoules += perBankRefresh
        return total
    }
}
