/// One convolution (or GEMM) layer of a topology. Sizes in elements; no padding, so the output is
/// `(H − Fh + s) / s` rounded up on each side, as SCALE-Sim computes it.
///
/// A GEMM `M × K · K × N` is the layer with an `M × K` ifmap, `N` filters of `1 × K` and one channel.
///
/// ```swift
/// let conv3 = Layer(name: "conv3", ifmapHeight: 28, ifmapWidth: 28, filterHeight: 3, filterWidth: 3,
///                   channels: 128, filters: 128, stride: 1)
/// print(conv3.macs)   // multiply-accumulates
/// ```
public struct Layer: Sendable, Hashable, Codable {
    public var name: String
    public var ifmapHeight: Int
    public var ifmapWidth: Int
    public var filterHeight: Int
    public var filterWidth: Int
    public var channels: Int
    public var filters: Int
    public var stride: Int

    public init(name: String, ifmapHeight: Int, ifmapWidth: Int, filterHeight: Int, filterWidth: Int,
                channels: Int, filters: Int, stride: Int = 1) {
        self.name = name
        self.ifmapHeight = ifmapHeight
        self.ifmapWidth = ifmapWidth
        self.filterHeight = filterHeight
        self.filterWidth = filterWidth
        self.channels = channels
        self.filters = filters
        self.stride = stride
    }

    /// The layer computing an `m × k` by `k × n` matrix product.
    public static func gemm(name: String, m: Int, n: Int, k: Int) -> Layer {
        Layer(name: name, ifmapHeight: m, ifmapWidth: k, filterHeight: 1, filterWidth: k, channels: 1, filters: n)
    }

    /// Output height, elements.
    public var ofmapHeight: Int { (ifmapHeight - filterHeight + stride + stride - 1) / stride }
    /// Output width, elements.
    public var ofmapWidth: Int { (ifmapWidth - filterWidth + stride + stride - 1) / stride }
    /// Output pixels per filter.
    public var ofmapPixels: Int { ofmapHeight * ofmapWidth }
    /// Elements in one convolution window (Fh·Fw·C).
    public var windowSize: Int { filterHeight * filterWidth * channels }
    /// Multiply-accumulates in the layer.
    public var macs: Int { ofmapPixels * filters * windowSize }
    /// Words (bytes) in the input feature map.
    public var ifmapWords: Int { ifmapHeight * ifmapWidth * channels }
    /// Words (bytes) in all filters.
    public var filterWords: Int { windowSize * filters }
    /// Words (bytes) in the output feature map.
    public var ofmapWords: Int { ofmapPixels * filters }
}
