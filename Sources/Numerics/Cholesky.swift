/// A lower-triangular Cholesky factor L of a symmetric positive-definite matrix A = L·Lᵀ, stored packed
/// by rows, that can grow by one row in O(n²) (``append(column:diagonal:)``) when A gains a row and column.
///
/// ```swift
/// var factor = try Cholesky(matrix: [4, 2, 2, 3], size: 2)   // L = [[2, 0], [1, √2]]
/// let x = factor.solve([2, 1])                                 // A⁻¹·b
/// ```
public struct Cholesky: Sendable {
    /// Row i holds L[i][0...i], starting at i·(i+1)/2.
    public private(set) var packed: [Double] = []
    public private(set) var size = 0
    /// The jitter added to the diagonal to make the factorization succeed (0 when none was needed).
    public private(set) var jitter = 0.0

    /// Why a factorization failed: the matrix is not positive definite even with the largest jitter.
    public struct NotPositiveDefinite: Error, Sendable {}

    public init() {}

    /// Factors the `size`×`size` row-major symmetric `matrix`. When it is not numerically positive
    /// definite, retries with jitter 1e-10, 1e-9, … up to 1e-4 times the mean diagonal added to it.
    public init(matrix: [Double], size: Int) throws {
        precondition(matrix.count == size * size)
        let meanDiagonal = size == 0 ? 1 : (0..<size).map { matrix[$0 * size + $0] }.reduce(0, +) / Double(size)
        var jitter = 0.0
        while true {
            if let packed = Self.factor(matrix, size: size, jitter: jitter) {
                self.packed = packed
                self.size = size
                self.jitter = jitter
                return
            }
            jitter = jitter == 0 ? 1e-10 * max(meanDiagonal, 1e-300) : jitter * 10
            if jitter > 1e-4 * max(meanDiagonal, 1e-300) { throw NotPositiveDefinite() }
        }
    }

    private static func factor(_ a: [Double], size n: Int, jitter: Double) -> [Double]? {
        var l = [Double](repeating: 0, count: n * (n + 1) / 2)
        for i in 0..<n {
            let rowI = i * (i + 1) / 2
            for j in 0...i {
                let rowJ = j * (j + 1) / 2
                var sum = a[i * n + j] + (i == j ? jitter : 0)
                for k in 0..<j { sum -= l[rowI + k] * l[rowJ + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[rowI + i] = sum.squareRoot()
                } else {
                    l[rowI + j] = sum / l[rowJ + j]
                }
            }
        }
        return l
    }

    /// L[i][j] for j ≤ i.
    @inlinable public func element(_ i: Int, _ j: Int) -> Double { packed[i * (i + 1) / 2 + j] }

    /// Grows the factor when A gains a last row/column: `column` = A[n][0..<n], `diagonal` = A[n][n].
    /// Costs O(n²). Throws when the extended matrix is not positive definite (the factor is unchanged).
    public mutating func append(column: [Double], diagonal: Double) throws {
        precondition(column.count == size)
        let row = solveLower(column)
        let rest = diagonal + jitter - row.reduce(0) { $0 + $1 * $1 }
        guard rest > 0, rest.isFinite else { throw NotPositiveDefinite() }
        packed += row
        packed.append(rest.squareRoot())
        size += 1
    }

    /// Solves L·x = b (forward substitution).
    public func solveLower(_ b: [Double]) -> [Double] {
        var x = b
        packed.withUnsafeBufferPointer { l in
            for i in 0..<size {
                let row = i * (i + 1) / 2
                var sum = x[i]
                for k in 0..<i { sum -= l[row + k] * x[k] }
                x[i] = sum / l[row + i]
            }
        }
        return x
    }

    /// Solves L·X = B in place for `columns` right-hand sides at once; `b` is row-major size×columns.
    /// Works on blocks of 32 columns so a block's rows stay in cache; release builds vectorize the
    /// inner loop along a block row.
    public func solveLower(many b: inout [Double], columns m: Int) {
        precondition(b.count == size * m)
        let block = 32
        packed.withUnsafeBufferPointer { l in
            b.withUnsafeMutableBufferPointer { x in
                for start in stride(from: 0, to: m, by: block) {
                    let end = min(start + block, m)
                    for i in 0..<size {
                        let row = i * (i + 1) / 2
                        let target = i * m
                        for k in 0..<i {
                            let factor = l[row + k]
                            let source = k * m
                            for j in start..<end { x[target + j] -= factor * x[source + j] }
                        }
                        let inverse = 1 / l[row + i]
                        for j in start..<end { x[target + j] *= inverse }
                    }
                }
            }
        }
    }

    /// Solves Lᵀ·x = b (backward substitution, reading L by rows).
    public func solveUpper(_ b: [Double]) -> [Double] {
        var x = b
        packed.withUnsafeBufferPointer { l in
            for j in stride(from: size - 1, through: 0, by: -1) {
                let row = j * (j + 1) / 2
                x[j] /= l[row + j]
                let value = x[j]
                for i in 0..<j { x[i] -= l[row + i] * value }
            }
        }
        return x
    }

    /// Solves A·x = b.
    public func solve(_ b: [Double]) -> [Double] { solveUpper(solveLower(b)) }

    /// log det A = 2 Σ log Lᵢᵢ.
    public var logDeterminant: Double { (0..<size).reduce(0) { $0 + 2 * Foundation.log(element($1, $1)) } }
}

import Foundation
