/// Average ranks (1 for the smallest value; tied values share the mean of their
/// ranks), as the rank tests and Spearman's correlation use them.
struct Ranks {
    /// The rank of each value, in the input's order.
    var ranks: [Double]
    /// The sizes of the groups of tied values (only groups of two or more).
    var tieSizes: [Int]

    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieSizes: [Int] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold ranks start+1 ... end; their mean:
            let rank = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = rank }
            if end - start > 1 { tieSizes.append(end - start) }
            start = end
        }
        self.ranks = ranks
        self.tieSizes = tieSizes
    }

    /// The sum of t³ - t over the tie groups, which the tie corrections use.
    var tieCubeSum: Double { tieSizes.reduce(0.0) { $0 + Double($1) * Double($1) * Double($1) - Double($1) } }
}
