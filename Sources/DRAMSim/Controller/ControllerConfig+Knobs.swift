/// Reading knobs by DRAMSys's names (`PagePolicy`, `RequestBufferSize`, ...), as in its `mcconfig`
/// JSON and ArchGym's action space.
extension ControllerConfig {
    /// DRAMSys's knob names, in ArchGym's order.
    public static let knobNames = ["PagePolicy", "Scheduler", "SchedulerBuffer", "RequestBufferSize", "RespQueue", "RefreshPolicy",
                                   "RefreshMaxPostponed", "RefreshMaxPulledin", "PowerDownPolicy", "Arbiter", "MaxActiveTransactions"]

    /// Sets one knob from its DRAMSys name and textual value; `CmdMux` (only `Oldest`) is accepted.
    public mutating func set(_ knob: String, to value: String) throws {
        func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
            guard let parsed = T(rawValue: value) else {
                throw DRAMInputError(file: "controller", "\(knob) = '\(value)' is invalid; allowed: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return parsed
        }
        func count() throws -> Int {
            guard let number = Double(value), number >= 1, number.rounded() == number else {
                throw DRAMInputError(file: "controller", "\(knob) = '\(value)' is invalid; allowed: an integer >= 1")
            }
            return Int(number)
        }
        switch knob {
        case "PagePolicy": pagePolicy = try choice(PagePolicy.self)
        case "Scheduler": scheduler = try choice(Scheduler.self)
        case "SchedulerBuffer": schedulerBuffer = try choice(SchedulerBuffer.self)
        case "RequestBufferSize": requestBufferSize = try count()
        case "RespQueue": responseQueue = try choice(ResponseQueue.self)
        case "RefreshPolicy": refreshPolicy = try choice(RefreshPolicy.self)
        case "RefreshMaxPostponed": refreshMaxPostponed = try count()
        case "RefreshMaxPulledin": refreshMaxPulledIn = try count()
        case "PowerDownPolicy": powerDownPolicy = try choice(PowerDownPolicy.self)
        case "Arbiter": arbiter = try choice(Arbiter.self)
        case "MaxActiveTransactions": maxActiveTransactions = try count()
        case "CmdMux":
            guard value == "Oldest" else { throw DRAMInputError(file: "controller", "CmdMux = '\(value)' is not modelled; allowed: Oldest") }
        default:
            throw DRAMInputError(file: "controller", "unknown knob '\(knob)'; known: \((Self.knobNames + ["CmdMux"]).joined(separator: ", "))")
        }
    }
}
