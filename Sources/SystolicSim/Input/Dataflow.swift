/// Which operand stays in the processing elements while the others stream through the array.
///
/// - `os` output stationary: rows ← output pixels, columns ← filters, time ← window (Fh·Fw·C).
/// - `ws` weight stationary: rows ← window, columns ← filters, time ← output pixels.
/// - `is` input stationary: rows ← window, columns ← output pixels, time ← filters.
public enum Dataflow: String, Sendable, Hashable, Codable, CaseIterable {
    case outputStationary = "os"
    case weightStationary = "ws"
    case inputStationary = "is"
}
