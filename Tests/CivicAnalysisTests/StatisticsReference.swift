import CivicAnalysis
import CivicModels
import CivicStorage
import Foundation
import Testing

/// SciPy's and statsmodels' values (see Fixtures/make_statistics_reference.py),
/// read loosely as JSON so each test picks what it needs.
struct StatisticsReference {
    let root: [String: Any]

    static func load() throws -> StatisticsReference {
        StatisticsReference(root: try JSONSerialization.jsonObject(with: fixtureData("statistics.json")) as! [String: Any])
    }

    /// The object at a path of keys.
    func object(_ path: String...) -> [String: Any] {
        var node: Any = root
        for key in path { node = (node as! [String: Any])[key]! }
        return node as! [String: Any]
    }

    func list(_ path: String...) -> [[String: Any]] {
        var node: Any = root
        for key in path { node = (node as! [String: Any])[key]! }
        return node as! [[String: Any]]
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The number under `key`; `nil` for JSON null.
    func number(_ key: String) -> Double? { self[key] as? Double ?? (self[key] as? Int).map(Double.init) }
    func numbers(_ key: String) -> [Double] { (self[key] as! [Any]).map { ($0 as? Double) ?? Double($0 as! Int) } }
    func object(_ key: String) -> [String: Any] { self[key] as! [String: Any] }
}

/// The fixture sample of 300 rows.
func statsSample() throws -> Table {
    let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("stats-sample.csv")
    return try CSVTableReader.read(url).table
}

/// `actual` agrees with `expected` to a relative error of `tolerance` (p-values
/// below 1e-300 may be 0).
func expectClose(_ actual: Double?, _ expected: Double?, _ tolerance: Double = 1e-9,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let expected else {
        #expect(actual == nil, "\(what): expected no value, got \(String(describing: actual))", sourceLocation: sourceLocation)
        return
    }
    guard let actual else {
        Issue.record("\(what): expected \(expected), got nothing", sourceLocation: sourceLocation)
        return
    }
    let error = relativeError(actual, expected, floor: 1e-300)
    #expect(error <= tolerance, "\(what): \(actual) vs reference \(expected) (relative error \(error))",
            sourceLocation: sourceLocation)
}
