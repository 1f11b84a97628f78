import CivicModels

/// The numbers of one column, missing values left out.
public struct NumericSample: Sendable, Hashable {
    /// The values, in row order.
    public var values: [Double]
    /// How many rows were left out because a used value was missing.
    public var leftOut: Int
}

/// The numbers of one column split by the values of another.
public struct GroupedSample: Sendable, Hashable {
    /// The group keys, sorted (missing keys are not a group).
    public var keys: [Value]
    /// The values of each group, in row order.
    public var samples: [[Double]]
    /// The weights of each group's values (empty without a weight column).
    public var weights: [[Double]]
    /// Per group, how many rows had a missing value (or a missing weight).
    public var missing: [Int]
    /// Rows left out because their group key was missing.
    public var missingKeys: Int

    /// All rows left out, whatever the reason.
    public var leftOut: Int { missing.reduce(missingKeys, +) }

    /// Only the groups named in `names` (by their values as text), in key order;
    /// the rows of the other groups count as left out.
    ///
    /// - Throws: ``AnalysisError/unknownGroup(column:group:)`` for a name no group has.
    public func selecting(_ names: [String], column: String) throws(AnalysisError) -> GroupedSample {
        let texts = keys.map(\.description)
        if let unknown = names.first(where: { !texts.contains($0) }) { throw .unknownGroup(column: column, group: unknown) }
        let kept = keys.indices.filter { names.contains(texts[$0]) }
        let dropped = keys.indices.filter { !names.contains(texts[$0]) }
        return GroupedSample(keys: kept.map { keys[$0] }, samples: kept.map { samples[$0] },
                             weights: weights.isEmpty ? [] : kept.map { weights[$0] }, missing: kept.map { missing[$0] },
                             missingKeys: missingKeys + dropped.reduce(0) { $0 + samples[$1].count + missing[$1] })
    }
}

/// The largest magnitude the tests, correlations and regressions accept. Their sums
/// of squared deviations over millions of rows stay finite below it; descriptive
/// statistics, which rescale, accept every finite value.
public let largestAnalysableMagnitude = 1e150

extension ColumnData {
    /// The value of every row as a number, or `nil` where missing; throws for a
    /// column that does not hold numbers and, when `checkingMagnitude`, for a value
    /// beyond ``largestAnalysableMagnitude``.
    func numbers(named name: String, checkingMagnitude: Bool = true) throws(AnalysisError) -> [Double?] {
        let numbers: [Double?]
        switch storage {
        case .integer(let values):
            numbers = values.indices.map { missing.isMissing($0) ? nil : Double(values[$0]) }
        case .number(let values):
            numbers = values.indices.map { missing.isMissing($0) || values[$0].isNaN ? nil : values[$0] }
        default:
            throw .notNumeric(name)
        }
        if checkingMagnitude, numbers.contains(where: { $0.map { !(abs($0) <= largestAnalysableMagnitude) } ?? false }) {
            throw .valuesTooLarge(column: name, limit: largestAnalysableMagnitude)
        }
        return numbers
    }
}

extension Table {
    /// The numbers in `column`, missing values left out.
    ///
    /// - Throws: ``AnalysisError`` for an unknown or non-numeric column.
    public func numbers(_ column: String) throws(AnalysisError) -> NumericSample {
        let values = try requireColumn(column).numbers(named: column)
        let present = values.compactMap { $0 }
        return NumericSample(values: present, leftOut: values.count - present.count)
    }

    /// Pairs of numbers from two columns, rows where either is missing left out.
    public func pairedNumbers(_ x: String, _ y: String) throws(AnalysisError) -> (x: [Double], y: [Double], leftOut: Int) {
        let xs = try requireColumn(x).numbers(named: x), ys = try requireColumn(y).numbers(named: y)
        var outX: [Double] = [], outY: [Double] = []
        for row in 0..<rowCount {
            if let a = xs[row], let b = ys[row] { outX.append(a); outY.append(b) }
        }
        return (outX, outY, rowCount - outX.count)
    }

    /// The numbers in `column` split by the values of `group` (keys sorted), with
    /// weights from `weight` when given. A row whose value or weight is missing
    /// counts as missing in its group.
    ///
    /// - Throws: ``AnalysisError`` for an unknown or non-numeric column, or a
    ///   negative weight.
    public func numbers(_ column: String, groupedBy group: String, weight: String? = nil)
        throws(AnalysisError) -> GroupedSample
    {
        try numbers(column, groupedBy: group, weight: weight, checkingMagnitude: true)
    }

    func numbers(_ column: String, groupedBy group: String, weight: String?, checkingMagnitude: Bool)
        throws(AnalysisError) -> GroupedSample
    {
        var codes = KeyCodes(try requireColumn(group))
        codes.sortByValue()
        var (samples, sampleWeights, missing) = try split(
            column, codes: codes.codes, groupCount: codes.cardinality, weight: weight,
            checkingMagnitude: checkingMagnitude)
        var keys = codes.values, missingKeys = 0
        // Missing sorts first, so it can only be the first key.
        if keys.first?.isMissing == true {
            missingKeys = samples[0].count + missing[0]
            keys.removeFirst(); samples.removeFirst(); missing.removeFirst()
            if !sampleWeights.isEmpty { sampleWeights.removeFirst() }
        }
        return GroupedSample(keys: keys, samples: samples, weights: sampleWeights, missing: missing, missingKeys: missingKeys)
    }

    /// The numbers of `column` (and weights of `weight`) per group code: the one
    /// loop behind ``numbers(_:groupedBy:weight:)`` and the whole-column description
    /// (all codes 0). A missing value or weight counts as missing in its group.
    func split(_ column: String, codes: [Int32], groupCount: Int, weight: String?, checkingMagnitude: Bool)
        throws(AnalysisError) -> (samples: [[Double]], weights: [[Double]], missing: [Int])
    {
        let values = try requireColumn(column).numbers(named: column, checkingMagnitude: checkingMagnitude)
        let weights = try weight.map { name throws(AnalysisError) in try requireColumn(name).numbers(named: name) }
        var samples = [[Double]](repeating: [], count: groupCount)
        var sampleWeights = [[Double]](repeating: [], count: weights == nil ? 0 : groupCount)
        var missing = [Int](repeating: 0, count: groupCount)
        for row in 0..<rowCount {
            let code = Int(codes[row])
            guard let value = values[row] else { missing[code] += 1; continue }
            if let weights {
                guard let w = weights[row] else { missing[code] += 1; continue }
                guard w >= 0, w.isFinite else { throw .invalidWeights(column: weight!) }
                sampleWeights[code].append(w)
            }
            samples[code].append(value)
        }
        return (samples, sampleWeights, missing)
    }
}
