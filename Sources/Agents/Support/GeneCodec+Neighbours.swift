import GymCore

extension GeneCodec {
    /// Gene vectors one step away: every other choice of a categorical parameter, ±1 and ±⌈levels/8⌉
    /// (at least 2) levels of an ordered one, ±0.02 and ±0.1 of a continuous one's normalized position
    /// (moves that leave the range are dropped). Used by local search on a surrogate (bo, mf).
    public func neighbours(of genes: [Double]) -> [[Double]] {
        var result: [[Double]] = []
        for index in genes.indices {
            var steps: [Double]
            if let levels = levelCounts[index] {
                if case .categorical = space.parameters[index].kind {
                    steps = (0..<levels).map { Double($0) - genes[index] }.filter { $0 != 0 }
                } else {
                    let far = Double(max(2, (levels + 7) / 8))
                    steps = [-1, 1, -far, far].filter { (0...Double(levels - 1)).contains(genes[index] + $0) }
                }
            } else {
                steps = [-0.1, -0.02, 0.02, 0.1].filter { (0...1).contains(genes[index] + $0) }
            }
            for step in steps {
                var neighbour = genes
                neighbour[index] += step
                result.append(neighbour)
            }
        }
        return result
    }
}
