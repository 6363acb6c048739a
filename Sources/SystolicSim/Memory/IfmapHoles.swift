/// The ifmap operand-matrix entries SCALE-Sim marks invalid: window elements that fall outside the
/// ifmap because its output size rounds up (`ceil((H − F + s) / s)`) and the last windows overhang.
/// `nil` when every window fits.
struct IfmapHoles: Sendable {
    let layer: Layer

    init?(layer: Layer) {
        let overhangs = (layer.ofmapHeight - 1) * layer.stride + layer.filterHeight > layer.ifmapHeight
            || (layer.ofmapWidth - 1) * layer.stride + layer.filterWidth > layer.ifmapWidth
        guard overhangs else { return nil }
        self.layer = layer
    }

    /// Whether element `element` (0 ..< Fh·Fw·C) of output pixel `pixel`'s window lies outside the ifmap.
    func isHole(pixel: Int, element: Int) -> Bool {
        let outputRow = pixel / layer.ofmapWidth, outputColumn = pixel % layer.ofmapWidth
        let windowRow = element / (layer.filterWidth * layer.channels)
        let windowColumn = (element % (layer.filterWidth * layer.channels)) / layer.channels
        return outputRow * layer.stride + windowRow >= layer.ifmapHeight
            || outputColumn * layer.stride + windowColumn >= layer.ifmapWidth
    }
}
