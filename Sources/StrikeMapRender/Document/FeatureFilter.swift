import Foundation
import StrikeMapCore

/// Which features (or events) of a source a layer draws, written as a small expression:
/// `scalerank <= 4`, `iso_a2 in @eventCountries`, `kind == 'strike' and not confidence == 'claimed'`,
/// `featurecla in ['Admin-0 capital', 'Admin-1 capital']`, `has name`.
///
/// Fields are the feature's attributes (for events: id, kind, weapon, actor, target, country,
/// confidence, site, date). A comparison is numeric when both sides are numbers, else it compares
/// text; a missing field makes a comparison false. `@name` is a set the map provides
/// (`@eventCountries`: the countries where the map's events are).
public struct FeatureFilter: Sendable, Equatable, Codable, CustomStringConvertible {
    public let text: String
    let root: Node

    /// `and` and `or` hold all their terms in one node, and `not not` cancels while parsing: the
    /// tree is as deep as the expression's parentheses, which the parser limits, so no input can
    /// make parsing, evaluating or freeing it recurse past the stack.
    indirect enum Node: Sendable, Equatable {
        case and([Node]), or([Node]), not(Node)
        case compare(field: String, op: String, value: String)
        case inList(field: String, values: [String])
        case inSet(field: String, variable: String)
        case has(field: String)
    }

    /// The sets a filter may name with `@`.
    public static let variables = ["eventCountries"]
    /// Parentheses nested deeper than this are refused (a real filter uses two or three).
    public static let maxDepth = 32
    /// Comparisons (and `has`/`in` tests) in one filter; each costs a look-up per feature.
    public static let maxTerms = 256
    /// Values in one `in [...]` list.
    public static let maxListValues = 10_000
    /// The longest filter text.
    public static let maxLength = 64 * 1024

    public init(_ text: String) throws(FilterSyntaxError) {
        guard text.utf8.count <= Self.maxLength else {
            throw FilterSyntaxError(expression: String(text.prefix(60)) + "…", position: 0,
                                    message: "longer than \(Self.maxLength / 1024) KiB; a filter is a few comparisons")
        }
        var p = Parser(text: text)
        root = try p.parse()
        self.text = text
    }

    public var description: String { text }

    public func matches(_ field: (String) -> String?, variables: [String: Set<String>] = [:]) -> Bool {
        Self.eval(root, field, variables)
    }

    /// The `@` sets the filter names: what it selects depends on the map's events through them.
    public var variablesUsed: Set<String> { Self.sets(root) }

    private static func sets(_ n: Node) -> Set<String> {
        switch n {
        case let .and(terms), let .or(terms): return terms.reduce(into: Set<String>()) { $0.formUnion(sets($1)) }
        case let .not(a): return sets(a)
        case let .inSet(_, name): return [name]
        case .compare, .inList, .has: return []
        }
    }

    private static func eval(_ n: Node, _ field: (String) -> String?, _ vars: [String: Set<String>]) -> Bool {
        switch n {
        case let .and(terms): return terms.allSatisfy { eval($0, field, vars) }
        case let .or(terms): return terms.contains { eval($0, field, vars) }
        case let .not(a): return !eval(a, field, vars)
        case let .has(f): return !(field(f) ?? "").isEmpty
        case let .inList(f, values):
            guard let v = field(f) else { return false }
            return values.contains { compare(v, "==", $0) }
        case let .inSet(f, name):
            guard let v = field(f) else { return false }
            return vars[name]?.contains(v) ?? false
        case let .compare(f, op, value):
            guard let v = field(f) else { return false }
            return compare(v, op, value)
        }
    }

    private static func compare(_ a: String, _ op: String, _ b: String) -> Bool {
        if let x = Double(a), let y = Double(b) { return ordered(x, op, y) }
        return ordered(a, op, b)
    }

    /// Numbers compare as numbers, anything else as text.
    private static func ordered<T: Comparable>(_ x: T, _ op: String, _ y: T) -> Bool {
        switch op {
        case "==": return x == y
        case "!=": return x != y
        case "<": return x < y
        case "<=": return x <= y
        case ">": return x > y
        default: return x >= y
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        guard let s = try? c.decode(String.self) else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: c.codingPath,
                debugDescription: "expected a filter expression such as \"scalerank <= 4\""))
        }
        do { self = try FeatureFilter(s) } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    public static func == (a: FeatureFilter, b: FeatureFilter) -> Bool { a.text == b.text }

    // MARK: Parsing

    private struct Parser {
        enum Token: Equatable { case word(String), string(String), number(String), symbol(String), variable(String), end }
        var tokens: [(Token, Int)] = []
        var i = 0
        let text: String
        /// Parentheses open at this point, and terms read so far.
        var depth = 0
        var terms = 0

        init(text: String) { self.text = text }

        mutating func parse() throws(FilterSyntaxError) -> Node {
            try tokenize()
            let n = try orExpr()
            guard case .end = tokens[i].0 else { throw error("unexpected '\(show(tokens[i].0))'") }
            return n
        }

        func error(_ m: String) -> FilterSyntaxError {
            FilterSyntaxError(expression: text, position: tokens.isEmpty ? 0 : tokens[min(i, tokens.count - 1)].1, message: m)
        }

        func show(_ t: Token) -> String {
            switch t {
            case .word(let s), .number(let s), .symbol(let s): return s
            case .string(let s): return "'\(s)'"
            case .variable(let s): return "@\(s)"
            case .end: return "end"
            }
        }

        mutating func tokenize() throws(FilterSyntaxError) {
            let chars = Array(text)
            var k = 0
            while k < chars.count {
                let ch = chars[k]
                if ch.isWhitespace { k += 1; continue }
                let start = k
                if ch == "'" || ch == "\"" {
                    k += 1
                    var s = ""
                    while k < chars.count && chars[k] != ch { s.append(chars[k]); k += 1 }
                    guard k < chars.count else {
                        throw FilterSyntaxError(expression: text, position: start, message: "a quote is not closed")
                    }
                    k += 1
                    tokens.append((.string(s), start))
                } else if ch == "@" {
                    k += 1
                    var s = ""
                    while k < chars.count && (chars[k].isLetter || chars[k].isNumber || chars[k] == "_") { s.append(chars[k]); k += 1 }
                    guard FeatureFilter.variables.contains(s) else {
                        throw FilterSyntaxError(expression: text, position: start,
                            message: "unknown set '@\(s)'; known: \(FeatureFilter.variables.map { "@" + $0 }.joined(separator: ", "))")
                    }
                    tokens.append((.variable(s), start))
                } else if ch.isNumber || (ch == "-" && k + 1 < chars.count && chars[k + 1].isNumber) {
                    var s = String(ch); k += 1
                    while k < chars.count && (chars[k].isNumber || chars[k] == ".") { s.append(chars[k]); k += 1 }
                    tokens.append((.number(s), start))
                } else if ch.isLetter || ch == "_" {
                    var s = ""
                    while k < chars.count && (chars[k].isLetter || chars[k].isNumber || chars[k] == "_") { s.append(chars[k]); k += 1 }
                    tokens.append((.word(s), start))
                } else {
                    let two = k + 1 < chars.count ? String(chars[k...k + 1]) : ""
                    if ["==", "!=", "<=", ">="].contains(two) { tokens.append((.symbol(two), start)); k += 2 }
                    else if "<>()[],".contains(ch) { tokens.append((.symbol(String(ch)), start)); k += 1 }
                    else if ch == "=" { tokens.append((.symbol("=="), start)); k += 1 }
                    else { throw FilterSyntaxError(expression: text, position: start, message: "unexpected '\(ch)'") }
                }
            }
            tokens.append((.end, chars.count))
        }

        mutating func orExpr() throws(FilterSyntaxError) -> Node {
            var terms = [try andExpr()]
            while tokens[i].0 == .word("or") { i += 1; terms.append(try andExpr()) }
            return terms.count == 1 ? terms[0] : .or(terms)
        }

        mutating func andExpr() throws(FilterSyntaxError) -> Node {
            var terms = [try unary()]
            while tokens[i].0 == .word("and") { i += 1; terms.append(try unary()) }
            return terms.count == 1 ? terms[0] : .and(terms)
        }

        mutating func unary() throws(FilterSyntaxError) -> Node {
            // A run of `not`s is read in a loop, not by recursion: an even number cancels.
            var negations = 0
            while tokens[i].0 == .word("not") { i += 1; negations += 1 }
            let n = try term()
            return negations % 2 == 1 ? .not(n) : n
        }

        mutating func term() throws(FilterSyntaxError) -> Node {
            if tokens[i].0 != .symbol("(") {
                terms += 1
                guard terms <= FeatureFilter.maxTerms else {
                    throw error("more than \(FeatureFilter.maxTerms) comparisons; a filter is a few (use 'in [...]' for a list of values)")
                }
            }
            switch tokens[i].0 {
            case .symbol("("):
                guard depth < FeatureFilter.maxDepth else {
                    throw error("parentheses nested deeper than \(FeatureFilter.maxDepth) levels")
                }
                i += 1
                depth += 1
                let n = try orExpr()
                depth -= 1
                guard tokens[i].0 == .symbol(")") else { throw error("expected ')'") }
                i += 1
                return n
            case .word("has"):
                i += 1
                guard case .word(let f) = tokens[i].0 else { throw error("expected a field name after 'has'") }
                i += 1
                return .has(field: f)
            case .word(let field):
                i += 1
                if tokens[i].0 == .word("in") {
                    i += 1
                    if case .variable(let v) = tokens[i].0 { i += 1; return .inSet(field: field, variable: v) }
                    guard tokens[i].0 == .symbol("[") else { throw error("expected a list [..] or a set @name after 'in'") }
                    i += 1
                    var values: [String] = []
                    while true {
                        values.append(try value())
                        guard values.count <= FeatureFilter.maxListValues else {
                            throw error("a list of more than \(FeatureFilter.maxListValues) values")
                        }
                        if tokens[i].0 == .symbol(",") { i += 1; continue }
                        guard tokens[i].0 == .symbol("]") else { throw error("expected ',' or ']'") }
                        i += 1
                        break
                    }
                    return .inList(field: field, values: values)
                }
                guard case .symbol(let op) = tokens[i].0, ["==", "!=", "<", "<=", ">", ">="].contains(op) else {
                    throw error("expected a comparison (==, !=, <, <=, >, >=) or 'in' after '\(field)'")
                }
                i += 1
                return .compare(field: field, op: op, value: try value())
            default:
                throw error("expected a field name, 'not', 'has' or '('")
            }
        }

        mutating func value() throws(FilterSyntaxError) -> String {
            switch tokens[i].0 {
            case .string(let s), .number(let s), .word(let s): i += 1; return s
            default: throw error("expected a value (a number or 'text')")
            }
        }
    }
}

public struct FilterSyntaxError: Error, Sendable, CustomStringConvertible {
    public var expression: String
    public var position: Int
    public var message: String
    public var description: String { "filter \"\(expression)\": \(message) at character \(position + 1)" }
}

extension FilterSyntaxError: StrikeMapError {
    public var category: FailureCategory { .usage }
}
