import Foundation

/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: A = V·diag(values)·Vᵀ,
/// with the eigenvectors as V's columns. For the few-dozen-dimensional covariance of CMA-ES.
///
/// ```swift
/// let eigen = SymmetricEigen([[2, 1], [1, 2]])   // values [1, 3] (in some order)
/// ```
public struct SymmetricEigen: Sendable {
    /// Eigenvalues.
    public let values: [Double]
    /// Eigenvectors as columns: `vectors[row][column]`.
    public let vectors: [[Double]]

    public init(_ matrix: [[Double]], sweeps: Int = 50) {
        let n = matrix.count
        var a = matrix
        var v = (0..<n).map { row in (0..<n).map { $0 == row ? 1.0 : 0.0 } }
        for _ in 0..<sweeps {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<max(n, p + 1) { off += a[p][q] * a[p][q] } }
            if off < 1e-30 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) where abs(a[p][q]) > 1e-300 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        values = (0..<n).map { a[$0][$0] }
        vectors = v
    }
}
