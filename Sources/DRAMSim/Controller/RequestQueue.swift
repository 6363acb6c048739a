/// A bank's queue of waiting requests, oldest first. Removing the oldest (the common case for FIFO
/// and for row hits at the head) advances a start index instead of shifting the array, so a long
/// buffer costs nothing per request served.
struct RequestQueue<Element> {
    private var storage: [Element] = []
    private var start = 0

    var count: Int { storage.count - start }
    var isEmpty: Bool { count == 0 }

    subscript(position: Int) -> Element {
        get { storage[start + position] }
        set { storage[start + position] = newValue }
    }

    mutating func append(_ element: Element) {
        if start > 64 && start * 2 > storage.count {
            storage.removeFirst(start)
            start = 0
        }
        storage.append(element)
    }

    mutating func remove(at position: Int) {
        if position == 0 { start += 1 } else { storage.remove(at: start + position) }
        if start == storage.count { storage.removeAll(keepingCapacity: true); start = 0 }
    }

    func firstIndex(where predicate: (Element) -> Bool) -> Int? {
        var index = start
        while index < storage.count {
            if predicate(storage[index]) { return index - start }
            index += 1
        }
        return nil
    }

    func contains(where predicate: (Element) -> Bool) -> Bool { firstIndex(where: predicate) != nil }
    func allSatisfy(_ predicate: (Element) -> Bool) -> Bool { firstIndex(where: { !predicate($0) }) == nil }
}
