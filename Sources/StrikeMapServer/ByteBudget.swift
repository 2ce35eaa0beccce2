import Foundation

/// A number of bytes that may be held at once, reserved and released by those who hold them.
final class ByteBudget: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var held = 0
    init(limit: Int) { self.limit = limit }

    var inUse: Int { lock.withLock { held } }

    func reserve(_ bytes: Int) -> Bool {
        lock.withLock {
            guard held + bytes <= limit else { return false }
            held += bytes
            return true
        }
    }

    func release(_ bytes: Int) { lock.withLock { held -= bytes } }
}
