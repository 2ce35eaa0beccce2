// libFuzzer's driver, called from each harness's own entry point: SwiftPM gives every
// executable a main, so libFuzzer's is not linked; LLVMFuzzerRunDriver runs the same engine
// with the same command-line flags.
@preconcurrency import Glibc

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) private var target: ((UnsafePointer<UInt8>, Int) -> Int32)?

public enum FuzzDriver {
    /// Runs libFuzzer on `body` and exits with its status.
    public static func run(_ body: @escaping (UnsafePointer<UInt8>, Int) -> Int32) -> Never {
        target = body
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            target!(data ?? UnsafePointer(bitPattern: 1)!, size)
        }
        exit(status)
    }
}
