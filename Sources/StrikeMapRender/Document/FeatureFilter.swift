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

    indirect enum Node: Sendable, Equatable {
        case and(Node, Node), or(Node, Node), not(Node)
        case compare(field: String, op: String, value: String)
        case inList(field: String, values: [String])
        case inSet(field: String, variable: String)
        case has(field: String)
    }

    /// The sets a filter may name with `@`.
    public static let variables = ["eventCountries"]

    public init(_ text: String) throws(FilterSyntaxError) {
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
        case let .and(a, b), let .or(a, b): return sets(a).union(sets(b))
        case let .not(a): return sets(a)
        case let .inSet(_, name): return [name]
        case .compare, .inList, .has: return []
        }
    }

    private static func eval(_ n: Node, _ field: (String) -> String?, _ vars: [String: Set<String>]) -> Bool {
        switch n {
        case let .and(a, b): return eval(a, field, vars) && eval(b, field, vars)
        case let .or(a, b): return eval(a, field, vars) || eval(b, field, vars)
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
            var n = try andExpr()
            while tokens[i].0 == .word("or") { i += 1; n = .or(n, try andExpr()) }
            return n
        }

        mutating func andExpr() throws(FilterSyntaxError) -> Node {
            var n = try unary()
            while tokens[i].0 == .word("and") { i += 1; n = .and(n, try unary()) }
            return n
        }

        mutating func unary() throws(FilterSyntaxError) -> Node {
            switch tokens[i].0 {
            case .word("not"): i += 1; return .not(try unary())
            case .symbol("("):
                i += 1
                let n = try orExpr()
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
