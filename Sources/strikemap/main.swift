import StrikeMapCLI

// The commands live in StrikeMapCLI, a library, so that tests and the fuzz harnesses can use
// them; this is only the program's entry point.
await StrikeMap.start()
