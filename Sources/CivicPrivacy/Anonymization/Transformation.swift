/// One full-domain generalisation: a level for each quasi-identifier, in the order
/// the quasi-identifiers were given. `[0, 0, ...]` keeps every value; the highest
/// levels turn everything into `*`.
///
/// All transformations form a lattice: one is more general than another when each
/// of its levels is at least as high. Privacy criteria such as k-anonymity are
/// monotone on it: if a transformation qualifies, every more general one does too.
public struct Transformation: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The level of each quasi-identifier.
    public var levels: [Int]

    /// Creates a transformation.
    public init(_ levels: [Int]) {
        self.levels = levels
    }

    /// Whether every level of `self` is at most the corresponding level of `other`.
    public func isAtMostAsGeneral(as other: Transformation) -> Bool {
        // A plain loop: the search asks this millions of times.
        for index in levels.indices where levels[index] > other.levels[index] { return false }
        return true
    }

    /// The sum of the levels (the transformation's height in the lattice).
    public var height: Int { levels.reduce(0, +) }

    public var description: String { "[" + levels.map(String.init).joined(separator: ",") + "]" }

    /// Orders by height, then lexicographically.
    public static func < (lhs: Transformation, rhs: Transformation) -> Bool {
        lhs.height != rhs.height ? lhs.height < rhs.height : lhs.levels.lexicographicallyPrecedes(rhs.levels)
    }

    /// The transformations one level more general in one quasi-identifier, within
    /// hierarchies of these numbers of levels.
    public func successors(heights: [Int]) -> [Transformation] {
        levels.indices.compactMap { q in
            guard levels[q] + 1 < heights[q] else { return nil }
            var next = levels
            next[q] += 1
            return Transformation(next)
        }
    }

    /// The transformations one level less general in one quasi-identifier.
    public func predecessors() -> [Transformation] {
        levels.indices.compactMap { q in
            guard levels[q] > 0 else { return nil }
            var next = levels
            next[q] -= 1
            return Transformation(next)
        }
    }

    /// How many transformations a lattice with these numbers of levels holds
    /// (`Int.max` when more than an `Int` counts).
    public static func latticeSize(heights: [Int]) -> Int {
        heights.reduce(1) { size, height in
            let (product, overflow) = size.multipliedReportingOverflow(by: height)
            return overflow ? Int.max : product
        }
    }

    /// Every transformation of a lattice whose quasi-identifiers have these
    /// numbers of levels.
    public static func all(heights: [Int]) -> [Transformation] {
        var result: [Transformation] = [Transformation(Array(repeating: 0, count: heights.count))]
        for (q, height) in heights.enumerated() {
            result = result.flatMap { base in
                (0..<height).map { level -> Transformation in
                    var next = base
                    next.levels[q] = level
                    return next
                }
            }
        }
        return heights.isEmpty ? [] : result
    }
}
