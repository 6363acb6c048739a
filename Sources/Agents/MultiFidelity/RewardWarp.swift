import Numerics

/// A monotone map of rewards onto the normal scores of the rewards observed so far (as `bo`'s rank
/// warp), defined between observations by linear interpolation and beyond them by the slope between
/// the best observation and the one a tenth of the ranks below it (the worst side: the slope at the
/// bottom). Expected improvement on warped rewards does not depend on the rewards' scale, so designs
/// predicted orders of magnitude worse (cycle counts spanning 10⁵ to 10¹¹) with large spread do not
/// look promising merely because their spread is large.
///
/// ```swift
/// let warp = RewardWarp(observed: [-100, -3, -1])
/// warp(-3)   // 0 (the middle observation's normal score)
/// ```
struct RewardWarp {
    private let rewards: [Double]
    private let scores: [Double]

    init(observed: [Double]) {
        let paired = zip(observed, NormalDistribution.scores(observed)).sorted { $0.0 < $1.0 }
        var rewards: [Double] = [], scores: [Double] = []
        for (reward, score) in paired where rewards.last != reward {
            rewards.append(reward)
            scores.append(score)
        }
        self.rewards = rewards
        self.scores = scores
    }

    func callAsFunction(_ reward: Double) -> Double {
        let n = rewards.count
        guard n >= 2 else { return reward }
        if reward >= rewards[n - 1] { return scores[n - 1] + (reward - rewards[n - 1]) * slope(from: n - 1 - max(1, n / 10), to: n - 1) }
        if reward <= rewards[0] { return scores[0] - (rewards[0] - reward) * slope(from: 0, to: min(n - 1, max(1, n / 10))) }
        var low = 0, high = n - 1   // rewards[low] < reward ≤ rewards[high]
        while high - low > 1 {
            let mid = (low + high) / 2
            if rewards[mid] < reward { low = mid } else { high = mid }
        }
        let t = (reward - rewards[low]) / (rewards[high] - rewards[low])
        return scores[low] + t * (scores[high] - scores[low])
    }

    private func slope(from a: Int, to b: Int) -> Double { (scores[b] - scores[a]) / (rewards[b] - rewards[a]) }
}
