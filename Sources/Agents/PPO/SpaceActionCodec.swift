import GymCore

/// Maps a parameter space to policy heads and actions back to designs: a categorical head over the
/// levels of each discrete parameter, a Gaussian head for each continuous one. A Gaussian action `a`
/// is the offset of the normalized position from the middle: position `0.5 + a`, clamped to `[0, 1]`.
///
/// ```swift
/// let codec = SpaceActionCodec(parameters: space.parameters)
/// let values = codec.values(for: action)   // [name: value] for the codec's parameters
/// ```
public struct SpaceActionCodec: Sendable {
    public let parameters: [Parameter]
    public let head: FactoredPolicyHead

    public init(parameters: [Parameter]) {
        self.parameters = parameters
        self.head = FactoredPolicyHead(heads: parameters.map { parameter in
            parameter.cardinality.map { ActionHead.categorical(count: $0) } ?? .gaussian
        })
    }

    /// The parameter values an action stands for.
    public func values(for action: [Double]) -> [(name: String, value: ParameterValue)] {
        zip(parameters, action).map { parameter, entry in
            if parameter.cardinality != nil { return (parameter.name, parameter.levels()[Int(entry)]) }
            return (parameter.name, parameter.denormalize(0.5 + entry))
        }
    }
}
