/// The runs of consecutive positions in `range` whose values are equal (`equal(i, j)`
/// compares positions i and j), in order: the step shared by ranks with ties, tie
/// counts and the mode of sorted data.
func equalRuns(in range: Range<Int>, _ equal: (Int, Int) -> Bool) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var start = range.lowerBound
    while start < range.upperBound {
        var end = start + 1
        while end < range.upperBound && equal(start, end) { end += 1 }
        runs.append(start..<end)
        start = end
    }
    return runs
}
