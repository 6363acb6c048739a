/// What the array itself does for one layer, independent of memory: cycles without stalls,
/// utilization, and the SRAM traffic the demand streams make. All closed forms of the shapes, folds
/// and fill/drain skew; they equal SCALE-Sim 3.0.0's figures exactly.
///
/// ```swift
/// let compute = ComputeMetrics(layer: conv3, rows: 32, columns: 32, dataflow: .outputStationary)
/// print(compute.cycles, compute.computeUtilizationPercent)
/// ```
public struct ComputeMetrics: Sendable, Hashable {
    public let mapping: ArrayMapping
    /// Cycles to run every fold with no memory stall (folds · cycles per fold − 1).
    public let cycles: Int
    /// Multiply-accumulates the layer needs.
    public let macs: Int
    /// Mean over folds of the fraction of PEs mapped, percent.
    public let mappingEfficiencyPercent: Double
    /// Mean over folds of MACs / (PEs · fold cycles), percent.
    public let computeUtilizationPercent: Double
    /// SRAM reads by the array, words.
    public let ifmapSRAMReads: Int
    public let filterSRAMReads: Int
    /// SRAM writes by the array, words (os adds R+C per fold, as SCALE-Sim counts them).
    public let ofmapSRAMWrites: Int

    public init(layer: Layer, rows: Int, columns: Int, dataflow: Dataflow) {
        let mapping = ArrayMapping(layer: layer, rows: rows, columns: columns, dataflow: dataflow)
        self.mapping = mapping
        macs = layer.macs
        cycles = mapping.folds * mapping.cyclesPerFold - 1
        let sr = mapping.spatialRows, sc = mapping.spatialColumns, t = mapping.temporal
        switch dataflow {
        case .outputStationary:
            ifmapSRAMReads = t * sr * mapping.columnFolds
            filterSRAMReads = t * sc * mapping.rowFolds
            ofmapSRAMWrites = sr * sc + mapping.folds * (rows + columns)
        case .weightStationary:
            ifmapSRAMReads = t * sr * mapping.columnFolds
            filterSRAMReads = sr * sc
            ofmapSRAMWrites = t * sc * mapping.rowFolds
        case .inputStationary:
            ifmapSRAMReads = sr * sc
            filterSRAMReads = t * sr * mapping.columnFolds
            ofmapSRAMWrites = t * sc * mapping.rowFolds
        }
        // Per-fold ratios summed in SCALE-Sim's order (column folds outer, row folds inner) so the
        // floating-point means match to the last bit.
        let pes = rows * columns
        let span = pes * mapping.utilizationCyclesPerFold
        var mappingSum = 0.0, utilizationSum = 0.0
        for columnFold in 0..<mapping.columnFolds {
            let usedColumns = columnFold == mapping.columnFolds - 1 ? mapping.lastColumnFoldColumns : columns
            for rowFold in 0..<mapping.rowFolds {
                let usedRows = rowFold == mapping.rowFolds - 1 ? mapping.lastRowFoldRows : rows
                let used = usedRows * usedColumns
                mappingSum += Double(used) / Double(pes)
                utilizationSum += Double(used * t) / Double(span)
            }
        }
        mappingEfficiencyPercent = mappingSum / Double(mapping.folds) * 100
        computeUtilizationPercent = utilizationSum / Double(mapping.folds) * 100
    }

    /// MACs / (PEs · cycles), percent, for a run lasting `totalCycles`.
    public func overallUtilizationPercent(totalCycles: Int) -> Double {
        Double(macs * 100) / Double(totalCycles * mapping.arrayRows * mapping.arrayColumns)
    }
}
