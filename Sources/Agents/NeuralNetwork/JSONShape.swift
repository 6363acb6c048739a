import Foundation

/// Compares the shape of two JSON documents: the same length in every array and the same kind of
/// value (object, array, number or boolean, text, null) in every field both objects have.
enum JSONShape {
    /// Where `actual`'s shape differs from `expected`'s (a path and what differs), or `nil` when equal.
    static func mismatch(_ expected: Data, _ actual: Data) throws -> String? {
        let a = try JSONSerialization.jsonObject(with: expected, options: [.fragmentsAllowed])
        let b = try JSONSerialization.jsonObject(with: actual, options: [.fragmentsAllowed])
        return mismatch(a, b, path: "")
    }

    private static func mismatch(_ expected: Any, _ actual: Any, path: String) -> String? {
        let at = path.isEmpty ? "the top level" : path
        switch (expected, actual) {
        case (let a as [String: Any], let b as [String: Any]):
            // Fields only one side has are the decoder's business (optional state such as a reward
            // scaler's running worst value exists only after training).
            for key in Set(a.keys).intersection(b.keys).sorted() {
                if let found = mismatch(a[key]!, b[key]!, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
            return nil
        case (let a as [Any], let b as [Any]):
            guard a.count == b.count else { return "at \(at): expected \(a.count) values, found \(b.count)" }
            for (index, (x, y)) in zip(a, b).enumerated() {
                if let found = mismatch(x, y, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case (is String, is String), (is NSNull, is NSNull), (is NSNumber, is NSNumber):
            return nil   // numbers and booleans alike: the decoder has checked their types
        default:
            return "at \(at): expected a value of another kind"
        }
    }

}
