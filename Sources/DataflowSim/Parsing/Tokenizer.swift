import Foundation

/// One token of a MAESTRO file with its 1-based line.
struct Token: Equatable {
    enum Kind: Equatable { case word, number, symbol }
    var kind: Kind
    var text: String
    var line: Int
}

/// Splits MAESTRO text into words (letters, digits, `_`, `'`, `-`), numbers and single-character
/// symbols, dropping `//` and `#` comments.
enum Tokenizer {
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let range = line.range(of: "//") { line = line[..<range.lowerBound] }
            let scalars = Array(line.unicodeScalars)
            var i = 0
            while i < scalars.count {
                let c = scalars[i]
                if CharacterSet.whitespaces.contains(c) || c.value > 127 { i += 1; continue }
                if CharacterSet.decimalDigits.contains(c) {
                    var j = i
                    while j < scalars.count, CharacterSet.decimalDigits.contains(scalars[j]) { j += 1 }
                    tokens.append(Token(kind: .number, text: String(String.UnicodeScalarView(scalars[i..<j])), line: lineNumber))
                    i = j
                } else if CharacterSet.letters.contains(c) || c == "_" {
                    var j = i
                    while j < scalars.count, CharacterSet.alphanumerics.contains(scalars[j]) || scalars[j] == "_"
                        || scalars[j] == "'" || scalars[j] == "-" || scalars[j] == "." { j += 1 }
                    tokens.append(Token(kind: .word, text: String(String.UnicodeScalarView(scalars[i..<j])), line: lineNumber))
                    i = j
                } else {
                    tokens.append(Token(kind: .symbol, text: String(c), line: lineNumber))
                    i += 1
                }
            }
        }
        return tokens
    }
}
