import CivicModels

/// A summary computed per group by ``Grouping/aggregate(_:)``.
///
/// Column aggregates leave missing values out; a group with no values gets a
/// missing result. Output columns are named `count`, `mean_<column>`, ...
public enum Aggregate: Sendable, Hashable {
    /// The number of rows in the group.
    case count
    /// The number of non-missing values of a column.
    case countValues(String)
    /// The sum of a numeric column.
    case sum(String)
    /// The arithmetic mean of a numeric column.
    case mean(String)
    /// The median of a numeric column (the mean of the two middle values for an
    /// even count, as R's type 7 quantile and NumPy give it).
    case median(String)
    /// The smallest value of a numeric column.
    case min(String)
    /// The largest value of a numeric column.
    case max(String)

    /// The name of the output column.
    public var outputName: String {
        switch self {
        case .count: return "count"
        case .countValues(let c): return "count_\(c)"
        case .sum(let c): return "sum_\(c)"
        case .mean(let c): return "mean_\(c)"
        case .median(let c): return "median_\(c)"
        case .min(let c): return "min_\(c)"
        case .max(let c): return "max_\(c)"
        }
    }

    var sourceColumn: String? {
        switch self {
        case .count: return nil
        case .countValues(let c), .sum(let c), .mean(let c), .median(let c), .min(let c), .max(let c): return c
        }
    }
}

extension Grouping {
    /// A table with one row per group: the key columns, then one column per aggregate.
    ///
    /// - Throws: ``AnalysisError`` for an unknown or non-numeric column.
    public func aggregate(_ aggregates: [Aggregate]) throws(AnalysisError) -> Table {
        var fields = keyNames.map { name in table.schema.field(named: name)! }
        var columns: [ColumnData] = []
        for (index, field) in fields.enumerated() {
            var builder = ColumnBuilder(type: field.type, capacity: count)
            for key in keys { builder.append(key[index]) }
            columns.append(builder.finish())
        }
        for aggregate in aggregates {
            let values = try compute(aggregate)
            let type: FieldType = values.allSatisfy { if case .number = $0 { return false } else { return true } }
                && aggregate.isCount ? .integer : .number
            var builder = ColumnBuilder(type: type, capacity: count)
            for value in values { builder.append(value) }
            columns.append(builder.finish())
            fields.append(Field(aggregate.outputName, type: type))
        }
        // Cannot fail: one field per column, every column one value per group.
        return try! Table(schema: Schema(fields: fields), columns: columns)
    }

    private func compute(_ aggregate: Aggregate) throws(AnalysisError) -> [Value] {
        guard let name = aggregate.sourceColumn else { return sizes.map { .integer(Int64($0)) } }
        let column = try table.requireColumn(name)
        if case .countValues = aggregate {
            var counts = [Int64](repeating: 0, count: count)
            for row in 0..<table.rowCount where !column.missing.isMissing(row) { counts[Int(groupOfRow[row])] += 1 }
            return counts.map(Value.integer)
        }
        guard column.isNumeric else { throw .notNumeric(name) }
        switch aggregate {
        case .median:
            return medians(of: column).map { $0.map(Value.number) ?? .missing }
        default:
            var moments = [RunningSummary](repeating: RunningSummary(), count: count)
            forEachValue(of: column) { group, value in moments[group].add(value) }
            return moments.map { summary in
                guard summary.count > 0 else { return .missing }
                switch aggregate {
                case .sum: return .number(summary.sum)
                case .mean: return .number(summary.mean)
                case .min: return .number(summary.minimum)
                case .max: return .number(summary.maximum)
                default: return .missing
                }
            }
        }
    }

    /// Calls `body` with (group, value) for every non-missing value of a numeric column.
    @inline(__always)
    func forEachValue(of column: ColumnData, _ body: (Int, Double) -> Void) {
        let noneMissing = column.missing.missingCount == 0
        switch column.storage {
        case .integer(let values):
            for row in 0..<values.count where noneMissing || !column.missing.isMissing(row) {
                body(Int(groupOfRow[row]), Double(values[row]))
            }
        case .number(let values):
            for row in 0..<values.count where noneMissing || !column.missing.isMissing(row) {
                body(Int(groupOfRow[row]), values[row])
            }
        default:
            break
        }
    }

    /// The median of each group: values scattered by group (a counting sort), then
    /// selected in place in linear expected time.
    func medians(of column: ColumnData) -> [Double?] {
        var counts = [Int](repeating: 0, count: count)
        forEachValue(of: column) { group, _ in counts[group] += 1 }
        var offsets = [Int](repeating: 0, count: count + 1)
        for group in 0..<count { offsets[group + 1] = offsets[group] + counts[group] }
        var cursor = offsets
        var scattered = [Double](repeating: 0, count: offsets[count])
        forEachValue(of: column) { group, value in
            scattered[cursor[group]] = value
            cursor[group] += 1
        }
        return scattered.withUnsafeMutableBufferPointer { all in
            (0..<count).map { group in
                Selection.median(UnsafeMutableBufferPointer(rebasing: all[offsets[group]..<offsets[group + 1]]))
            }
        }
    }
}

extension Aggregate {
    var isCount: Bool {
        switch self {
        case .count, .countValues: return true
        default: return false
        }
    }
}
