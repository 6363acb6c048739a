import Foundation

/// A cached campaign result: per-block AVF for one (configuration, workload, seed, sample size), stored
/// as JSON so a search does not re-inject (`envs/npu-fault/<config>_<workload>_s<seed>_n<n>.json`).
///
/// ```swift
/// let table = try AVFTable.measure(configuration: .u55_32, workload: "conv", seed: 1, injectionsPerBlock: 4000)
/// try table.write(to: URL(fileURLWithPath: "envs/npu-fault"))
/// ```
public struct AVFTable: Sendable, Hashable, Codable {
    public var configuration: String, workload: String
    public var seed: UInt64
    /// Injections per block (count).
    public var injectionsPerBlock: Int
    public var blocks: [BlockAVF]

    public static func fileName(configuration: String, workload: String, seed: UInt64, injectionsPerBlock: Int) -> String {
        "\(configuration)_\(workload)_s\(seed)_n\(injectionsPerBlock).json"
    }

    /// Runs the campaign.
    public static func measure(configuration: NPUConfiguration, workload: String, seed: UInt64, injectionsPerBlock: Int) throws -> AVFTable {
        let model = try NPUModel(configuration: configuration, layer: NPUWorkload.layer(named: workload, seed: seed))
        let blocks = InjectionCampaign(model: model, injectionsPerBlock: injectionsPerBlock, seed: seed).run()
        return AVFTable(configuration: configuration.name, workload: workload, seed: seed, injectionsPerBlock: injectionsPerBlock, blocks: blocks)
    }

    /// The cached table in `directory`, or nil when absent or unreadable.
    public static func load(from directory: URL, configuration: String, workload: String, seed: UInt64, injectionsPerBlock: Int) -> AVFTable? {
        let url = directory.appendingPathComponent(fileName(configuration: configuration, workload: workload, seed: seed, injectionsPerBlock: injectionsPerBlock))
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(AVFTable.self, from: data)
    }

    /// Writes the table as pretty JSON into `directory` (created if needed); returns the file's URL.
    @discardableResult
    public func write(to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(Self.fileName(configuration: configuration, workload: workload, seed: seed, injectionsPerBlock: injectionsPerBlock))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
        return url
    }
}
