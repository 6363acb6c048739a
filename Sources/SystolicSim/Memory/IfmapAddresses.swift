/// The ifmap address SCALE-Sim gives operand-matrix entry (output pixel, window element): the word of
/// the ifmap (row-major rows, columns, channels) the element reads, or none when the window hangs over
/// the ifmap's edge. Stored as two tables, one per pixel and one per element, so an address is one
/// addition: `address = pixel.base + element.base`, valid when the summed rows and columns stay inside.
struct IfmapAddresses {
    /// Per pixel or element: base offset (words), ifmap row and column offset.
    struct Side {
        var base: [Int] = []
        var row: [Int] = []
        var column: [Int] = []
    }

    let layer: Layer
    let pixels: Side
    let elements: Side
    /// Whether some window hangs over the edge (some entries are invalid).
    let overhangs: Bool
    /// Whether two entries can share an address (windows overlap).
    let overlaps: Bool

    init(layer: Layer) {
        self.layer = layer
        let s = layer.stride, width = layer.ifmapWidth, channels = layer.channels
        var pixels = Side(), elements = Side()
        for p in 0..<layer.ofmapPixels {
            let row = (p / layer.ofmapWidth) * s, column = (p % layer.ofmapWidth) * s
            pixels.base.append((row * width + column) * channels)
            pixels.row.append(row)
            pixels.column.append(column)
        }
        for k in 0..<layer.windowSize {
            let row = k / (layer.filterWidth * channels), column = (k % (layer.filterWidth * channels)) / channels
            elements.base.append((row * width + column) * channels + k % channels)
            elements.row.append(row)
            elements.column.append(column)
        }
        (self.pixels, self.elements) = (pixels, elements)
        overhangs = IfmapHoles(layer: layer) != nil
        overlaps = (layer.stride < layer.filterHeight && layer.ofmapHeight > 1)
            || (layer.stride < layer.filterWidth && layer.ofmapWidth > 1)
    }

    /// The address of (pixel, element), or nil when it lies outside the ifmap.
    func address(pixel: Int, element: Int) -> Int? {
        guard pixels.row[pixel] + elements.row[element] < layer.ifmapHeight,
              pixels.column[pixel] + elements.column[element] < layer.ifmapWidth else { return nil }
        return pixels.base[pixel] + elements.base[element]
    }
}
