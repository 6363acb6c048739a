/// How a layer's matrix product is laid onto an array for one dataflow: the spatial rows `Sr` and
/// columns `Sc` of work, the temporal length `T`, and the folds needed to cover them.
///
/// With P output pixels, K = Fh·Fw·C and N filters: os maps (Sr, Sc, T) = (P, N, K); ws (K, N, P);
/// is (K, P, N). Folds run one after another, row folds innermost.
///
/// ```swift
/// let mapping = ArrayMapping(layer: conv3, rows: 32, columns: 32, dataflow: .outputStationary)
/// print(mapping.folds, mapping.cyclesPerFold)
/// ```
public struct ArrayMapping: Sendable, Hashable {
    /// Spatial work along the array's rows (elements).
    public let spatialRows: Int
    /// Spatial work along the array's columns (elements).
    public let spatialColumns: Int
    /// Temporal length of one fold (elements streamed per PE).
    public let temporal: Int
    public let arrayRows: Int
    public let arrayColumns: Int
    public let dataflow: Dataflow

    public init(layer: Layer, rows: Int, columns: Int, dataflow: Dataflow) {
        let pixels = layer.ofmapPixels, window = layer.windowSize, filters = layer.filters
        switch dataflow {
        case .outputStationary: (spatialRows, spatialColumns, temporal) = (pixels, filters, window)
        case .weightStationary: (spatialRows, spatialColumns, temporal) = (window, filters, pixels)
        case .inputStationary: (spatialRows, spatialColumns, temporal) = (window, pixels, filters)
        }
        arrayRows = rows
        arrayColumns = columns
        self.dataflow = dataflow
    }

    /// Folds along the rows: ⌈Sr / R⌉.
    public var rowFolds: Int { (spatialRows + arrayRows - 1) / arrayRows }
    /// Folds along the columns: ⌈Sc / C⌉.
    public var columnFolds: Int { (spatialColumns + arrayColumns - 1) / arrayColumns }
    public var folds: Int { rowFolds * columnFolds }

    /// Cycles one fold takes without stalls, fill and drain included: os T+R+C−2; ws/is 2R+C+T−2.
    public var cyclesPerFold: Int {
        switch dataflow {
        case .outputStationary: return temporal + arrayRows + arrayColumns - 2
        case .weightStationary, .inputStationary: return 2 * arrayRows + arrayColumns + temporal - 2
        }
    }

    /// The cycle span SCALE-Sim divides by for a fold's compute utilization (the extent of the skewed
    /// demand matrix): os T+R+C−2; ws/is 2R+2C+T−3.
    var utilizationCyclesPerFold: Int {
        switch dataflow {
        case .outputStationary: return cyclesPerFold
        case .weightStationary, .inputStationary: return 2 * arrayRows + 2 * arrayColumns + temporal - 3
        }
    }

    /// Rows of work in the last row fold (elements; R when Sr divides evenly).
    var lastRowFoldRows: Int { spatialRows - (rowFolds - 1) * arrayRows }
    /// Columns of work in the last column fold.
    var lastColumnFoldColumns: Int { spatialColumns - (columnFolds - 1) * arrayColumns }
}
