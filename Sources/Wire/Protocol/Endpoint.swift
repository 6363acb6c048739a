extension WireProtocol {
    /// Why `endpoint` is not a usable ZeroMQ address (`nil` when it is): a `tcp://HOST:PORT` address
    /// needs a port in 1...65535 (or `*`, a free port, when `binding`); `ipc://` and `inproc://`
    /// need a name. `option` names the field in the message.
    public static func endpointProblem(_ endpoint: String, option: String, binding: Bool = false) -> String? {
        let shown = endpoint.count > 80 ? endpoint.prefix(80) + "…" : Substring(endpoint)
        for scheme in ["ipc://", "inproc://"] where endpoint.hasPrefix(scheme) {
            return endpoint.count > scheme.count ? nil : "\(option) '\(shown)': the address needs a name after \(scheme)"
        }
        guard endpoint.hasPrefix("tcp://"), let colon = endpoint.lastIndex(of: ":"), colon > endpoint.index(endpoint.startIndex, offsetBy: 5) else {
            return "\(option) '\(shown)': expected tcp://HOST:PORT, ipc://NAME or inproc://NAME"
        }
        let port = endpoint[endpoint.index(after: colon)...]
        if binding && port == "*" { return nil }
        guard let number = Int(port), (1...65535).contains(number) else {
            return "\(option) '\(shown)': the port must be in 1...65535\(binding ? " or *" : ""), found '\(port.prefix(20))'"
        }
        return endpoint.count > 6 + 1 + port.count ? nil : "\(option) '\(shown)': the address needs a host"
    }
}
