// libFuzzer harness: the date-range grammar. The input is split on NUL into the values of
// --from, --to, --on, --last, --month and --week (empty = not given).
import Foundation
import StrikeMapEvents

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    var parts = text.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
    while parts.count < 7 { parts.append("") }
    func v(_ i: Int) -> String? { parts[i].isEmpty ? nil : parts[i] }
    let newest = CivilDate(iso: parts[6])
    if let r = try? DateRange.parse(from: v(0), to: v(1), on: v(2), last: v(3), month: v(4), week: v(5), newest: newest) {
        if let f = r.from, let t = r.to { precondition(f <= t) }
    }
    if let d = CivilDate(iso: parts[0]) {
        precondition(CivilDate(dayNumber: d.dayNumber) == d)
        precondition(CivilDate(iso: d.description) == d)
    }
    return 0
}

// libFuzzer's driver, called from our own entry point: SwiftPM gives every executable a main,
// so libFuzzer's is not linked; LLVMFuzzerRunDriver runs the same engine with the same flags.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@main
struct Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzOne(data ?? UnsafePointer(bitPattern: 1)!, size)
        }
        exit(status)
    }
}
