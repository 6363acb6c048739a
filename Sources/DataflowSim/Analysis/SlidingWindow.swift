import Foundation

/// How MAESTRO's cluster analysis turns a directive over input rows/columns into a strided window.
///
/// MAESTRO keeps every output tile stride-free (output = input tile − filter + 1) and carries the stride
/// only in the size and offset of the `Y`/`X` directives of each cluster level: a tile of `size` input
/// rows covering the whole filter (`size ≥ R`) holds ⌊(size + stride − R) / stride⌋ windows; it becomes
/// `windows·min(stride, R) + max(R − stride, 0)` rows and steps `windows·stride` rows (below the top level,
/// with a filter narrower than the stride, `windows·R`). Tiles smaller than the filter are left alone. The
/// rule is applied once per level to every `Y`/`X` directive — written, inherited from the level above
/// (already adjusted there) or unrolled — as MAESTRO does. All sizes are elements.
enum SlidingWindow {
    /// `(size, offset)` of a directive over input rows (or columns) after applying the stride.
    /// `filter`: the layer's R (or S); `stride` ≥ 1; `topLevel`: the outermost cluster level.
    static func strided(size: Int, offset: Int, filter: Int, stride: Int, topLevel: Bool) -> (size: Int, offset: Int) {
        guard stride != 1, size >= filter else { return (size, offset) }
        let windows = (size + stride - filter) / stride
        let adjustedSize = windows * min(stride, filter) + max(filter - stride, 0)
        let adjustedOffset = (!topLevel && filter < stride) ? windows * filter : windows * stride
        return (adjustedSize, adjustedOffset)
    }

    /// Input rows (or columns) a directive over output rows `Y'` (or `X'`) reads, as MAESTRO converts it
    /// before any stride: size + filter − 1, offset unchanged (the stride is applied afterwards).
    static func inputExtent(outputSize: Int, filter: Int) -> Int { outputSize + filter - 1 }
}
