/// An Ethos-U55-like NPU configuration: MAC array width and shared SRAM buffer size.
///
/// ```swift
/// let npu = NPUConfiguration.u55_32   // 32 MACs/cycle, 16 KiB shared buffer
/// ```
public struct NPUConfiguration: Sendable, Hashable, Codable {
    /// Name used in tables and on the command line (e.g. "u55-32").
    public var name: String
    /// MAC lanes working in parallel (MACs/cycle); each lane owns one 32-bit accumulator.
    public var macsPerCycle: Int
    /// Shared SRAM buffer for weights, biases and activations, in bytes.
    public var sharedBufferBytes: Int

    public init(name: String, macsPerCycle: Int, sharedBufferBytes: Int) {
        self.name = name
        self.macsPerCycle = macsPerCycle
        self.sharedBufferBytes = sharedBufferBytes
    }

    public static let u55_32 = NPUConfiguration(name: "u55-32", macsPerCycle: 32, sharedBufferBytes: 16 * 1024)
    public static let u55_64 = NPUConfiguration(name: "u55-64", macsPerCycle: 64, sharedBufferBytes: 16 * 1024)
    public static let u55_128 = NPUConfiguration(name: "u55-128", macsPerCycle: 128, sharedBufferBytes: 24 * 1024)
    public static let u55_256 = NPUConfiguration(name: "u55-256", macsPerCycle: 256, sharedBufferBytes: 48 * 1024)

    /// The four Ethos-U55-like configurations, smallest first.
    public static let all: [NPUConfiguration] = [.u55_32, .u55_64, .u55_128, .u55_256]
}
