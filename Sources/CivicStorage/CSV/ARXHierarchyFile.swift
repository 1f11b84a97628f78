import CivicModels
import Foundation

/// Reads and writes generalisation hierarchies in ARX's CSV format: one row per
/// original value, `value;level 1;...;top`, `;`-separated, no header.
///
/// The rows feed `GeneralizationHierarchy(rows:)` in CivicPrivacy; keeping the file
/// format here keeps CivicPrivacy free of file handling.
///
/// ```swift
/// let rows = try ARXHierarchyFile.read(URL(fileURLWithPath: "hierarchies/age.csv"))
/// let age = try GeneralizationHierarchy(rows: rows)
/// ```
public enum ARXHierarchyFile {
    /// The dialect of ARX's hierarchy files.
    public static let dialect = CSVDialect(separator: UInt8(ascii: ";"), hasHeader: false)

    /// The largest hierarchy file read by default (64 MiB): hierarchies list the
    /// values of one column, and a larger file is almost certainly the wrong one
    /// (reading it would take many times its size in memory).
    public static let defaultMaximumBytes = 64 << 20

    /// The rows of a hierarchy file. Rows of different lengths are returned as they
    /// are, for the hierarchy to report; an empty file, or one over `maximumBytes`,
    /// is an error.
    public static func read(_ url: URL, maximumBytes: Int = defaultMaximumBytes) throws(CSVError) -> [[String]] {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maximumBytes {
            throw CSVError(.io("a hierarchy file of \(size >> 20) MiB is larger than the limit of \(maximumBytes >> 20) MiB"),
                           file: url.path)
        }
        let reader = try CSVReader(url: url, dialect: dialect)
        // Rows may differ in length here; GeneralizationHierarchy names the bad line.
        reader.requiresUniformFieldCount = false
        var rows: [[String]] = []
        do {
            while let row = try reader.nextRecord({ $0.strings }) { rows.append(row) }
        } catch let error as CSVError { throw error } catch { throw CSVError(.io("\(error)"), file: url.path) }
        guard !rows.isEmpty else { throw CSVError(.emptyFile, file: url.path) }
        return rows
    }

    /// Writes hierarchy rows atomically.
    public static func write(_ rows: [[String]], to url: URL) throws(CSVError) {
        let writer = try CSVWriter(url: url, dialect: dialect)
        for row in rows { try writer.writeRecord(row) }
        try writer.finish()
    }
}
