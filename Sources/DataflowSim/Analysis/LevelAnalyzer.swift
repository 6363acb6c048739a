import Foundation

/// Walks the iteration cases of each cluster level, recursing into sub-clusters for their delay,
/// and accumulates MAESTRO's per-level statistics.
///
/// Per case (occurring `n` times): ingress = new input/weight elements over the NoC, egress = output
/// elements sent up; NoC delay(d) = latency + ⌈d / bandwidth⌉ - 1; compute delay = the slowest
/// sub-cluster's runtime (⌈MACs / lanes⌉ at the PEs). With double buffering a step costs
/// max(ingress, compute, egress), except the first step: compute + ingress. At the top level a step is
/// also bounded by half the off-chip transfer of the L2 tile. Results are memoized per (level, dims).
struct LevelAnalyzer {
    let levels: [ClusterLevel]
    let tensors: TensorModel
    let hardware: HardwareConfig
    private var cache: [CacheKey: LevelResult] = [:]
    private let masks: [(TensorClass, Int)]
    private let output: (mask: Int, indices: [Int])
    private let dimensionOf: [[Int]]
    private let positionOf: [[Int]]

    private struct CacheKey: Hashable { var level: Int; var dims: [Int] }

    init(levels: [ClusterLevel], tensors: TensorModel, hardware: HardwareConfig) {
        self.levels = levels
        self.tensors = tensors
        self.hardware = hardware
        masks = [(.input, tensors.inputMask), (.weight, tensors.weightMask)]
        output = (tensors.outputMask, tensors.outputIndices)
        dimensionOf = levels.map(\.dimensionIndices)
        positionOf = levels.map(\.positionOfDimension)
    }

    /// Cycles to move `elements` over the NoC: head latency + (⌈elements / bandwidth⌉ − 1) pipelined
    /// sends (so an empty transfer costs latency − 1, as in MAESTRO).
    private func nocDelay(_ elements: Int) -> Int {
        let sends = (elements + hardware.nocBandwidth - 1) / hardware.nocBandwidth
        return hardware.nocLatency + sends - 1
    }

    private static func product(_ mask: Int, _ table: [Int]) -> Int {
        var p = 1
        for k in TensorModel.layerIndices where mask & (1 << k) != 0 { p *= table[k] }
        return p
    }

    private static func tileVolume(_ mask: Int, _ level: ClusterLevel) -> Int {
        level.directives.filter { mask & (1 << $0.index) != 0 }.reduce(1) { $0 * $1.size }
    }

    /// `dims`: sizes indexed by `TensorModel.names` (elements).
    mutating func analyze(level index: Int, dims: [Int]) -> LevelResult {
        let key = CacheKey(level: index, dims: dims)
        if let hit = cache[key] { return hit }
        let level = levels[index]
        let space = IterationSpace(level: level, dims: dims)
        let inputs = masks
        var r = LevelResult()
        var totalCases = 0
        var averageNoC = 0.0
        var activeSum = 0.0
        var overflow = false

        // Every combination of directive states, in MAESTRO's order (see `CaseOrder`): the off-chip
        // requirement below is a running value halved per case, so the order shows in it.
        let order = CaseOrder(stateCounts: space.states.map(\.count))
        var states = space.states.map { $0[0] }
        var firstCase = true
        for caseIndex in 0..<order.caseCount {
            for i in states.indices { states[i] = space.states[i][order.state(of: i, inCase: caseIndex)] }
            let occurrences = states.reduce(1) { $0 * $1.count }
            let c = CaseVolumes(space: space, states: states, dimensionOf: dimensionOf[index], positionOf: positionOf[index])
            if firstCase {
                // Buffer requirements and whole-tensor L2 traffic, from the first (all-initial) case.
                for (t, coupled) in inputs {
                    r.upperBufferRequirement[t] += 2 * c.spatialIngress(coupled)
                    r.upperWrites[t] = Self.product(coupled, dims)
                    r.lowerBufferRequirement[t] += 2 * Self.tileVolume(coupled, level)
                }
                r.upperBufferRequirement[.output] = 2 * c.spatialEgress(output)
                var outputSize = 1
                for d in output.indices {
                    if let partner = TensorModel.partnerIndex(d) { outputSize *= IterationSpace.outputs(dims[d], dims[partner]) }
                    else { outputSize *= dims[d] }
                }
                r.upperReads[.output] = outputSize
                r.lowerBufferRequirement[.output] = 2 * Self.tileVolume(output.mask, level)
                firstCase = false
            }

            let egress = c.spatialEgress(output)
            let macs = c.partialSumsAcrossSubClusters(output)
            let criticalMACs = c.criticalPathPartialSums(output)
            LevelResult.accumulate(&r.upperWrites.output, occurrences, egress, &overflow)
            LevelResult.accumulate(&r.lowerWrites.output, occurrences, macs, &overflow)
            LevelResult.accumulate(&r.lowerReads.output, occurrences, macs, &overflow)

            if criticalMACs > 0 {
                var ingress = 0
                for (t, coupled) in inputs {
                    let volume = c.spatialIngress(coupled)
                    ingress += volume
                    LevelResult.accumulate(&r.upperReads[t], occurrences, volume, &overflow)
                    r.lowerWrites[t] = r.upperReads[t]
                    LevelResult.accumulate(&r.lowerReads[t], occurrences, macs, &overflow)
                }

                var compute = 0
                var active = 0.0
                if index < levels.count - 1 {
                    var subs: [(LevelResult, Int)] = []
                    let sp = level.firstSpatialIndex.map { states[$0] }
                    if let sp, sp.isEdge, sp.hasSpatialEdgeEdge {
                        subs.append((analyze(level: index + 1, dims: c.subClusterDimensions(edgeEdge: true)), 1))
                        if space.edgeClusters - 1 > 0 {
                            subs.append((analyze(level: index + 1, dims: c.subClusterDimensions(edgeEdge: false)), space.edgeClusters - 1))
                        }
                    } else {
                        subs.append((analyze(level: index + 1, dims: c.subClusterDimensions(edgeEdge: false)),
                                     sp?.isEdge == true ? space.edgeClusters : level.subClusters))
                    }
                    for (sub, count) in subs {
                        if sub.overflowed { overflow = true }
                        compute = max(compute, sub.runtime)
                        active += sub.averageActiveUnits * Double(count)
                    }
                } else {
                    compute = (criticalMACs + hardware.simdLanes - 1) / hardware.simdLanes
                }
                if active == 0 { active = Double(c.activeSubClusters) }

                let ingressDelay = nocDelay(ingress)
                let egressDelay = nocDelay(egress)
                var step = c.isAllInitial ? compute + ingressDelay : max(egressDelay, compute, ingressDelay)
                if index == 0 {
                    let bw = hardware.offchipBandwidth
                    let outDelay = r.upperBufferRequirement[.output] / bw
                    let inDelay = (r.upperBufferRequirement[.input] + r.upperBufferRequirement[.weight]) / bw
                    step = max(inDelay / 2, step, outDelay / 2)
                    let divisor = max(compute, 1)
                    var req = max(r.offchipBandwidth, r.upperBufferRequirement[.output] / divisor)
                    req = max(req, (r.upperBufferRequirement[.input] + r.upperBufferRequirement[.weight]) / divisor)
                    r.offchipBandwidth = req / 2
                }
                LevelResult.accumulate(&r.runtime, occurrences, step, &overflow)
                LevelResult.accumulate(&r.macs, occurrences, macs, &overflow)
                activeSum += active * Double(occurrences)
                let divisor = max(compute, 1)
                r.peakNoCBandwidth = max(r.peakNoCBandwidth, max(ingress, egress) / divisor)
                let (traffic, trafficOverflow) = occurrences.multipliedReportingOverflow(by: max(ingress, egress))
                if trafficOverflow { overflow = true } else { averageNoC += Double(traffic / divisor) }
                totalCases += occurrences
            }
        }
        if totalCases > 0 {
            r.averageNoCBandwidth = averageNoC / Double(totalCases)
            r.averageActiveUnits = activeSum / Double(totalCases)
        }
        r.overflowed = overflow
        cache[key] = r
        return r
    }
}
