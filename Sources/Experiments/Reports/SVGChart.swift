import Foundation

/// A small SVG chart builder: linear or logarithmic axes with ticks, lines, shaded bands, points with
/// hover titles and a legend. Produces self-contained `<svg>` text for the HTML report (no scripts, no
/// external files) that scales to the page's width.
struct SVGChart {
    /// How values map to an axis.
    enum Scale {
        case linear, log

        /// `.log` when every value is positive and they span more than `decades` powers of ten.
        static func fitting(_ values: [Double], decades: Double = 1.5) -> Scale {
            let finite = values.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max(), low > 0 else { return .linear }
            return log10(high / low) > decades ? .log : .linear
        }
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var width = 640.0
    var height = 360.0
    private var elements: [String] = []
    private var legend: [(String, String)] = []
    private var xRange: ClosedRange<Double>
    private var yRange: ClosedRange<Double>
    private var xScale: Scale
    private var yScale: Scale
    /// Names this chart's clip path (charts of the same kind share geometry, so sharing an id is harmless).
    var clipID: Int { (title + xLabel + yLabel).utf8.reduce(0) { ($0 &* 31 &+ Int($1)) % 1_000_003 } }
    /// Category names for a categorical x axis (strip plots), if any.
    private var categories: [String] = []

    private let left = 70.0, right = 150.0, top = 30.0, bottom = 50.0

    init(title: String, xLabel: String, yLabel: String, x: ClosedRange<Double>, y: ClosedRange<Double>, categories: [String] = [],
         xScale: Scale = .linear, yScale: Scale = .linear)
    {
        self.title = title
        self.xLabel = xLabel + (xScale == .log ? " (log scale)" : "")
        self.yLabel = yLabel + (yScale == .log ? " (log scale)" : "")
        self.xScale = xScale
        self.yScale = yScale
        self.xRange = Self.padded(x, xScale)
        self.yRange = Self.padded(y, yScale)
        self.categories = categories
    }

    /// The range of finite values, widened when degenerate.
    static func range(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        return low...high
    }

    /// The range in axis coordinates (log10 of the values on a log axis), with a 4% margin.
    private static func padded(_ range: ClosedRange<Double>, _ scale: Scale) -> ClosedRange<Double> {
        let low = scale == .log ? log10(range.lowerBound) : range.lowerBound
        let high = scale == .log ? log10(range.upperBound) : range.upperBound
        if high - low < 1e-12 { return (low - 0.5)...(high + 0.5) }
        let margin = (high - low) * 0.04
        return (low - margin)...(high + margin)
    }

    private static func axis(_ value: Double, _ scale: Scale) -> Double {
        scale == .log ? (value > 0 ? log10(value) : -.infinity) : value
    }

    private func px(_ x: Double) -> Double {
        left + (Self.axis(x, xScale) - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right)
    }
    private func py(_ y: Double) -> Double {
        height - bottom - (Self.axis(y, yScale) - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom)
    }
    /// Pixel positions of axis coordinates (range ends and ticks are already in axis coordinates).
    private func pxAxis(_ x: Double) -> Double { left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right) }
    private func pyAxis(_ y: Double) -> Double { height - bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom) }

    mutating func line(_ points: [(Double, Double)], color: String, label: String? = nil) {
        let path = points.filter { px($0.0).isFinite && py($0.1).isFinite }.map { String(format: "%.1f,%.1f", px($0.0), py($0.1)) }.joined(separator: " ")
        elements.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(path)\"/>")
        if let label { legend.append((label, color)) }
    }

    /// A shaded band between `lower` and `upper` at the same x values.
    mutating func band(x: [Double], lower: [Double], upper: [Double], color: String) {
        let forward = zip(x, upper).map { String(format: "%.1f,%.1f", px($0), py($1)) }
        let backward = zip(x, lower).reversed().map { String(format: "%.1f,%.1f", px($0), py($1)) }
        elements.append("<polygon fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\" points=\"\((forward + backward).joined(separator: " "))\"/>")
    }

    /// Points, each with an optional hover title (shown by the browser as a tooltip).
    mutating func points(_ points: [(Double, Double)], color: String, label: String? = nil, radius: Double = 3, titles: [String] = []) {
        for (index, (x, y)) in points.enumerated() where px(x).isFinite && py(y).isFinite {
            let title = index < titles.count ? "<title>\(escapeHTML(titles[index]))</title>" : ""
            elements.append(String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%@\" fill-opacity=\"0.7\">", px(x), py(y), radius, color)
                + title + "</circle>")
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
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">"]
        parts.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        parts.append("<text x=\"\(Int(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">\(escapeHTML(title))</text>")
        let x0 = pxAxis(xRange.lowerBound), x1 = pxAxis(xRange.upperBound), y0 = pyAxis(yRange.lowerBound), y1 = pyAxis(yRange.upperBound)
        parts.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888\"/>", x0, y1, x1 - x0, y0 - y1))
        for tick in Self.ticks(yRange, yScale) {
            parts.append(String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", x0, x1, pyAxis(tick), pyAxis(tick)))
            parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%@</text>", x0 - 4, pyAxis(tick) + 4, Self.label(tick, yScale)))
        }
        if categories.isEmpty {
            for tick in Self.ticks(xRange, xScale) {
                parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>", pxAxis(tick), y0 + 14, Self.label(tick, xScale)))
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

    /// Tick positions in axis coordinates: whole decades on a log axis (all of them up to ten, else
    /// every other one), about five round values on a linear one.
    static func ticks(_ range: ClosedRange<Double>, _ scale: Scale) -> [Double] {
        guard scale == .log else { return ticks(range) }
        let decades = Array(Int(ceil(range.lowerBound))...max(Int(ceil(range.lowerBound)), Int(floor(range.upperBound)))).map(Double.init)
        return decades.count > 10 ? decades.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) : decades
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

    /// A tick label: `10^k` on a log axis (as 1e+06 style text), the value on a linear one.
    static func label(_ value: Double, _ scale: Scale) -> String {
        scale == .log ? String(format: "%g", pow(10, value.rounded())) : label(value)
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
