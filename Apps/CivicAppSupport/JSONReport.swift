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

/// Writes `bytes` to `path` atomically (a temporary file renamed into place). If
/// that fails and `companion` names a file this run already wrote, that file is
/// removed as well: a run leaves its outputs together, or none.
public func writeAtomically(_ bytes: [UInt8], to path: String, removingOnFailure companion: String? = nil) throws {
    do {
        let file = try AtomicFile(destination: URL(fileURLWithPath: path))
        try file.write(bytes)
        try file.commit()
    } catch {
        if let companion { try? FileManager.default.removeItem(atPath: companion) }
        throw error
    }
}

/// Writes `report` as pretty, key-sorted JSON to `path`, atomically, for the file
/// `output` it describes. If the report cannot be written, `output` is removed as
/// well: a run leaves its data together with its report, or nothing.
public func writeReport<Report: Encodable>(_ report: Report, to path: String, describing output: String) throws {
    let bytes: [UInt8]
    do {
        bytes = Array(try prettyJSON(report)) + [10]
    } catch {
        try? FileManager.default.removeItem(atPath: output)
        throw error
    }
    try writeAtomically(bytes, to: path, removingOnFailure: output)
}
