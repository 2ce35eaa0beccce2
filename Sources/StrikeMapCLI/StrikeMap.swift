@preconcurrency import Glibc
import ArgumentParser

/// The `strikemap` command and its subcommands (Sources/strikemap/main.swift runs it).
public struct StrikeMap: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "strikemap",
        abstract: "Publication-quality maps of attacks and strikes, from event data to PNG, SVG and PDF.",
        discussion: """
        StrikeMap draws conflict events (militia attacks on bases, retaliatory air strikes) on an offline regional basemap with a sourced gazetteer of sites. With no arguments, `strikemap render` draws the shipped sample: attacks on US forces in Iraq and Syria and US strikes, 17 Oct - 22 Nov 2023.

        Exit status: 0 success, 64 usage error, 65 bad input data, 66 input file missing, 69 data folder or basemap unavailable, 73 output cannot be created, 74 I/O error.
        """,
        version: "0.1.0",
        subcommands: [Render.self, Frames.self, Events.self, Sites.self, Regions.self, Import.self, Serve.self, BasemapCache.self],
        defaultSubcommand: nil
    )

    public init() {}

    /// Parses the command line and runs the command (`serve` asynchronously); named apart from
    /// ArgumentParser's `main`, whose synchronous overload would otherwise be chosen.
    public static func start() async {
        SignalCleanup.install()
        do {
            var command = try parseAsRoot(nil)
            // `serve` runs on the concurrency runtime; every other command is synchronous.
            if var service = command as? AsyncParsableCommand {
                try await service.run()
            } else {
                try command.run()
            }
        } catch {
            finishStandardOutput()
            exit(withError: error)
        }
        finishStandardOutput()
    }

    /// What was printed must have reached standard output: `strikemap events > /dev/full` is an
    /// I/O error (74), not a silent success.
    static func finishStandardOutput() {
        errno = 0
        if fflush(stdout) != 0 || ferror(stdout) != 0 {
            let why = errno != 0 ? String(cString: strerror(errno)) : "a write failed"
            Console.error("strikemap: error: writing standard output failed: \(why)")
            Glibc.exit(74)
        }
    }
}
