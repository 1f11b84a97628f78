import CivicStorage
import Foundation

/// Writes `report` as pretty, key-sorted JSON to `path`, atomically, for the file
/// `output` it describes. If the report cannot be written, `output` is removed as
/// well: a run leaves its data together with its report, or nothing.
public func writeReport<Report: Encodable>(_ report: Report, to path: String, describing output: String) throws {
    do {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let file = try AtomicFile(destination: URL(fileURLWithPath: path))
        try file.write(Array(try encoder.encode(report)) + [10])
        try file.commit()
    } catch {
        try? FileManager.default.removeItem(atPath: output)
        throw error
    }
}
