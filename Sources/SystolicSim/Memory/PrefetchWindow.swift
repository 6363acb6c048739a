/// SCALE-Sim's double-buffered read buffer, at the granularity of its address sets.
///
/// The operand's prefetch stream is cut into sets of ⌈SRAM words / 100⌉ valid words. The active
/// half holds `activeSets` consecutive sets of a circular stream of `sets` sets; a demand for a word
/// outside it moves the window forward by `prefetchSets` (one DRAM prefetch of the prefetch half),
/// round the circle if the word is behind. Demands are fed in as the first and last stream position
/// of each monotone run, which is all that moves the window.
struct PrefetchWindow {
    /// Valid words per set.
    let wordsPerSet: Int
    /// Sets in the stream (SCALE-Sim always closes a last, possibly empty, set).
    let sets: Int
    let activeSets: Int
    let prefetchSets: Int
    /// First set of the active window.
    private(set) var start = 0
    /// Prefetches issued after the first fill.
    private(set) var prefetches = 0

    init(sramWords: Int, validWords: Int) {
        wordsPerSet = (sramWords + 99) / 100
        sets = validWords / wordsPerSet + 1
        let activeWords = (sramWords + 1) / 2, prefetchWords = sramWords - activeWords
        activeSets = min(sets, (activeWords + wordsPerSet - 1) / wordsPerSet)
        prefetchSets = min(sets - activeSets, (prefetchWords + wordsPerSet - 1) / wordsPerSet)
    }

    /// Whether the active half holds stream position `position`.
    func holds(_ position: Int) -> Bool { offset(position) < activeSets }

    /// Whether the active half holds set `set` (0 ..< sets).
    @inline(__always)
    func holds(set: Int) -> Bool { forward(set) < activeSets }

    /// Moves the window on by `count` prefetches (SCALE-Sim's `new_prefetch`, `count` times).
    mutating func advance(_ count: Int) {
        start = (start + count % sets * prefetchSets) % sets
        prefetches += count
    }

    /// Sets from the window's first set forward to the set of `position` (0 ..< sets).
    func offset(_ position: Int) -> Int { forward(position / wordsPerSet) }

    /// Sets from the window's first set forward to set `set` (0 ..< sets, as `start`): one
    /// comparison instead of two remainders.
    @inline(__always)
    private func forward(_ set: Int) -> Int {
        let difference = set - start
        return difference < 0 ? difference + sets : difference
    }

    /// Moves the window until it holds the valid word at stream position `position` and returns the
    /// prefetches issued: `steps` in one stride, the j-th (from 0) triggered by the first word of the
    /// set `distance − activeSets − j · prefetchSets` sets before `position`'s (the set just past the
    /// window at that moment), and `laps` more issued for the word itself when the window had to go
    /// round the end of the stream.
    ///
    /// With `sweptFrom`, the word ends a forward sweep that began at that (already held) position:
    /// every set in between was demanded too, so the window must have passed them all, even when
    /// the circular window happens to hold both ends.
    @discardableResult
    mutating func demand(_ position: Int, sweptFrom first: Int? = nil) -> (steps: Int, distance: Int, laps: Int) {
        let target = position / wordsPerSet
        guard prefetchSets > 0 else { return (0, 0, 0) }
        let distance = first.map { offset($0) + target - $0 / wordsPerSet } ?? forward(target)
        if distance < activeSets { return (0, distance, 0) }
        // Each prefetch moves the window by prefetchSets; count them in one step where possible.
        let steps = (distance - activeSets) / prefetchSets + 1
        start = (start + steps * prefetchSets) % sets
        prefetches += steps
        var laps = 0
        while forward(target) >= activeSets {   // wrapped past the end: step by step
            start += prefetchSets   // prefetchSets < sets
            if start >= sets { start -= sets }
            prefetches += 1
            laps += 1
        }
        return (steps, distance, laps)
    }
}
