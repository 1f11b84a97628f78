import CivicStorage
import Foundation

/// Pretty, key-sorted JSON: what every app writes to files and, with `--json`, to
/// standard output, so reports diff cleanly between runs.
public func prettyJSON<Value: Encodable>(_ value: Value) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(value)
}

/// Prints `value` as pretty, key-sorted JSON on standard output.
public func printJSON<Value: Encodable>(_ value: Value) throws {
    print(String(decoding: try prettyJSON(value), as: UTF8.self))
}

/// Writes `bytes` to `path` atomically (a temporary file renamed into place).
public func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let file = try AtomicFile(destination: URL(fileURLWithPath: path))
    try file.write(bytes)
    try file.commit()
}

/// Adds `report`, as pretty, key-sorted JSON, to the files `outputs` will replace
/// together: a run leaves its data with its report, or the previous pair.
public func writeReport<Report: Encodable>(_ report: Report, to path: String, in outputs: AtomicFileSet) throws {
    try outputs.write(Array(try prettyJSON(report)) + [10], to: URL(fileURLWithPath: path))
}
