import Foundation

/// A plain-text table for the terminal: text columns left-aligned, numeric columns right-aligned,
/// and rows wrapped (at spaces and commas) so the whole table fits ``TextTable/width`` columns.
///
/// ```swift
/// var table = TextTable(header: ["agent", "best reward"])
/// table.rows = [["ga", "-3.84"], ["bo", "-3.18"]]
/// print(table.rendered)
/// ```
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// The widest line the table may print (characters).
    var width = TextTable.terminalWidth()

    /// Columns between cells.
    private static let gap = 2
    /// No column is wrapped narrower than this (characters).
    private static let narrowest = 12

    /// The terminal's width, else `COLUMNS`, else 120 (output to a file or pipe).
    static func terminalWidth() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 {
            return Int(size.ws_col)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
        return 120
    }

    var rendered: String {
        let columns = header.indices
        let numeric = columns.map { column in
            !rows.isEmpty && rows.allSatisfy { row in Self.isNumeric(row[column]) }
        }
        var widths = columns.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        shrink(&widths, numeric: numeric)
        func lines(_ cells: [String]) -> [String] {
            let wrapped = columns.map { Self.wrap(cells[$0], width: widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                columns.map { column in
                    let cell = line < wrapped[column].count ? wrapped[column][line] : ""
                    let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
                    return numeric[column] ? padding + cell : cell + padding
                }.joined(separator: String(repeating: " ", count: Self.gap))
                    .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            }
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: String(repeating: " ", count: Self.gap))
        return (lines(header) + [rule] + rows.flatMap(lines)).joined(separator: "\n")
    }

    /// Narrows the widest text columns until the table fits `width` (numbers are never wrapped).
    private func shrink(_ widths: inout [Int], numeric: [Bool]) {
        func total() -> Int { widths.reduce(0, +) + Self.gap * max(0, widths.count - 1) }
        while total() > width {
            let candidates = widths.indices.filter { !numeric[$0] && widths[$0] > Self.narrowest }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return }
            widths[widest] -= 1  // one at a time, so the widest columns end up sharing the room
        }
    }

    private static func isNumeric(_ cell: String) -> Bool {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if text == "-" || text.isEmpty { return true }
        let core = text.hasSuffix("%") || text.hasSuffix("x") ? String(text.dropLast()) : text
        if Double(core) != nil { return true }
        // "200/200" (done/total) counts as a number.
        let parts = core.split(separator: "/")
        return parts.count == 2 && parts.allSatisfy { Int($0) != nil }
    }

    /// `text` in lines of at most `width` characters, broken after spaces or commas when possible.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var rest = Substring(text)
        while rest.count > width {
            let window = rest.prefix(width + 1)
            let cut = window.lastIndex(where: { $0 == " " || $0 == "," }).map { window[$0] == "," ? rest.index(after: $0) : $0 }
            let end = cut.flatMap { $0 > rest.startIndex ? $0 : nil } ?? rest.index(rest.startIndex, offsetBy: width)
            lines.append(String(rest[..<end]).trimmingCharacters(in: .whitespaces))
            rest = rest[end...].drop(while: { $0 == " " })
        }
        if !rest.isEmpty { lines.append(String(rest)) }
        return lines
    }
}
