import Environments
import FaultSim
import Foundation
import GymCore

extension PerfSection {
    /// FaultSim injections/s (one core with blocks mixed uniformly and per block, all cores; u55-32, conv)
    /// and npu-fault environment steps/s.
    static let npuFault = PerfSection(name: "npu-fault", summary: "fault injections/s on u55-32 and npu-fault steps/s") { _ in
        let model = try NPUModel(configuration: .u55_32, layer: NPUWorkload.layer(named: "conv", seed: 1))
        let injector = FaultInjector(model: model)
        var rng = SplitMixGenerator(seed: 1)
        var count = 0
        let single = Stopwatch.repeatFor(minimumSeconds: 1) {
            for _ in 0..<10_000 {
                let block = StateBlock.allCases[Int.random(in: 0..<StateBlock.allCases.count, using: &rng)]
                _ = injector.inject(block: block, bit: Int.random(in: 0..<model.bitCount(of: block), using: &rng),
                                    cycle: Int.random(in: 0..<model.totalCycles, using: &rng))
                count += 1
            }
        }
        // Per block (1 core): where the mixed rate goes.
        let blockRows = StateBlock.allCases.map { block -> PerfRow in
            var done = 0
            let timed = Stopwatch.repeatFor(minimumSeconds: 0.1) {
                for _ in 0..<2_000 {
                    _ = injector.inject(block: block, bit: Int.random(in: 0..<model.bitCount(of: block), using: &rng),
                                        cycle: Int.random(in: 0..<model.totalCycles, using: &rng))
                    done += 1
                }
            }
            return PerfRow(section: "npu-fault", item: "injections, u55-32 conv, \(block.rawValue), 1 core", metric: "injections/s",
                           value: Double(done) / timed.seconds, unit: "1/s")
        }
        let perBlock = 50_000
        let parallel = Stopwatch.seconds { _ = InjectionCampaign(model: model, injectionsPerBlock: perBlock, seed: 1).run() }
        let environment = try NPUFaultEnvironment(workload: "conv", configuration: .u55_32, injectionsPerBlock: 2000, seed: 1)
        let design = environment.parameterSpace.defaults!
        var steps = 0
        let stepping = try Stopwatch.repeatFor(minimumSeconds: 0.5) { _ = try environment.step(design); steps += 1 }
        return [
            PerfRow(section: "npu-fault", item: "injections, u55-32 conv, 1 core", metric: "injections/s",
                    value: Double(count) / single.seconds, unit: "1/s"),
        ] + blockRows + [
            PerfRow(section: "npu-fault", item: "injections, u55-32 conv, all cores", metric: "injections/s",
                    value: Double(perBlock * StateBlock.allCases.count) / parallel, unit: "1/s"),
            PerfRow(section: "npu-fault", item: "npu-fault steps (AVF cached in memory)", metric: "steps/s",
                    value: Double(steps) / stepping.seconds, unit: "1/s"),
        ]
    }
}
