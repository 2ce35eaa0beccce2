import Foundation

/// How a density view's values are divided into colour classes: at quantiles (each class holds
/// about as many cells), at natural breaks (Jenks: classes as uniform inside as possible), at
/// equal steps of value, by head/tail breaks (the values above the mean, again and again, while
/// they are under 40% of those left: for heavy tails), or `auto` (the default): natural breaks of
/// the values' logarithms where the values are skewed (the largest ten times the median or
/// more: a war's log, where quantiles put 132 and 1,259 in one class and the hotspots did not
/// stand out), quantiles otherwise. Written `auto`, `quantile`, `jenks:6`, `equal:4`,
/// `headtail:6`; 5 classes when no number is given (head/tail: at most).
public struct ClassScheme: Sendable, Equatable, TextSetting {
    public enum Method: String, Sendable, Codable, CaseIterable { case auto, quantile, jenks, equal, headtail }
    public var method: Method
    public var count: Int

    public init(method: Method = .auto, count: Int = 5) {
        self.method = method
        self.count = count
    }

    public init(_ text: String) throws(DensityError) {
        let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 1, let n = Int(parts[0]) {
            method = .quantile; count = n
        } else {
            guard let m = Method(rawValue: parts[0]), parts.count <= 2 else { throw .badClasses(text) }
            method = m
            if parts.count == 2 {
                guard let n = Int(parts[1]) else { throw .badClasses(text) }
                count = n
            } else {
                count = 5
            }
        }
        guard (2...9).contains(count) else { throw .badClasses(text) }
    }

    public var description: String { "\(method.rawValue):\(count)" }

    /// Whether values are skewed enough for `auto` to break them on a log scale.
    static func isSkewed(_ sorted: [Double]) -> Bool {
        guard let lo = sorted.first, let hi = sorted.last, lo > 0, sorted.count >= 8 else { return false }
        return hi >= 10 * sorted[sorted.count / 2]
    }

    /// The method the values are divided by, in the manifest's words: `auto` resolved to
    /// `jenks-log` or `quantile`.
    public func resolvedMethod(_ values: [Double]) -> String {
        guard method == .auto else { return method.rawValue }
        return Self.isSkewed(values.filter(\.isFinite).sorted()) ? "jenks-log" : "quantile"
    }


    /// The classes' upper bounds, ascending, the last being the largest value. Fewer classes than
    /// asked come back when the values have fewer distinct levels. `integral`: values are counts,
    /// so bounds are whole numbers and classes never split one number.
    public func breaks(_ values: [Double], integral: Bool) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard let lo = sorted.first, let hi = sorted.last else { return [] }
        if lo == hi { return [hi] }
        var b: [Double]
        switch method {
        case .equal:
            b = (1...count).map { lo + (hi - lo) * Double($0) / Double(count) }
        case .quantile:
            b = quantiles(sorted)
        case .jenks:
            b = Self.jenks(sorted, classes: count)
        case .headtail:
            b = Self.headTail(sorted, classes: count)
        case .auto:
            if Self.isSkewed(sorted) {
                // Natural breaks of the logarithms, as the values they were taken of.
                let logs = sorted.map { Foundation.log($0) }
                b = Self.jenks(logs, classes: count).map { bound in
                    var lo = 0, hi = sorted.count - 1
                    while lo < hi {
                        let mid = (lo + hi + 1) / 2
                        if logs[mid] <= bound { lo = mid } else { hi = mid - 1 }
                    }
                    return sorted[lo]
                }
            } else {
                b = quantiles(sorted)
            }
        }
        if integral { b = b.map { $0.rounded(.down) } }
        b[b.count - 1] = hi
        // Bounds strictly ascending and each class holding at least one value.
        var out: [Double] = []
        var prev = -Double.infinity
        for x in b where x > prev && x >= lo && sorted.contains(where: { $0 > prev && $0 <= x }) {
            out.append(x)
            prev = x
        }
        if out.last != hi { out.append(hi) }
        return out
    }

    /// The values at each `count`-th quantile (each class about as many values).
    func quantiles(_ sorted: [Double]) -> [Double] {
        (1...count).map { k in sorted[min(sorted.count - 1, Int((Double(k) / Double(count) * Double(sorted.count)).rounded(.up)) - 1)] }
    }

    /// Head/tail breaks: the mean splits the values into a tail and a head; while the head holds
    /// under 40% of the values split, its own mean splits it again. The bounds are the tail
    /// ends, then the largest value; at most `k` classes.
    static func headTail(_ sorted: [Double], classes k: Int) -> [Double] {
        var bounds: [Double] = []
        var rest = sorted[...]
        while bounds.count < k - 1, rest.count > 1 {
            let mean = rest.reduce(0, +) / Double(rest.count)
            let head = rest.drop { $0 <= mean }
            guard !head.isEmpty, head.count < rest.count else { break }
            bounds.append(rest[rest.startIndex..<head.startIndex].last!)
            if Double(head.count) >= 0.4 * Double(rest.count) { break }
            rest = head
        }
        return bounds + [sorted.last!]
    }

    /// Fisher–Jenks natural breaks by dynamic programming over the sorted values. The cost is
    /// quadratic in the number of values, so past a few hundred distinct values it works on
    /// evenly spaced quantiles of them, which moves a break by at most one quantile step.
    static func jenks(_ sorted: [Double], classes k: Int) -> [Double] {
        let limit = 400
        let v: [Double] = sorted.count <= limit ? sorted
            : (0..<limit).map { sorted[Int(Double($0) / Double(limit - 1) * Double(sorted.count - 1))] }
        let n = v.count
        guard n > k else { return Array(Set(v)).sorted() }
        // Prefix sums give any run's sum of squared deviations in constant time.
        var s1 = [0.0], s2 = [0.0]
        for x in v { s1.append(s1.last! + x); s2.append(s2.last! + x * x) }
        func ssd(_ i: Int, _ j: Int) -> Double {  // values i..<j
            let m = Double(j - i), s = s1[j] - s1[i]
            return s2[j] - s2[i] - s * s / m
        }
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: n + 1), count: k + 1)
        var cut = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: k + 1)
        for j in 1...n { cost[1][j] = ssd(0, j) }
        if k >= 2 {
            for c in 2...k {
                for j in c...n {
                    for i in (c - 1)..<j {
                        let t = cost[c - 1][i] + ssd(i, j)
                        if t < cost[c][j] { cost[c][j] = t; cut[c][j] = i }
                    }
                }
            }
        }
        var bounds: [Double] = []
        var j = n
        for c in stride(from: k, through: 1, by: -1) {
            bounds.append(v[j - 1])
            j = cut[c][j]
        }
        return bounds.reversed()
    }
}

/// Values divided into classes, each with its colour: what a density view draws and its legend lists.
public struct ClassedValues: Sendable {
    public var bounds: [Double]
    public var colors: [Color]
    public var smallest: Double
    public var integral: Bool
    /// How the bounds were chosen (`ClassScheme.resolvedMethod`).
    public var method: String

    public init(values: [Double], scheme: ClassScheme, ramp: ColorRamp, integral: Bool) {
        bounds = scheme.breaks(values, integral: integral)
        method = scheme.resolvedMethod(values)
        colors = ramp.classColors(bounds.count)
        // A frame or panel may hold smaller values than the series the breaks come from: the
        // first class starts at the least a cell can hold (1 event; any rate above 0).
        smallest = integral ? min(1, values.filter(\.isFinite).min() ?? 1) : 0
        self.integral = integral
    }

    /// The class of a value (binary search over the bounds).
    public func classIndex(_ v: Double) -> Int {
        var lo = 0, hi = bounds.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if v <= bounds[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    public func color(_ v: Double) -> Color { colors[classIndex(v)] }

    /// The classes' ranges as the legend writes them: "1", "2–4", "5–19", "20–1,210".
    public func rangeTexts(format: (Double) -> String) -> [String] {
        var out: [String] = []
        for (i, b) in bounds.enumerated() {
            let from: Double = i == 0 ? smallest : (integral ? bounds[i - 1] + 1 : bounds[i - 1])
            let a = format(from), z = format(b)
            out.append(a == z ? a : "\(a)–\(z)")
        }
        return out
    }
}
