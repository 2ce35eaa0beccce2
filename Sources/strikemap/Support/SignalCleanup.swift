@preconcurrency import Glibc
import StrikeMapRender
import StrikeMapCore

/// On Ctrl-C, SIGTERM or SIGHUP, removes the temporary files of writes in progress, then dies
/// of the same signal (so the shell sees it). A signal the parent told us to ignore (nohup)
/// stays ignored.
enum SignalCleanup {
    static func install() {
        AtomicFile.prepareForSignals()
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var current = sigaction()
            sigaction(sig, nil, &current)
            // SIG_IGN is the handler value 1.
            if let h = current.__sigaction_handler.sa_handler, unsafeBitCast(h, to: Int.self) == 1 { continue }
            signal(sig) { s in
                AtomicFile.removeTemporaryFiles()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
