import Foundation

/// Named dataflows as MAESTRO ships them, as directive sets built for a layer.
///
/// `directives(for:clusterSize:)` returns the directive list; `clusterSize` (PEs per inner cluster)
/// overrides the template's default where it has a `Cluster`.
///
/// ```swift
/// let df = DataflowTemplate.weightStationary.directives(for: layer)   // NVDLA-like KC-P
/// ```
public enum DataflowTemplate: String, Sendable, CaseIterable, Codable {
    /// ShiDianNao-like output stationary, YX-P (MAESTRO's `yxp_os`).
    case outputStationary = "yxp_os"
    /// NVDLA-like weight stationary, KC-P (MAESTRO's `kcp_ws`).
    case weightStationary = "kcp_ws"
    /// Eyeriss-like row stationary, YR-P (MAESTRO's `rs`).
    case rowStationary = "rs"
    /// X-partitioned weight stationary (MAESTRO's `xp_ws`).
    case xPartitionedWeightStationary = "xp_ws"
    /// YK-partitioned output stationary (MAESTRO's `ykp_os`, R/S maps corrected).
    case ykPartitionedOutputStationary = "ykp_os"
    /// CK-partitioned weight stationary (MAESTRO's VGG16 `ckp_ws`).
    case ckPartitionedWeightStationary = "ckp_ws"
    /// Channel-parallel, no local reuse (MAESTRO's `nlr`).
    case noLocalReuse = "nlr"
    /// Depth-wise partitioned (MAESTRO's `dpt`).
    case depthwisePartitioned = "dpt"

    /// The template's default PEs per inner cluster (1 when it has no `Cluster`).
    public var defaultClusterSize: Int {
        switch self {
        case .weightStationary, .ckPartitionedWeightStationary: return 64
        case .outputStationary: return 8
        case .ykPartitionedOutputStationary: return 16
        case .rowStationary, .xPartitionedWeightStationary, .noLocalReuse, .depthwisePartitioned: return 1
        }
    }

    public func directives(for layer: Layer, clusterSize: Int? = nil) -> [Directive] {
        let t = { (s: Int, o: Int, d: String) in Directive.temporal(size: .literal(s), offset: .literal(o), dimension: d) }
        let sp = { (s: Int, o: Int, d: String) in Directive.spatial(size: .literal(s), offset: .literal(o), dimension: d) }
        let r = layer.size("R"), s = layer.size("S")
        let full = [t(r, r, "R"), t(s, s, "S")]
        let n = max(1, clusterSize ?? defaultClusterSize)
        switch self {
        case .weightStationary:
            return [sp(1, 1, "K"), t(n, n, "C"), t(r, r, "R"), t(s, s, "S"), t(r, 1, "Y"), t(s, 1, "X"),
                    .cluster(size: .literal(n)), sp(1, 1, "C"), t(r, 1, "Y"), t(s, 1, "X")] + full
        case .outputStationary:
            // Written with output rows/columns so strides carry through: at stride 1 this is
            // SpatialMap(Sz(R),1) Y; TemporalMap(w+S-1,w) X; Cluster(w,P); SpatialMap(Sz(S),1) X.
            let w = max(1, min(n, layer.outputWidth))
            return [t(1, 1, "K"), t(1, 1, "C"), sp(1, 1, "Y'"), t(w, w, "X'"), .cluster(size: .literal(w)), sp(1, 1, "X'")] + full
        case .rowStationary:
            return [sp(1, 1, "Y'"), t(1, 1, "X'"), t(1, 1, "C"), t(16, 16, "K")] + full
                + [.cluster(size: .literal(r)), sp(1, 1, "Y"), sp(1, 1, "R"), t(s, s, "S")]
        case .xPartitionedWeightStationary:
            return [t(1, 1, "K"), t(1, 1, "C"), t(r, 1, "Y"), sp(s, 1, "X")] + full
        case .ykPartitionedOutputStationary:
            return [t(n, n, "K"), sp(r, 1, "Y"), t(s, 1, "X"), t(1, 1, "C"), .cluster(size: .literal(n)),
                    sp(1, 1, "K"), t(r, 1, "Y"), t(s, 1, "X")] + full
        case .ckPartitionedWeightStationary:
            return [sp(1, 1, "C"), t(n, n, "K")] + full + [t(1, 1, "Y'"), t(1, 1, "X'"), .cluster(size: .literal(n)), sp(1, 1, "K")] + full
        case .noLocalReuse:
            return [t(1, 1, "K"), t(r, 1, "Y"), t(s, 1, "X")] + full + [sp(1, 1, "C")]
        case .depthwisePartitioned:
            return [sp(1, 1, "C"), t(r, 1, "Y"), t(s, 1, "X")] + full
        }
    }
}
