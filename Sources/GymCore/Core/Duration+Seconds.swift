extension Duration {
    /// The duration in seconds (the one conversion every timer in the package uses).
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
