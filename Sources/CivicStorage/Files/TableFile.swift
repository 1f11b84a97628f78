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
    /// the CSV file with its dialect sniffed. An HXL hashtag row under the header is
    /// taken out (see ``readWithHashtags(_:sheet:)`` to keep it).
    ///
    /// - Throws: ``XLSXError`` or ``CSVError``, naming file, sheet or line and
    ///   column, never a value; a sheet named for a CSV file is an error too.
    public static func read(_ url: URL, sheet: String? = nil) throws -> Table {
        try readWithHashtags(url, sheet: sheet).table
    }

    /// As ``read(_:sheet:)``, with the HXL hashtags of the columns when the file has
    /// a hashtag row (`nil` when it has none).
    public static func readWithHashtags(_ url: URL, sheet: String? = nil) throws -> (table: Table, hashtags: HXLHashtags?) {
        let table: Table
        if isWorkbook(url) {
            table = try XLSXReader.read(url, options: .init(sheet: sheet)).table
        } else {
            guard sheet == nil else { throw XLSXError(.notAnArchive, file: url.path) }
            table = try CSVTableReader.read(url).table
        }
        guard let split = try HXLHashtags.split(table) else { return (table, nil) }
        return (split.table, split.hashtags)
    }
}
