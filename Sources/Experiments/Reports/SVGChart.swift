import Foundation

/// A small SVG chart builder: linear axes with ticks, lines, shaded bands, points and a legend.
/// Produces self-contained `<svg>` text for the HTML report (no scripts, no external files).
struct SVGChart {
    var title: String
    var xLabel: String
    var yLabel: String
    var width = 640.0
    var height = 360.0
    private var elements: [String] = []
    private var legend: [(String, String)] = []
    private var xRange: ClosedRange<Double>
    private var yRange: ClosedRange<Double>
    /// Names this chart's clip path (charts of the same kind share geometry, so sharing an id is harmless).
    var clipID: Int { (title + xLabel + yLabel).utf8.reduce(0) { ($0 &* 31 &+ Int($1)) % 1_000_003 } }
    /// Category names for a categorical x axis (strip plots), if any.
    private var categories: [String] = []

    private let left = 70.0, right = 150.0, top = 30.0, bottom = 50.0

    init(title: String, xLabel: String, yLabel: String, x: ClosedRange<Double>, y: ClosedRange<Double>, categories: [String] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = Self.padded(x)
        self.yRange = Self.padded(y)
        self.categories = categories
    }

    /// The range of finite values, widened when degenerate.
    static func range(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        return low...high
    }

    private static func padded(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        if range.upperBound - range.lowerBound < 1e-12 { return (range.lowerBound - 0.5)...(range.upperBound + 0.5) }
        let margin = (range.upperBound - range.lowerBound) * 0.04
        return (range.lowerBound - margin)...(range.upperBound + margin)
    }

    private func px(_ x: Double) -> Double { left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right) }
    private func py(_ y: Double) -> Double { height - bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom) }

    mutating func line(_ points: [(Double, Double)], color: String, label: String? = nil) {
        let path = points.filter { $0.0.isFinite && $0.1.isFinite }.map { String(format: "%.1f,%.1f", px($0.0), py($0.1)) }.joined(separator: " ")
        elements.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(path)\"/>")
        if let label { legend.append((label, color)) }
    }

    /// A shaded band between `lower` and `upper` at the same x values.
    mutating func band(x: [Double], lower: [Double], upper: [Double], color: String) {
        let forward = zip(x, upper).map { String(format: "%.1f,%.1f", px($0), py($1)) }
        let backward = zip(x, lower).reversed().map { String(format: "%.1f,%.1f", px($0), py($1)) }
        elements.append("<polygon fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\" points=\"\((forward + backward).joined(separator: " "))\"/>")
    }

    mutating func points(_ points: [(Double, Double)], color: String, label: String? = nil, radius: Double = 3) {
        for (x, y) in points where x.isFinite && y.isFinite {
            elements.append(String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%@\" fill-opacity=\"0.7\"/>", px(x), py(y), radius, color))
        }
        if let label { legend.append((label, color)) }
    }

    /// A box from `low` to `high` with a median tick, centred at x over `halfWidth` (in x units).
    mutating func box(x: Double, low: Double, median: Double, high: Double, halfWidth: Double, color: String) {
        let x0 = px(x - halfWidth), x1 = px(x + halfWidth)
        elements.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"%@\"/>",
                               x0, py(high), x1 - x0, max(py(low) - py(high), 1), color))
        elements.append(String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%@\" stroke-width=\"3\"/>", x0, x1, py(median), py(median), color))
    }

    var svg: String {
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">"]
        parts.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        parts.append("<text x=\"\(Int(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">\(escapeHTML(title))</text>")
        let x0 = px(xRange.lowerBound), x1 = px(xRange.upperBound), y0 = py(yRange.lowerBound), y1 = py(yRange.upperBound)
        parts.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888\"/>", x0, y1, x1 - x0, y0 - y1))
        for tick in Self.ticks(yRange) {
            parts.append(String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", x0, x1, py(tick), py(tick)))
            parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%@</text>", x0 - 4, py(tick) + 4, Self.label(tick)))
        }
        if categories.isEmpty {
            for tick in Self.ticks(xRange) {
                parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>", px(tick), y0 + 14, Self.label(tick)))
            }
        } else {
            for (index, name) in categories.enumerated() {
                parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>", px(Double(index)), y0 + 14, escapeHTML(name)))
            }
        }
        parts.append(String(format: "<clipPath id=\"plot%d\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/></clipPath>",
                            clipID, x0, y1, x1 - x0, y0 - y1))
        parts.append("<g clip-path=\"url(#plot\(clipID))\">")
        parts.append(contentsOf: elements)
        parts.append("</g>")
        parts.append("<text x=\"\(Int((x0 + x1) / 2))\" y=\"\(Int(height - 12))\" text-anchor=\"middle\">\(escapeHTML(xLabel))</text>")
        parts.append("<text transform=\"translate(14,\(Int((y0 + y1) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escapeHTML(yLabel))</text>")
        for (index, (label, color)) in legend.enumerated() {
            let y = top + 10 + Double(index) * 16
            parts.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%@\"/>", width - right + 12, y - 9, color))
            parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\">%@</text>", width - right + 26, y, escapeHTML(label)))
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// About five round tick values across a range.
    static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [range.lowerBound] }
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var tick = ceil(range.lowerBound / step) * step
        var ticks: [Double] = []
        while tick <= range.upperBound + step * 1e-9 && ticks.count < 12 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    static func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        return magnitude >= 1e5 || magnitude < 1e-3 ? String(format: "%.2g", value) : String(format: "%g", (value * 1e4).rounded() / 1e4)
    }
}

/// Escapes text for HTML and SVG.
func escapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

/// Distinct colours for series (Tableau 10).
let seriesColors = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
