import Foundation

/// A DRAM device and channel organisation with its JEDEC timings and IDD currents, read from
/// DRAMSys's memspec JSON layout (`memarchitecturespec`, `memtimingspec`, `mempowerspec`).
///
/// Timings are in memory-clock cycles (`clockPeriodNanoseconds` each); currents in mA; voltages in V.
/// DRAMSys rounds the clock period to whole picoseconds (DDR4-2400: 833 ps), and so do we.
///
/// ```swift
/// let spec = try MemorySpec.load(from: URL(fileURLWithPath: "envs/dram/memspecs/MICRON_1Gb_DDR3-1600_8bit_G.json"))
/// spec.peakBandwidthGBps   // 12.8 for a 64-bit DDR3-1600 channel
/// ```
public struct MemorySpec: Sendable, Hashable {
    public enum Standard: String, Sendable, Hashable { case ddr3 = "DDR3", ddr4 = "DDR4", lpddr4 = "LPDDR4" }

    /// JEDEC timing constraints, in memory-clock cycles.
    public struct Timing: Sendable, Hashable {
        public var rcd, rp, ras, rc, rl, wl, ccdS, ccdL, rrdS, rrdL, faw, wr, wtrS, wtrL, rtp, rfc, refi: Int
        /// Extra cycles a multi-cycle command standard adds before data (LPDDR4: tDQSCK plus the
        /// second half of the two-part column command), 0 for DDR3/DDR4.
        public var readExtra: Int
        /// Extra cycles an ACT takes on the command bus beyond one (LPDDR4 ACT is a two-part command).
        public var activateExtra: Int
        /// Cycles from an ACT's first clock to the point the bank timings count from, for standards whose
        /// ACT is a multi-clock command (LPDDR4: 2, as DRAMSys times it). A precharge or refresh has to
        /// end only that much before the ACT starts (tRP, tRFC shortened by it), and a precharge waits
        /// that much longer after one (tRAS lengthened); tRCD and tRC still count from the ACT's start.
        public var activateLead: Int
        /// Extra cycles the data bus turnarounds wait on standards whose read data come later than RL
        /// (LPDDR4: tDQSCK, before a write may follow a read) and whose write data later than WL
        /// (LPDDR4: one clock, before a read or precharge may follow a write); 0 for DDR3/DDR4.
        public var readDataDelay: Int
        public var writeDataDelay: Int
        /// Per-bank refresh (REFpb): the time it occupies its bank (tRFCpb) and the interval between
        /// two REFpb commands (tREFIpb, so each bank is refreshed every `banks` × tREFIpb ≈ tREFI);
        /// 0 for standards without per-bank refresh (DDR3, DDR4). LPDDR4 reads `RFCPB` and `REFIPB`.
        public var rfcPerBank = 0
        public var refiPerBank = 0
    }

    /// One supply rail of a device: its voltage (V) and IDD currents (mA per device) as DRAMPower
    /// uses them. DDR3 has one rail (VDD); DDR4 two (VDD and VPP, the wordline supply that charges
    /// activates and precharges); LPDDR4 two (VDD1 and VDD2).
    public struct Rail: Sendable, Hashable {
        public var voltage: Double
        public var idd0, idd2n, idd2p, idd3n, idd3p, idd4r, idd4w, idd5: Double
        /// Current above the background drawn during a per-bank refresh (DRAMPower's REFB charge), if
        /// the spec gives one. LPDDR4 memspecs give JEDEC's average over tREFIpb (`idd5b`), which the
        /// parser turns into this command current as DRAMPower 5 does.
        public var idd5pb: Double? = nil

        public init(voltage: Double, idd0: Double, idd2n: Double, idd2p: Double, idd3n: Double, idd3p: Double,
                    idd4r: Double, idd4w: Double, idd5: Double, idd5pb: Double? = nil) {
            self.voltage = voltage
            self.idd0 = idd0
            self.idd2n = idd2n
            self.idd2p = idd2p
            self.idd3n = idd3n
            self.idd3p = idd3p
            self.idd4r = idd4r
            self.idd4w = idd4w
            self.idd5 = idd5
            self.idd5pb = idd5pb
        }
    }

    /// The supply rails for the DRAMPower-style energy model, the main supply (VDD, LPDDR4's VDD1) first.
    public struct Power: Sendable, Hashable {
        public var rails: [Rail]
        public init(rails: [Rail]) { self.rails = rails }
    }

    public var identifier: String
    public var standard: Standard
    public var ranks: Int
    /// Banks per rank (all bank groups together).
    public var banks: Int
    public var bankGroups: Int
    public var rows: Int
    public var columns: Int
    /// Data pins per device.
    public var deviceWidth: Int
    public var devices: Int
    public var burstLength: Int
    public var dataRate: Int
    public var clockMegahertz: Double
    public var timing: Timing
    /// `nil` when the spec has no model we support (DRAMSys 4.0 has none for LPDDR4 either).
    public var power: Power?

    /// Clock period in ns, rounded to whole picoseconds as DRAMSys does.
    public var clockPeriodNanoseconds: Double { (1_000_000 / clockMegahertz).rounded(.down) / 1000 }
    /// Bytes moved by one burst over the whole channel.
    public var burstBytes: Int { burstLength * deviceWidth * devices / 8 }
    /// Cycles the data bus is busy per burst.
    public var burstCycles: Int { burstLength / dataRate }
    /// Peak channel bandwidth in GB/s (10⁹ bytes per second).
    public var peakBandwidthGBps: Double { Double(deviceWidth * devices / 8 * dataRate) * clockMegahertz / 1000 }
    public var banksPerGroup: Int { max(1, banks / bankGroups) }
    /// Whether the standard has per-bank refresh (REFpb) and the spec gives its timings.
    public var hasPerBankRefresh: Bool { timing.rfcPerBank > 0 && timing.refiPerBank > 0 }

    public static func load(from url: URL) throws -> MemorySpec {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw DRAMInputError(file: url.path, "cannot read the memspec (\(error.localizedDescription))") }
        return try parse(data, file: url.path)
    }

    public static func parse(_ data: Data, file: String) throws -> MemorySpec {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let spec = root["memspec"] as? [String: Any] else {
            throw DRAMInputError(file: file, "not a DRAMSys memspec: expected a JSON object with a 'memspec' object")
        }
        func section(_ name: String) throws -> [String: Any] {
            guard let value = spec[name] as? [String: Any] else { throw DRAMInputError(file: file, "memspec lacks the '\(name)' object") }
            return value
        }
        let architecture = try section("memarchitecturespec"), timings = try section("memtimingspec")
        func number(_ dictionary: [String: Any], _ key: String, in sectionName: String, default fallback: Double? = nil) throws -> Double {
            if let value = dictionary[key] as? NSNumber { return value.doubleValue }
            if let fallback { return fallback }
            throw DRAMInputError(file: file, "\(sectionName).\(key) is missing or not a number")
        }
        /// A whole number in `range`, so that no later product or allocation can overflow.
        func integer(_ dictionary: [String: Any], _ key: String, in sectionName: String, _ range: ClosedRange<Int>, default fallback: Double?) throws -> Int {
            let value = try number(dictionary, key, in: sectionName, default: fallback)
            guard value.isFinite, value.rounded() == value, value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
                throw DRAMInputError(file: file, "\(sectionName).\(key) = \(value) is invalid; allowed: an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            return Int(value)
        }
        func arch(_ key: String, _ range: ClosedRange<Int>, default fallback: Double? = nil) throws -> Int {
            try integer(architecture, key, in: "memarchitecturespec", range, default: fallback)
        }
        /// A timing in clock cycles: at least 1 (0 for the few that may vanish), at most 10⁶.
        func cycles(_ key: String, minimum: Int = 1, default fallback: Double? = nil) throws -> Int {
            try integer(timings, key, in: "memtimingspec", minimum...1_000_000, default: fallback)
        }

        let typeName = (spec["memoryType"] as? String ?? "").uppercased()
        guard let standard = Standard(rawValue: typeName) else {
            throw DRAMInputError(file: file, "memoryType '\(typeName)' is not supported; supported: DDR3, DDR4, LPDDR4")
        }
        let timing: Timing
        switch standard {
        case .ddr3:
            let ccd = try cycles("CCD"), rrd = try cycles("RRD"), wtr = try cycles("WTR")
            timing = Timing(rcd: try cycles("RCD"), rp: try cycles("RP"), ras: try cycles("RAS"), rc: try cycles("RC"), rl: try cycles("RL"),
                            wl: try cycles("WL"), ccdS: ccd, ccdL: ccd, rrdS: rrd, rrdL: rrd, faw: try cycles("FAW"), wr: try cycles("WR"),
                            wtrS: wtr, wtrL: wtr, rtp: try cycles("RTP"), rfc: try cycles("RFC"), refi: try cycles("REFI"), readExtra: 0, activateExtra: 0, activateLead: 0, readDataDelay: 0, writeDataDelay: 0)
        case .ddr4:
            timing = Timing(rcd: try cycles("RCD"), rp: try cycles("RP"), ras: try cycles("RAS"), rc: try cycles("RC"), rl: try cycles("RL"),
                            wl: try cycles("WL"), ccdS: try cycles("CCD_S"), ccdL: try cycles("CCD_L"), rrdS: try cycles("RRD_S"),
                            rrdL: try cycles("RRD_L"), faw: try cycles("FAW"), wr: try cycles("WR"), wtrS: try cycles("WTR_S"),
                            wtrL: try cycles("WTR_L"), rtp: try cycles("RTP"), rfc: try cycles("RFC"), refi: try cycles("REFI"), readExtra: 0, activateExtra: 0, activateLead: 0, readDataDelay: 0, writeDataDelay: 0)
        case .lpddr4:
            let ccd = try cycles("CCD"), rrd = try cycles("RRD"), wtr = try cycles("WTR")
            timing = Timing(rcd: try cycles("RCD"), rp: try cycles("RPPB"), ras: try cycles("RAS"), rc: try cycles("RCPB"), rl: try cycles("RL"),
                            wl: try cycles("WL"), ccdS: ccd, ccdL: ccd, rrdS: rrd, rrdL: rrd, faw: try cycles("FAW"), wr: try cycles("WR"),
                            wtrS: wtr, wtrL: wtr, rtp: try cycles("RTP"), rfc: try cycles("RFCAB"), refi: try cycles("REFI"),
                            readExtra: try cycles("DQSCK", minimum: 0) + 3, activateExtra: 0, activateLead: 2,
                            readDataDelay: try cycles("DQSCK", minimum: 0), writeDataDelay: 1,
                            rfcPerBank: try cycles("RFCPB"), refiPerBank: try cycles("REFIPB"))
        }
        var power: Power?
        if let values = spec["mempowerspec"] as? [String: Any] {
            power = try PowerSpecReader(values: values, file: file).power(for: standard, timing: timing)
        }
        let clock = try number(timings, "clkMhz", in: "memtimingspec")
        guard clock.isFinite, clock >= 1, clock <= 100_000 else {
            throw DRAMInputError(file: file, "memtimingspec.clkMhz = \(clock) is invalid; allowed: a clock in 1...100000 MHz")
        }
        let banks = try arch("nbrOfBanks", 1...256), bankGroups = try arch("nbrOfBankGroups", 1...256, default: 1)
        guard banks % bankGroups == 0 else {
            throw DRAMInputError(file: file, "memarchitecturespec.nbrOfBanks = \(banks) is invalid; allowed: a multiple of nbrOfBankGroups (\(bankGroups))")
        }
        let dataRate = try arch("dataRate", 1...8, default: 2), burstLength = try arch("burstLength", 1...64)
        guard burstLength >= dataRate else {
            throw DRAMInputError(file: file, "memarchitecturespec.burstLength = \(burstLength) is invalid; allowed: at least dataRate (\(dataRate))")
        }
        return MemorySpec(
            identifier: spec["memoryId"] as? String ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
            standard: standard, ranks: try arch("nbrOfRanks", 1...16, default: 1), banks: banks,
            bankGroups: bankGroups, rows: try arch("nbrOfRows", 1...(1 << 24)), columns: try arch("nbrOfColumns", 1...(1 << 20)),
            deviceWidth: try arch("width", 1...1024),
            devices: try arch("nbrOfDevicesOnDIMM", 1...64, default: Double(try arch("nbrOfDevices", 1...64, default: 1))),
            burstLength: burstLength, dataRate: dataRate, clockMegahertz: clock,
            timing: timing, power: power)
    }
}
