@preconcurrency import Glibc
import Foundation

/// A set of numbered files (a series of frames) and their index, written as a unit: the files
/// are made in a hidden folder inside the target folder, and only when every one is done are
/// they moved into place, the index written last and the numbered files of an earlier set that
/// the new index does not list removed. An interrupted or failed run leaves the earlier set and
/// its index as they were; a shorter rerun leaves no stale file behind.
///
/// Ctrl-C while the files are made removes the hidden folder (through `AtomicFile`'s signal
/// cleanup, by names it can form without allocating); the swap itself holds signals off.
public final class StagedFolder {
    /// The folder the set is for.
    public let target: String
    /// The hidden folder the files are made in.
    public let staging: String
    private let prefix: String
    private let suffix: String
    private let staleSuffixes: [String]
    private let count: Int
    private var finished = false

    /// Files `<prefix>0001<suffix>` ... `<prefix><count><suffix>` (four digits or more) for
    /// `target`. Numbered files with any of `staleSuffixes` (an earlier set in another format)
    /// are removed too when the new set lands.
    public init(target: String, prefix: String, count: Int, suffix: String, staleSuffixes: [String] = []) throws {
        self.target = target
        self.prefix = prefix
        self.suffix = suffix
        self.staleSuffixes = staleSuffixes
        self.count = count
        do { try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true) } catch {
            throw RenderError.cannotWrite(path: target, message: "cannot create the folder (is part of the path a file?)")
        }
        staging = (target as NSString).appendingPathComponent(".staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard mkdir(staging, 0o755) == 0 else {
            throw RenderError.cannotWrite(path: target, message: "cannot create a folder in it: \(String(cString: strerror(errno)))")
        }
        AtomicFile.registerStaging(folder: staging, prefix: prefix, count: count, suffix: suffix)
    }

    deinit { if !finished { discard() } }

    /// The name of file `number` (from 1).
    public func name(_ number: Int) -> String { prefix + String(format: "%04d", number) + suffix }

    /// Where file `number` is made.
    public func stagingPath(_ number: Int) -> String { (staging as NSString).appendingPathComponent(name(number)) }

    /// Where file `number` ends up.
    public func finalPath(_ number: Int) -> String { (target as NSString).appendingPathComponent(name(number)) }

    /// Moves every file into place, writes `index` as `indexName`, and removes the numbered files
    /// (same prefix and suffix) that the new set does not have.
    public func commit(index: Data, indexName: String) throws {
        try AtomicFile.holdingSignals { try swap(index: index, indexName: indexName) }
    }

    private func swap(index: Data, indexName: String) throws {
        // Each old file replaced is first kept (a hard link in the hidden folder) so that a
        // failure part-way (a folder where a frame goes, a full disk for the index) puts the
        // earlier set back whole rather than leaving it half old and half new.
        var moved: [(final: String, backup: String?)] = []
        func rollBack() {
            for m in moved.reversed() {
                if let b = m.backup { rename(b, m.final) } else { unlink(m.final) }
            }
            moved = []
        }
        for n in stride(from: 1, through: count, by: 1) {
            let final = finalPath(n)
            var st = stat()
            var backup: String? = nil
            if lstat(final, &st) == 0 {
                guard st.st_mode & S_IFMT == S_IFREG || st.st_mode & S_IFMT == S_IFLNK else {
                    rollBack()
                    throw RenderError.ioError(path: final, message: "a folder or special file is in the way of the frame; move it and run again")
                }
                let b = stagingPath(n) + ".old"
                guard link(final, b) == 0 || (try? FileManager.default.copyItem(atPath: final, toPath: b)) != nil else {
                    rollBack()
                    throw RenderError.ioError(path: final, message: "cannot keep a copy of the earlier frame to put back on failure")
                }
                backup = b
            }
            guard rename(stagingPath(n), final) == 0 else {
                let message = String(cString: strerror(errno))
                if let backup { unlink(backup) }
                rollBack()
                throw RenderError.ioError(path: final, message: message)
            }
            moved.append((final, backup))
        }
        do { try AtomicFile.write(index, to: (target as NSString).appendingPathComponent(indexName)) } catch {
            rollBack()
            throw error
        }
        for m in moved { if let b = m.backup { unlink(b) } }
        finished = true
        AtomicFile.unregisterStaging()
        rmdir(staging)
        for stale in (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? [] where isStale(stale) {
            unlink((target as NSString).appendingPathComponent(stale))
        }
    }

    /// A numbered file that the new set does not have: `<prefix>` digits and a suffix of ours,
    /// past the new set's end or in another format.
    private func isStale(_ name: String) -> Bool {
        for s in [suffix] + staleSuffixes where name.hasPrefix(prefix) && name.hasSuffix(s) && name.count > prefix.count + s.count {
            let digits = name.dropFirst(prefix.count).dropLast(s.count)
            guard digits.count >= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n > 0 else { continue }
            return s != suffix || n > count || name != self.name(n)
        }
        return false
    }

    /// Removes the hidden folder and everything in it: nothing of the new set is kept.
    public func discard() {
        finished = true
        AtomicFile.unregisterStaging()
        try? FileManager.default.removeItem(atPath: staging)
    }
}
