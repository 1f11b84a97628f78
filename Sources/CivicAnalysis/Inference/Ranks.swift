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
        for run in equalRuns(in: order.indices, { values[order[$0]] == values[order[$1]] }) {
            // The run's positions hold ranks lowerBound+1 ... upperBound; their mean:
            let rank = Double(run.lowerBound + 1 + run.upperBound) / 2
            for position in run { ranks[order[position]] = rank }
            if run.count > 1 { tieSizes.append(run.count) }
        }
        self.ranks = ranks
        self.tieSizes = tieSizes
    }

    /// The sum of t³ - t over the tie groups, which the tie corrections use.
    var tieCubeSum: Double { tieSizes.reduce(0.0) { $0 + Double($1) * Double($1) * Double($1) - Double($1) } }
}
