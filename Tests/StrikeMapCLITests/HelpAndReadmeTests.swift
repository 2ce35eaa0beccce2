import Foundation
import Testing
import StrikeMapTestSupport

/// The README and the commands' help in step: every long flag of every command (as the
/// binary describes itself, `--experimental-dump-help`) is in the README, and every flag the
/// README writes exists — but for the benchmark scripts' own, on lines that name them.
@Suite struct HelpAndReadmeTests {
    @Test func everyFlagIsDocumentedAndEveryDocumentedFlagExists() throws {
        let dump = try StrikeMapProcess.run(["--experimental-dump-help"])
        #expect(dump.status == 0, "\(dump.err)")
        let root = try #require(try JSONSerialization.jsonObject(with: dump.stdout) as? [String: Any])
        var flags: [String: [String]] = [:]  // flag → the commands that take it
        func walk(_ command: [String: Any], _ path: [String]) {
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? "?"])
            }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    flags["--" + (name["name"] as? String ?? ""), default: []].append(path.joined(separator: " "))
                }
            }
        }
        walk(try #require(root["command"] as? [String: Any]), ["strikemap"])
        #expect(flags["--region"] != nil && flags["--max-connections"] != nil, "the dump lists the flags: \(flags.keys.sorted().prefix(10))")
        let readme = try String(contentsOf: StrikeMapProcess.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let generated: Set<String> = ["--help", "--version", "--experimental-dump-help", "--generate-completion-script"]
        for (flag, commands) in flags.sorted(by: { $0.key < $1.key }) where !generated.contains(flag) {
            #expect(readme.firstRange(of: try Regex(NSRegularExpression.escapedPattern(for: flag) + "(?![a-z0-9-])")) != nil,
                    "\(flag) (\(commands.joined(separator: ", "))) is not in the README")
        }
        for (n, line) in readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for m in line.matches(of: /(?:^|[^\w-])(--[a-z][a-z0-9-]*)/) {
                let flag = String(m.output.1)
                let benchmarkLine = line.contains("bench") || line.contains("Benchmarks/")
                #expect(flags[flag] != nil || generated.contains(flag) || benchmarkLine, "README line \(n + 1): \(flag) is no flag of strikemap")
            }
        }
    }
}
