@preconcurrency import Glibc
import StrikeMapRender
import StrikeMapCore

/// On Ctrl-C, SIGTERM or SIGHUP, removes the temporary files of writes in progress, then dies
/// of the same signal (so the shell sees it). A signal the parent told us to ignore (nohup)
/// stays ignored.
enum SignalCleanup {
    static func install() {
        AtomicFile.prepareForSignals()
        AtomicFile.deliverHeldSignal = { s in
            AtomicFile.removeTemporaryFiles()
            signal(s, SIG_DFL)
            raise(s)
        }
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
                // During a swap of files into place, the swap finishes first and then calls back.
                if AtomicFile.holdSignal(s) { return }
                AtomicFile.removeTemporaryFiles()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
