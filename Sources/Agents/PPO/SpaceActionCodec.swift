import GymCore

/// Maps a parameter space to policy heads and actions back to designs: a categorical head over the
/// levels of each categorical parameter and of each ordered (integer, ordinal) parameter with at most
/// ``maximumCategoricalLevels`` levels; a Gaussian head for continuous and larger ordered parameters.
/// A Gaussian action `a` is the offset of the normalized position from the middle: position `0.5 + a`,
/// clamped to `[0, 1]`, then the nearest valid value.
///
/// ```swift
/// let codec = SpaceActionCodec(parameters: space.parameters)
/// let values = codec.values(for: action)   // [name: value] for the codec's parameters
/// ```
public struct SpaceActionCodec: Sendable {
    public let parameters: [Parameter]
    public let head: FactoredPolicyHead
    /// Ordered parameters with more levels than this get a Gaussian head (categorical ones never do).
    public static let maximumCategoricalLevels = 64

    public init(parameters: [Parameter]) {
        self.parameters = parameters
        self.head = FactoredPolicyHead(heads: parameters.map { parameter in
            Self.isCategorical(parameter) ? .categorical(count: parameter.cardinality!) : .gaussian
        })
    }

    static func isCategorical(_ parameter: Parameter) -> Bool {
        guard let count = parameter.cardinality else { return false }
        if case .categorical = parameter.kind { return true }
        return count <= maximumCategoricalLevels
    }

    /// The parameter values an action stands for.
    public func values(for action: [Double]) -> [(name: String, value: ParameterValue)] {
        zip(parameters, action).map { parameter, entry in
            if Self.isCategorical(parameter) { return (parameter.name, parameter.levels()[Int(entry)]) }
            return (parameter.name, parameter.denormalize(0.5 + entry))
        }
    }
}
