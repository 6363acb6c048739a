/// The 64-bit FNV-1a hash of `text`'s UTF-8 bytes. Unlike `hashValue` it is the same in every process,
/// so it can key reproducible noise and identify sweep runs across invocations.
public func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
    }
    return hash
}
