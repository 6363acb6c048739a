import Foundation

/// How a byte address splits into channel, rank, bank group, bank, row and column, read from
/// DRAMSys's address-mapping JSON (`CONGEN` with `BYTE_BIT`, `COLUMN_BIT`, `ROW_BIT`, `BANK_BIT`,
/// `BANKGROUP_BIT`, `RANK_BIT`, ...): each field is the listed address bits, first bit least significant.
///
/// ```swift
/// let mapping = try AddressMapping.load(from: URL(fileURLWithPath: "envs/dram/amconfigs/am_ddr3_8x1Gbx8_dimm_p1KB_rbc.json"))
/// mapping.decode(0x2000)   // bank 1, row 0, column 0 for ArchGym's DDR3 map
/// ```
public struct AddressMapping: Sendable, Hashable {
    public var rankBits: [Int]
    public var bankGroupBits: [Int]
    public var bankBits: [Int]
    public var rowBits: [Int]
    public var columnBits: [Int]

    public init(rankBits: [Int] = [], bankGroupBits: [Int] = [], bankBits: [Int], rowBits: [Int], columnBits: [Int]) {
        self.rankBits = rankBits
        self.bankGroupBits = bankGroupBits
        self.bankBits = bankBits
        self.rowBits = rowBits
        self.columnBits = columnBits
    }

    /// A decoded address: rank, bank group, bank within its group, row, column.
    public struct Location: Sendable, Hashable {
        public var rank, bankGroup, bank, row, column: Int
    }

    public func decode(_ address: UInt64) -> Location {
        func field(_ bits: [Int]) -> Int {
            var value = 0
            for (position, bit) in bits.enumerated() where address >> UInt64(bit) & 1 == 1 { value |= 1 << position }
            return value
        }
        return Location(rank: field(rankBits), bankGroup: field(bankGroupBits), bank: field(bankBits), row: field(rowBits), column: field(columnBits))
    }

    /// Throws unless every field fits `spec`: a field of n bits addresses 2ⁿ ranks, bank groups, banks
    /// (per group when the mapping has bank-group bits), rows or columns, which the spec must have.
    public func validate(for spec: MemorySpec, file: String) throws {
        let banks = bankGroupBits.isEmpty ? spec.banks : spec.banksPerGroup
        let fields: [(String, [Int], Int, String)] = [
            ("RANK_BIT", rankBits, spec.ranks, "ranks"), ("BANKGROUP_BIT", bankGroupBits, spec.bankGroups, "bank groups"),
            ("BANK_BIT", bankBits, banks, bankGroupBits.isEmpty ? "banks" : "banks per group"),
            ("ROW_BIT", rowBits, spec.rows, "rows"), ("COLUMN_BIT", columnBits, spec.columns, "columns"),
        ]
        for (key, bits, count, noun) in fields where bits.count > 62 || 1 << bits.count > count {
            throw DRAMInputError(file: file, "CONGEN.\(key) has \(bits.count) bits (\(1 << min(bits.count, 62)) \(noun)) but \(spec.identifier) has \(count) \(noun); allowed: at most \(Int.bitWidth - 1 - count.leadingZeroBitCount) bits")
        }
    }

    public static func load(from url: URL) throws -> AddressMapping {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw DRAMInputError(file: url.path, "cannot read the address mapping (\(error.localizedDescription))") }
        return try parse(data, file: url.path)
    }

    public static func parse(_ data: Data, file: String) throws -> AddressMapping {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let congen = (root["CONGEN"] ?? root["addressmapping"]) as? [String: Any] else {
            throw DRAMInputError(file: file, "not a DRAMSys address mapping: expected a JSON object with a 'CONGEN' object")
        }
        let known = ["BYTE_BIT", "COLUMN_BIT", "ROW_BIT", "BANK_BIT", "BANKGROUP_BIT", "RANK_BIT", "CHANNEL_BIT", "PSEUDOCHANNEL_BIT"]
        for key in congen.keys where !known.contains(key) {
            throw DRAMInputError(file: file, "unknown field CONGEN.\(key); allowed: \(known.joined(separator: ", "))")
        }
        func bits(_ key: String, required: Bool) throws -> [Int] {
            guard let value = congen[key] else {
                if required { throw DRAMInputError(file: file, "CONGEN.\(key) is missing") }
                return []
            }
            guard let list = value as? [NSNumber],
                  list.allSatisfy({ $0.doubleValue.rounded() == $0.doubleValue && (0...63).contains($0.doubleValue) }) else {
                throw DRAMInputError(file: file, "CONGEN.\(key) = \(value) is invalid; allowed: a list of address bit positions in 0...63")
            }
            return list.map(\.intValue)
        }
        var owner: [Int: String] = [:]
        for key in known where congen[key] != nil {
            for bit in try bits(key, required: false) {
                if let other = owner[bit] { throw DRAMInputError(file: file, "CONGEN.\(key) uses address bit \(bit), which CONGEN.\(other) already uses") }
                owner[bit] = key
            }
        }
        return AddressMapping(rankBits: try bits("RANK_BIT", required: false), bankGroupBits: try bits("BANKGROUP_BIT", required: false),
                              bankBits: try bits("BANK_BIT", required: true), rowBits: try bits("ROW_BIT", required: true),
                              columnBits: try bits("COLUMN_BIT", required: true))
    }
}
