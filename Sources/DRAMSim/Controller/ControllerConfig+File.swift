import Foundation

/// Reading DRAMSys's controller configuration (`mcconfig`) JSON: `{"mcconfig": {"PagePolicy": "Open", ...}}`.
extension ControllerConfig {
    public static func load(from url: URL) throws -> ControllerConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw DRAMInputError(file: url.path, "cannot read the mcconfig (\(error.localizedDescription))") }
        return try parse(data, file: url.path).config
    }

    /// The configuration and the knobs the file sets (DRAMSys's names, values as text); unset knobs
    /// keep ``ControllerConfig``'s defaults. An unknown or unmodelled field, or a bad value, is an
    /// error naming the file and the field.
    public static func parse(_ data: Data, file: String) throws -> (config: ControllerConfig, knobs: [String: String]) {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let fields = root["mcconfig"] as? [String: Any] else {
            throw DRAMInputError(file: file, "not a DRAMSys mcconfig: expected a JSON object with an 'mcconfig' object")
        }
        return try parse(fields: fields, file: file)
    }

    /// The same from the `mcconfig` object itself (DRAMSys also accepts it inline in a simulation JSON).
    public static func parse(fields: [String: Any], file: String) throws -> (config: ControllerConfig, knobs: [String: String]) {
        var config = ControllerConfig()
        var knobs: [String: String] = [:]
        for key in fields.keys.sorted() {
            let raw = fields[key]!
            let text: String
            if let string = raw as? String { text = string } else if let number = raw as? NSNumber { text = number.stringValue } else {
                throw DRAMInputError(file: file, "mcconfig.\(key) = \(raw) is not a string or number")
            }
            do { try config.set(key, to: text) } catch let error as DRAMInputError {
                throw DRAMInputError(file: file, "mcconfig.\(error.message)")
            }
            knobs[key] = text
        }
        return (config, knobs)
    }
}
