import Foundation

/// Reads MAESTRO's mapping file: `Network NAME { Layer NAME { Type: CONV  Stride { X: 1, Y: 1 }
/// Dimensions { K: 16, C: 3, R: 3, S: 3, Y: 32, X: 32 }  Dataflow { SpatialMap(1,1) K; ... } } }`.
///
/// Errors carry file:line and name the layer and the directive being read.
///
/// ```swift
/// let network = try MappingParser.parse(text, file: "small_kcp_ws.m")
/// ```
public enum MappingParser {
    public static func parse(contentsOf url: URL) throws -> Network {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ParseError(file: url.path, line: 0, message: "cannot read the mapping file")
        }
        return try parse(text, file: url.lastPathComponent)
    }

    public static func parse(_ text: String, file: String) throws -> Network {
        var parser = Cursor(tokens: Tokenizer.tokenize(text), file: file)
        return try parser.network()
    }

    /// Parses a dataflow body alone (`SpatialMap(1,1) K; TemporalMap(...) C; ...`).
    public static func parseDirectives(_ text: String, file: String = "<dataflow>") throws -> [Directive] {
        var parser = Cursor(tokens: Tokenizer.tokenize(text), file: file)
        var result: [Directive] = []
        while !parser.atEnd { result.append(try parser.directive(layer: "-")) }
        return result
    }
}

private struct Cursor {
    var tokens: [Token]
    var file: String
    var index = 0
    /// `Constant NAME VALUE;` declarations seen so far.
    var constants: [String: Int] = [:]

    var atEnd: Bool { index >= tokens.count }
    var line: Int { index < tokens.count ? tokens[index].line : (tokens.last?.line ?? 0) }

    func fail(_ message: String) -> ParseError { ParseError(file: file, line: line, message: message) }

    var found: String { atEnd ? "end of file" : "'\(tokens[index].text)'" }

    mutating func next() -> Token? {
        guard index < tokens.count else { return nil }
        defer { index += 1 }
        return tokens[index]
    }

    func peek(_ text: String) -> Bool { index < tokens.count && tokens[index].text == text }

    mutating func expect(_ text: String, _ context: String) throws {
        guard peek(text) else { throw fail("expected '\(text)' \(context), found \(found)") }
        index += 1
    }

    mutating func word(_ context: String) throws -> String {
        guard index < tokens.count, tokens[index].kind == .word else { throw fail("expected a name \(context), found \(found)") }
        return next()!.text
    }

    mutating func number(_ context: String) throws -> Int {
        if index < tokens.count, tokens[index].kind == .word, let value = constants[tokens[index].text] {
            index += 1
            return value
        }
        guard index < tokens.count, tokens[index].kind == .number else { throw fail("expected a number \(context), found \(found)") }
        guard let value = Int(tokens[index].text) else {
            throw fail("number '\(tokens[index].text.prefix(30))' \(context) is too large for a 64-bit integer (dimensions must be an integer in 1...1048576)")
        }
        index += 1
        return value
    }

    mutating func constant() throws {
        index += 1
        let name = try word("after 'Constant'")
        constants[name] = try number("for constant '\(name)'")
        if peek(";") { index += 1 }
    }

    mutating func network() throws -> Network {
        while peek("Constant") { try constant() }
        guard peek("Network") else { throw fail("expected 'Network NAME {', found \(found)") }
        index += 1
        let name = try word("after 'Network'")
        try expect("{", "after the network name")
        var layers: [Layer] = []
        while peek("Layer") || peek("Constant") {
            if peek("Constant") { try constant() } else { layers.append(try layer()) }
        }
        try expect("}", "closing network '\(name)' (or 'Layer')")
        if !atEnd { throw fail("unexpected \(found) after the network") }
        if layers.isEmpty { throw fail("network '\(name)' has no layers") }
        return Network(name: name, layers: layers)
    }

    mutating func layer() throws -> Layer {
        let headerLine = line
        index += 1
        let name = try word("after 'Layer'")
        try expect("{", "after layer name '\(name)'")
        var type: LayerType?
        var strides: [String: Int] = [:]
        var dims: [String: Int] = [:]
        var dataflow: [Directive]?
        var lines: [String: Int] = [:]
        while !peek("}") {
            let key = try word("in layer '\(name)' (Type, Stride, Dimensions or Dataflow)")
            lines[key] = tokens[index - 1].line
            switch key {
            case "Type":
                try expect(":", "after 'Type' in layer '\(name)'")
                let t = try word("after 'Type:' in layer '\(name)'")
                guard let parsed = LayerType(rawValue: t.uppercased() == "DSCONV" ? "DWCONV" : t.uppercased()) else {
                    throw ParseError(file: file, line: tokens[index - 1].line, message: "layer '\(name)': unknown Type '\(t)' "
                                     + "(allowed: CONV, DWCONV or DSCONV, FC, GEMM, NGCONV, TRCONV; MAESTRO's POOL, LSTM and "
                                     + "RESIDUAL_IDENTITY have no cost model there either)")
                }
                type = parsed
            case "Stride":
                strides = try keyValues("Stride", layer: name)
            case "Dimensions":
                dims = try keyValues("Dimensions", layer: name)
            case "Dataflow":
                try expect("{", "after 'Dataflow' in layer '\(name)'")
                var list: [Directive] = []
                while !peek("}") {
                    if atEnd { throw fail("layer '\(name)': unterminated Dataflow block") }
                    list.append(try directive(layer: name))
                }
                index += 1
                dataflow = list
            default:
                throw ParseError(file: file, line: tokens[index - 1].line,
                                 message: "layer '\(name)': unknown section '\(key)' (allowed: Type, Stride, Dimensions, Dataflow)")
            }
        }
        index += 1
        guard let type else { throw ParseError(file: file, line: headerLine, message: "layer '\(name)': missing 'Type:'") }
        guard !dims.isEmpty else { throw ParseError(file: file, line: headerLine, message: "layer '\(name)': missing 'Dimensions { ... }'") }
        for (key, value) in dims.sorted(by: { $0.key < $1.key }) where !InputLimits.dimension.contains(value) {
            throw ParseError(file: file, line: lines["Dimensions"] ?? headerLine,
                             message: "layer '\(name)': dimension \(key) must be \(InputLimits.describe(InputLimits.dimension)), found \(value)")
        }
        for (key, value) in strides.sorted(by: { $0.key < $1.key }) where !InputLimits.stride.contains(value) {
            throw ParseError(file: file, line: lines["Stride"] ?? headerLine,
                             message: "layer '\(name)': stride \(key) must be \(InputLimits.describe(InputLimits.stride)), found \(value)")
        }
        guard let dataflow else { throw ParseError(file: file, line: headerLine, message: "layer '\(name)': missing 'Dataflow { ... }'") }
        let known = type.dimensionNames
        for key in dims.keys.sorted() where !known.contains(key) {
            throw ParseError(file: file, line: headerLine, message: "layer '\(name)': dimension \(key) is not one of a \(type.rawValue) layer's "
                             + "(allowed: \(known.joined(separator: ", ")))")
        }
        let mappable = known + (type.hasSlidingWindow ? ["Y'", "X'"] : [])
        for directive in dataflow {
            let dim: String
            switch directive {
            case .spatial(_, _, let d), .temporal(_, _, let d): dim = d
            case .cluster: continue
            }
            guard mappable.contains(dim) else {
                throw ParseError(file: file, line: headerLine, message: "layer '\(name)': directive '\(directive)' maps \(dim), not a dimension of a "
                                 + "\(type.rawValue) layer (allowed: \(mappable.joined(separator: ", ")))")
            }
        }
        let layer = Layer(name: name, type: type, dimensions: dims, strideY: strides["Y"] ?? 1, strideX: strides["X"] ?? 1,
                          dataflow: dataflow, line: headerLine)
        if let problem = InputLimits.problem(with: layer) {
            throw ParseError(file: file, line: lines["Dimensions"] ?? headerLine, message: "layer '\(name)': \(problem)")
        }
        return layer
    }

    mutating func keyValues(_ section: String, layer: String) throws -> [String: Int] {
        try expect("{", "after '\(section)' in layer '\(layer)'")
        var result: [String: Int] = [:]
        let allowed = section == "Stride" ? ["X", "Y"] : ["N", "K", "C", "R", "S", "Y", "X", "M", "G"]
        while !peek("}") {
            let key = try word("in \(section) of layer '\(layer)'")
            guard allowed.contains(key) else {
                throw ParseError(file: file, line: tokens[index - 1].line,
                                 message: "layer '\(layer)': unknown dimension '\(key)' in \(section) (allowed: \(allowed.joined(separator: ", ")))")
            }
            if peek(":") { index += 1 }
            result[key] = try number("for \(key) in \(section) of layer '\(layer)'")
            if peek(",") { index += 1 }
        }
        index += 1
        return result
    }

    mutating func extent(_ context: String) throws -> DirectiveExtent {
        if index < tokens.count, tokens[index].kind == .number || constants[tokens[index].text] != nil {
            let at = tokens[index].line
            let value = try number(context)
            guard InputLimits.directiveExtent.contains(value) else {
                throw ParseError(file: file, line: at, message: "\(value) \(context) must be \(InputLimits.describe(InputLimits.directiveExtent))")
            }
            return .literal(value)
        }
        let w = try word(context)
        guard w == "Sz" else { throw ParseError(file: file, line: line, message: "expected a number or Sz(D) \(context), found '\(w)'") }
        try expect("(", "after 'Sz' \(context)")
        let d = try word("inside Sz() \(context)")
        try expect(")", "after 'Sz(\(d)' \(context)")
        return .sizeOf(d)
    }

    mutating func directive(layer: String) throws -> Directive {
        let kind = try word("for a directive in layer '\(layer)' (SpatialMap, TemporalMap or Cluster)")
        let context = "in directive '\(kind)' of layer '\(layer)'"
        try expect("(", context)
        let size = try extent(context)
        try expect(",", context)
        let result: Directive
        switch kind {
        case "SpatialMap", "TemporalMap":
            let offset = try extent(context)
            try expect(")", context)
            let dim = try word("(the dimension) \(context)")
            let allowed = ["N", "K", "C", "R", "S", "Y", "X", "Y'", "X'", "M", "G"]
            guard allowed.contains(dim) else {
                throw ParseError(file: file, line: line, message: "unknown dimension '\(dim)' \(context) (allowed: \(allowed.joined(separator: ", ")))")
            }
            result = kind == "SpatialMap" ? .spatial(size: size, offset: offset, dimension: dim)
                                          : .temporal(size: size, offset: offset, dimension: dim)
        case "Cluster":
            let type = try word(context)
            guard type == "P" || type == "L" else { throw fail("expected 'P' \(context), found '\(type)'") }
            try expect(")", context)
            result = .cluster(size: size)
        default:
            throw ParseError(file: file, line: tokens[index - 3].line,
                             message: "layer '\(layer)': unknown directive '\(kind)' (allowed: SpatialMap, TemporalMap, Cluster)")
        }
        try expect(";", "after directive '\(result)' of layer '\(layer)'")
        return result
    }
}
