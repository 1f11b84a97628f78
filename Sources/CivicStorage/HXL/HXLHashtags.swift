import CivicModels
import Foundation

/// The hashtag row of an HXL table (Humanitarian Exchange Language, hxlstandard.org):
/// a row under the header that says what each column holds in a shared vocabulary
/// (`#affected+name`, `#adm2+name`, `#date`, `#contact+email`), as humanitarian
/// organisations tag the tables they share.
///
/// Read as data, the row would make every column text; ``split(_:)`` takes it out,
/// infers the columns' types again from the rows below, and keeps the hashtags as
/// the columns' metadata.
///
/// ```swift
/// let (table, hashtags) = try TableFile.readWithHashtags(URL(fileURLWithPath: "3w.csv"))
/// print(table.rowCount, hashtags?.hashtag(of: "Name") ?? "")   // "#affected+name"
/// ```
public struct HXLHashtags: Sendable, Hashable {
    /// Each tagged column's hashtag with its attributes, lower case (`#affected+name`).
    public let hashtagOfColumn: [String: String]

    /// Hashtags given by column.
    public init(hashtagOfColumn: [String: String]) { self.hashtagOfColumn = hashtagOfColumn }

    /// The hashtag of `column`, if it has one.
    public func hashtag(of column: String) -> String? { hashtagOfColumn[column] }

    /// Whether `text` is a hashtag with optional attributes (`#adm1+code`).
    public static func isHashtag(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespaces).wholeMatch(of: /#[A-Za-z][A-Za-z0-9_]*(\s*\+\s*[A-Za-z][A-Za-z0-9_]*)*/) != nil
    }

    /// `table` without its hashtag row and the hashtags, when its first row is one:
    /// at least one cell holds a hashtag and every other cell is empty. `nil`
    /// otherwise. The columns' types are inferred again, as the CSV reader does.
    public static func split(_ table: Table) throws -> (table: Table, hashtags: HXLHashtags)? {
        guard table.rowCount >= 1 else { return nil }
        var tags: [String: String] = [:]
        for field in table.schema.fields {
            guard let column = table.column(named: field.name) else { continue }
            let value = column.value(at: 0)
            if value.isMissing || value.description.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard isHashtag(value.description) else { return nil }
            tags[field.name] = value.description.lowercased().filter { !$0.isWhitespace }
        }
        guard !tags.isEmpty else { return nil }
        // The rows below, written out and read again: the same inference as any CSV file.
        let rest = table.filtering { $0 > 0 }
        let text = try CSVTableWriter.string(rest)
        let reread = try CSVTableReader.read(bytes: Array(text.utf8), name: "hxl").table
        return (reread, HXLHashtags(hashtagOfColumn: tags))
    }
}
