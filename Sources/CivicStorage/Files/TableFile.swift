import CivicModels
import Foundation

/// A table from a file an NGO has at hand: an Excel workbook (`.xlsx`) or a CSV
/// export, told apart by the file's extension, so every tool that accepts one
/// accepts both.
///
/// ```swift
/// let cases = try TableFile.read(URL(fileURLWithPath: "faelle.xlsx"), sheet: "2025")
/// ```
public enum TableFile {
    /// Whether `url` names an Excel workbook.
    public static func isWorkbook(_ url: URL) -> Bool { url.pathExtension.lowercased() == "xlsx" }

    /// The table in `url`: the sheet `sheet` of a workbook (default: its first), or
    /// the CSV file with its dialect sniffed.
    ///
    /// - Throws: ``XLSXError`` or ``CSVError``, naming file, sheet or line and
    ///   column, never a value; a sheet named for a CSV file is an error too.
    public static func read(_ url: URL, sheet: String? = nil) throws -> Table {
        if isWorkbook(url) { return try XLSXReader.read(url, options: .init(sheet: sheet)).table }
        guard sheet == nil else { throw XLSXError(.notAnArchive, file: url.path) }
        return try CSVTableReader.read(url).table
    }
}
