/// Vector encodings of designs for agents. All three round-trip a valid design exactly, except the
/// index encoding of a continuous parameter, which snaps to the nearest of `resolution` levels.
extension ParameterSpace {
    /// One number in `[0, 1]` per parameter (see ``Parameter/normalize(_:)``).
    public func normalized(_ design: Design) -> [Double] {
        parameters.map { $0.normalize(design[$0.name] ?? $0.levels(resolution: 2)[0]) }
    }

    /// The nearest valid design for a normalized vector; entries are clamped to `[0, 1]`.
    public func design(fromNormalized vector: [Double]) throws(ParameterError) -> Design {
        guard vector.count == parameters.count else { throw .wrongVectorLength(expected: parameters.count, actual: vector.count) }
        var design = Design()
        for (parameter, position) in zip(parameters, vector) { design[parameter.name] = parameter.denormalize(position) }
        return design
    }

    /// One level index per parameter: the choice index for discrete parameters, the nearest of
    /// `resolution` levels for continuous ones.
    public func indices(_ design: Design, resolution: Int = 5) -> [Int] {
        parameters.map { parameter in
            let value = design[parameter.name] ?? parameter.levels(resolution: resolution)[0]
            let count = parameter.cardinality ?? max(resolution, 2)
            return Int((parameter.normalize(value) * Double(count - 1)).rounded())
        }
    }

    /// The design at the given level indices (see ``indices(_:resolution:)``).
    public func design(fromIndices indices: [Int], resolution: Int = 5) throws(ParameterError) -> Design {
        guard indices.count == parameters.count else { throw .wrongVectorLength(expected: parameters.count, actual: indices.count) }
        var design = Design()
        for (parameter, index) in zip(parameters, indices) {
            let levels = parameter.levels(resolution: resolution)
            guard levels.indices.contains(index) else {
                throw .invalidValue(parameter: parameter.name, value: "index \(index)", allowed: "an index in 0..<\(levels.count)")
            }
            design[parameter.name] = levels[index]
        }
        return design
    }

    /// Width of ``oneHot(_:)``: the number of choices for each categorical parameter, 1 for others.
    public var oneHotWidth: Int {
        parameters.reduce(0) { total, parameter in
            if case .categorical(let choices) = parameter.kind { return total + choices.count }
            return total + 1
        }
    }

    /// Categorical parameters one-hot, the others as their normalized position.
    public func oneHot(_ design: Design) -> [Double] {
        var vector: [Double] = []
        vector.reserveCapacity(oneHotWidth)
        for parameter in parameters {
            let value = design[parameter.name]
            if case .categorical(let choices) = parameter.kind {
                let chosen = value.flatMap { value in choices.firstIndex { ParameterValue.choice($0) == value } }
                vector += choices.indices.map { $0 == chosen ? 1 : 0 }
            } else {
                vector.append(value.map(parameter.normalize) ?? 0)
            }
        }
        return vector
    }

    /// The design for a one-hot vector; a categorical block takes its largest entry.
    public func design(fromOneHot vector: [Double]) throws(ParameterError) -> Design {
        guard vector.count == oneHotWidth else { throw .wrongVectorLength(expected: oneHotWidth, actual: vector.count) }
        var design = Design()
        var offset = 0
        for parameter in parameters {
            if case .categorical(let choices) = parameter.kind {
                let block = vector[offset..<offset + choices.count]
                let best = block.indices.max { block[$0] < block[$1] }! - offset
                design[parameter.name] = .choice(choices[best])
                offset += choices.count
            } else {
                design[parameter.name] = parameter.denormalize(vector[offset])
                offset += 1
            }
        }
        return design
    }
}
