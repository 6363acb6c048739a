import Foundation
import GymCore

/// A Parzen (kernel density) estimator over some of a space's genes (see ``GeneCodec``): a weighted
/// mixture with one kernel per observation plus a prior kernel, as the tree-structured Parzen
/// estimator uses for its good group l(x) and its bad group g(x).
///
/// Kernels per gene: a categorical gene gets a smoothed one-hot distribution (the observed choice has
/// weight 1, every choice ε = prior/kernels, normalized); the prior kernel is uniform. A discrete ordered gene
/// (integer, ordinal; level index 0…k−1) gets a normal truncated to [−½, k−½] and integrated over each
/// level's unit cell — exactly for kernels narrower than two levels, by the midpoint rule for wider ones
/// (relative error ≈ (z² − 1)/(24σ²): about 1% within 1.5σ of the centre at σ = 2 levels); a continuous gene (its normalized position, log-scaled where the parameter is)
/// gets a normal truncated to [0, 1]. The prior kernel sits at the middle with the range's width.
/// Widths, per gene in both modes (as Optuna ≥ 4 does): the larger gap to the neighbouring observations
/// (the outermost ones take their inner gap), clipped to [range/min(100, 1 + kernels), range] when
/// `magicClip` is set. A multivariate kernel is the product of its genes' kernels.
struct ParzenEstimator {
    /// What kind of gene each estimated dimension is.
    enum Dimension {
        case categorical(choices: Int)
        case discrete(levels: Int)
        case continuous

        /// Bounds of a numeric gene's truncated normal (index cells for discrete genes).
        var bounds: (low: Double, high: Double) {
            switch self {
            case .categorical: return (0, 0)
            case .discrete(let levels): return (-0.5, Double(levels) - 0.5)
            case .continuous: return (0, 1)
            }
        }
    }

    /// Gene indices (into a full gene vector) this estimator covers.
    let genes: [Int]
    let dimensions: [Dimension]
    /// Log of each kernel's normalized weight (observations first, the prior last).
    let logWeights: [Double]
    /// Per dimension, per kernel: the centre (a numeric gene's mean; a categorical gene's observed choice, −1 for the prior).
    let centres: [[Double]]
    /// Per dimension, per kernel: a numeric gene's width (σ, gene units).
    let widths: [[Double]]
    /// Per dimension, per kernel: log of a numeric kernel's mass inside the bounds (the truncation).
    let logMasses: [[Double]]
    /// Per dimension, per kernel: log of a numeric kernel's truncated density at its centre,
    /// −log(σ·√(2π)) − log(mass) (for a discrete gene also the level's probability at its centre).
    let logPeaks: [[Double]]
    /// Per discrete dimension: the smallest width (the clip) and the log cell probability at each
    /// level offset 0, 1, … from a kernel of that width; most kernels of a large group have it.
    let narrowTables: [(width: Double, logCells: [Double])?]
    /// Kernels at least this wide (in levels) score a discrete level by the midpoint rule.
    static let midpointWidth = 2.0
    /// ε: the weight every choice gets in a categorical kernel beside the observed choice's 1
    /// (prior weight / kernels, as Optuna ≥ 4).
    private let smoothing: Double

    /// An estimator of `observations` (full gene vectors) over `genes`, each observation weighted.
    init(observations: [[Double]], weights: [Double], genes: [Int], dimensions: [Dimension],
         priorWeight: Double, magicClip: Bool) {
        self.genes = genes
        self.dimensions = dimensions
        self.smoothing = priorWeight / Double(observations.count + 1)
        let count = observations.count
        let total = weights.reduce(0, +) + priorWeight
        logWeights = (weights + [priorWeight]).map { log($0 / total) }
        var centres: [[Double]] = []
        var widths: [[Double]] = []
        var logMasses: [[Double]] = []
        var narrowTables: [(width: Double, logCells: [Double])?] = []
        for (gene, dimension) in zip(genes, dimensions) {
            let values = observations.map { $0[gene] }
            if case .categorical = dimension {
                centres.append(values + [-1])
                widths.append([])
                logMasses.append([])
                narrowTables.append(nil)
                continue
            }
            let (low, high) = dimension.bounds
            let range = high - low
            var sigmas = Self.neighbourGaps(values, low: low, high: high)
            let smallest = magicClip ? range / min(100, Double(count + 2)) : range * 1e-6
            sigmas = sigmas.map { min(max($0, smallest), range) } + [range]
            if case .discrete(let levels) = dimension, smallest < Self.midpointWidth {
                narrowTables.append((smallest, (0..<levels).map { offset in
                    log(max(Self.mass(from: (Double(offset) - 0.5) / smallest, to: (Double(offset) + 0.5) / smallest), 1e-300))
                }))
            } else {
                narrowTables.append(nil)
            }
            let means = values + [(low + high) / 2]
            centres.append(means)
            widths.append(sigmas)
            logMasses.append(zip(means, sigmas).map { mean, sigma in
                log(max(Self.mass(from: (low - mean) / sigma, to: (high - mean) / sigma), 1e-300))
            })
        }
        self.centres = centres
        self.widths = widths
        self.logMasses = logMasses
        self.narrowTables = narrowTables
        let logRoot2Pi = 0.5 * log(2 * Double.pi)
        logPeaks = zip(widths, logMasses).map { width, logMass in zip(width, logMass).map { -log($0) - logRoot2Pi - $1 } }
    }

    /// For each value, the larger distance to its neighbours in sorted order; the smallest and the
    /// largest value (with at least two values) take the distance to their one inner neighbour, so a
    /// cluster near a bound stays narrow; a lone value takes the larger distance to a bound.
    private static func neighbourGaps(_ values: [Double], low: Double, high: Double) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var gaps = [Double](repeating: high - low, count: values.count)
        for (position, index) in order.enumerated() {
            let below = position == 0 ? low : values[order[position - 1]]
            let above = position == order.count - 1 ? high : values[order[position + 1]]
            if order.count >= 2, position == 0 {
                gaps[index] = above - values[index]
            } else if order.count >= 2, position == order.count - 1 {
                gaps[index] = values[index] - below
            } else {
                gaps[index] = max(values[index] - below, above - values[index])
            }
        }
        return gaps
    }

    /// Φ(b) − Φ(a) for a ≤ b, accurate in both tails.
    static func mass(from a: Double, to b: Double) -> Double {
        let root2 = 2.0.squareRoot()
        if a > 0 { return 0.5 * (erfc(a / root2) - erfc(b / root2)) }
        return 0.5 * (erfc(-b / root2) - erfc(-a / root2))
    }

    /// A gene vector drawn from the mixture: a kernel by weight, then each covered gene from it
    /// (other genes of `base` are left as they are).
    func sample(into base: [Double], using generator: inout SeededGenerator) -> [Double] {
        var draw = Double.random(in: 0..<1, using: &generator)
        var kernel = logWeights.count - 1
        for (index, logWeight) in logWeights.enumerated() {
            draw -= exp(logWeight)
            if draw < 0 { kernel = index; break }
        }
        var vector = base
        for (slot, dimension) in dimensions.enumerated() {
            vector[genes[slot]] = sampleGene(slot: slot, dimension: dimension, kernel: kernel, using: &generator)
        }
        return vector
    }

    private func sampleGene(slot: Int, dimension: Dimension, kernel: Int, using generator: inout SeededGenerator) -> Double {
        switch dimension {
        case .categorical(let choices):
            let observed = Int(centres[slot][kernel])
            guard observed >= 0 else { return Double(Int.random(in: 0..<choices, using: &generator)) }
            // The observed choice with probability 1/(1 + k·ε), else a uniform one: together
            // (1 + ε)/(1 + k·ε) for the observed choice and ε/(1 + k·ε) for each other.
            if Double.random(in: 0..<1, using: &generator) < 1 / (1 + Double(choices) * smoothing) { return Double(observed) }
            return Double(Int.random(in: 0..<choices, using: &generator))
        case .discrete(let levels):
            let value = truncatedNormal(slot: slot, kernel: kernel, using: &generator)
            return Double(min(max(Int(value.rounded()), 0), levels - 1))
        case .continuous:
            return min(max(truncatedNormal(slot: slot, kernel: kernel, using: &generator), 0), 1)
        }
    }

    private func truncatedNormal(slot: Int, kernel: Int, using generator: inout SeededGenerator) -> Double {
        let (low, high) = dimensions[slot].bounds
        let mean = centres[slot][kernel], sigma = widths[slot][kernel]
        for _ in 0..<64 {
            let value = mean + sigma * generator.nextGaussian()
            if value >= low, value <= high { return value }
        }
        return Double.random(in: low...high, using: &generator)
    }

    /// Log density (log probability for discrete genes) of a gene vector under the mixture.
    func logDensity(_ vector: [Double]) -> Double {
        let kernels = logWeights.count
        var terms = logWeights
        for (slot, dimension) in dimensions.enumerated() {
            let x = vector[genes[slot]]
            let centre = centres[slot]
            switch dimension {
            case .categorical(let choices):
                let k = Double(choices)
                let hit = log((1 + smoothing) / (1 + k * smoothing)), miss = log(smoothing / (1 + k * smoothing))
                for kernel in 0..<(kernels - 1) { terms[kernel] += centre[kernel] == x ? hit : miss }
                terms[kernels - 1] -= log(k)
            case .discrete:
                let width = widths[slot], logMass = logMasses[slot], logPeak = logPeaks[slot], table = narrowTables[slot]
                for kernel in 0..<kernels {
                    let sigma = width[kernel]
                    let z = (x - centre[kernel]) / sigma
                    if let table, sigma == table.width {
                        // Level offsets are whole numbers and the cell mass is symmetric in them.
                        terms[kernel] += table.logCells[Int(abs(x - centre[kernel]).rounded())] - logMass[kernel]
                    } else if sigma >= Self.midpointWidth {
                        // Midpoint rule for the level's unit cell: relative error ≈ (z² − 1)/(24σ²).
                        terms[kernel] += logPeak[kernel] - 0.5 * z * z
                    } else {
                        let cell = Self.mass(from: z - 0.5 / sigma, to: z + 0.5 / sigma)
                        terms[kernel] += log(max(cell, 1e-300)) - logMass[kernel]
                    }
                }
            case .continuous:
                let width = widths[slot], logPeak = logPeaks[slot]
                for kernel in 0..<kernels {
                    let z = (x - centre[kernel]) / width[kernel]
                    terms[kernel] += logPeak[kernel] - 0.5 * z * z
                }
            }
        }
        let largest = terms.max() ?? 0
        guard largest.isFinite else { return largest }
        return largest + log(terms.reduce(0) { $0 + exp($1 - largest) })
    }
}
