import StrikeMapCLI

// The commands live in StrikeMapCLI, a library, so that tests and the fuzz harnesses (the HTTP
// query parser's) can use them; this is only the program's entry point.
StrikeMap.main()
