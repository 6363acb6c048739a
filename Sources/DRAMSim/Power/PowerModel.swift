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

/// The classic DRAMPower model, per device and multiplied by the devices of the channel:
///
///     E_ACT = VDD·(IDD0 − IDD3N)·tRAS·tCK          per activate
///     E_PRE = VDD·(IDD0 − IDD2N)·tRP·tCK           per precharge (auto-precharges included)
///     E_RD  = VDD·(IDD4R − IDD3N)·(BL/2)·tCK       per read burst
///     E_WR  = VDD·(IDD4W − IDD3N)·(BL/2)·tCK       per write burst
///     E_REF = VDD·(IDD5 − IDD3N)·tRFC·tCK          per all-bank refresh
///     E_REFpb = VDD·IDD5B·tRFCpb·tCK               per per-bank refresh (DRAMPower's REFB), or
///             = E_REF / banks                      when the spec gives no per-bank current IDD5B
///     E_bg  = VDD·(IDD3N·t_active + IDD2N·t_precharged + IDD3P·t_pd_active + IDD2P·t_pd_precharged)
///
/// with currents in mA, VDD in V and times in ns, so mA·V·ns = pJ.
public struct PowerModel: Sendable {
    public var spec: MemorySpec
    public var power: MemorySpec.Power

    public init?(spec: MemorySpec) {
        guard let power = spec.power else { return nil }
        self.spec = spec
        self.power = power
    }

    /// Energy of one per-bank refresh (REFpb) over the channel's devices: DRAMPower's REFB charge,
    /// VDD·IDD5B·tRFCpb, with the spec's per-bank refresh current; without one, an all-bank refresh's
    /// energy shared by the banks (one REFpb refreshes 1/banks of the rows).
    public var perBankRefreshPicojoules: Double {
        let tCK = spec.clockPeriodNanoseconds, devices = Double(spec.devices), vdd = power.vdd, t = spec.timing
        if let idd5pb = power.idd5pb { return vdd * idd5pb * Double(t.rfcPerBank) * tCK * devices }
        return vdd * (power.idd5 - power.idd3n) * Double(t.rfc) * tCK * devices / Double(max(1, spec.banks))
    }

    /// Energy for the given command counts and background times (ns).
    public func energy(commands: CommandCounts, activeNanoseconds: Double, prechargedNanoseconds: Double,
                       powerDownActiveNanoseconds: Double = 0, powerDownPrechargedNanoseconds: Double = 0) -> EnergyBreakdown
    {
        let tCK = spec.clockPeriodNanoseconds, devices = Double(spec.devices), vdd = power.vdd, t = spec.timing
        let burst = Double(spec.burstCycles) * tCK
        return EnergyBreakdown(
            activatePicojoules: Double(commands.activates) * vdd * (power.idd0 - power.idd3n) * Double(t.ras) * tCK * devices,
            prechargePicojoules: Double(commands.precharges) * vdd * (power.idd0 - power.idd2n) * Double(t.rp) * tCK * devices,
            readPicojoules: Double(commands.reads) * vdd * (power.idd4r - power.idd3n) * burst * devices,
            writePicojoules: Double(commands.writes) * vdd * (power.idd4w - power.idd3n) * burst * devices,
            refreshPicojoules: Double(commands.refreshes) * vdd * (power.idd5 - power.idd3n) * Double(t.rfc) * tCK * devices
                + Double(commands.perBankRefreshes) * perBankRefreshPicojoules,
            backgroundPicojoules: vdd * devices * (power.idd3n * activeNanoseconds + power.idd2n * prechargedNanoseconds
                + power.idd3p * powerDownActiveNanoseconds + power.idd2p * powerDownPrechargedNanoseconds))
    }
}
