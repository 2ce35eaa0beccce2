@preconcurrency import Glibc
import Foundation
import StrikeMapRender
import StrikeMapCore

/// On Ctrl-C, SIGTERM or SIGHUP, removes the temporary files of writes in progress, then dies
/// of the same signal (so the shell sees it). A signal the parent told us to ignore (nohup)
/// stays ignored.
///
/// The handler itself only writes the signal's number to a pipe (write(2) is async-signal-safe);
/// a thread of its own reads it and does the cleanup in ordinary code. Cleaning up inside the
/// handler deadlocked when the signal landed while the interrupted thread held malloc's lock:
/// Swift code, even written to avoid allocating, may allocate (generic metadata in a debug build).
enum SignalCleanup {
    /// The pipe's write end, set before any handler is installed (so the handler reads a plain
    /// initialised global).
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    static func install() {
        AtomicFile.prepareForSignals()
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        // Not inherited by children (ffmpeg for --video).
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        writeEnd = fds[1]
        let readEnd = fds[0]
        AtomicFile.deliverHeldSignal = { s in SignalCleanup.cleanUpAndDie(s) }
        let watcher = Thread {
            var s: Int32 = 0
            while read(readEnd, &s, MemoryLayout<Int32>.size) == MemoryLayout<Int32>.size {
                // During a swap of files into place, the swap finishes first and then calls back.
                if AtomicFile.holdSignal(s) { continue }
                cleanUpAndDie(s)
            }
        }
        watcher.name = "strikemap-signals"
        watcher.start()
        // A closed pipe (`strikemap events | head -1`) is then a write error, EPIPE: the run says
        // so and exits 74, as documented, rather than dying silently of SIGPIPE mid-write.
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var current = sigaction()
            sigaction(sig, nil, &current)
            // SIG_IGN is the handler value 1.
            if let h = current.__sigaction_handler.sa_handler, unsafeBitCast(h, to: Int.self) == 1 { continue }
            // A mask inherited from the parent's thread (Foundation's Process passes its own on)
            // would keep the signal pending for ever: unblocked, since it is handled.
            var one = sigset_t()
            sigemptyset(&one)
            sigaddset(&one, sig)
            pthread_sigmask(SIG_UNBLOCK, &one, nil)
            signal(sig) { s in
                var v = s
                _ = write(SignalCleanup.writeEnd, &v, MemoryLayout<Int32>.size)
            }
        }
    }

    /// Removes the temporary files and the staging folder, then dies of `s` as if unhandled.
    static func cleanUpAndDie(_ s: Int32) {
        AtomicFile.removeTemporaryFiles()
        signal(s, SIG_DFL)
        var one = sigset_t()
        sigemptyset(&one)
        sigaddset(&one, s)
        pthread_sigmask(SIG_UNBLOCK, &one, nil)
        raise(s)
        // Not reached unless the signal is blocked elsewhere: the shell's convention for it.
        _exit(128 + s)
    }
}
