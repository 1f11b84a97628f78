import CivicModels
import Foundation

/// Loads a sheet of an Excel workbook (`.xlsx`, Office Open XML) into a `Table`, with
/// the same type inference as ``CSVTableReader``.
///
/// The first row with a cell is the header (or ``Options/headerRow``); the rows below
/// it are the table's rows, and rows without cells are skipped as a CSV reader skips
/// blank lines. Each cell becomes the text a CSV export would hold — numbers in their
/// shortest form, dates (numbers whose cell format shows a date) as `YYYY-MM-DD`,
/// booleans as `true`/`false`, error cells (`#DIV/0!`) and absent cells as missing —
/// and those texts go through the CSV reader's inference: so a workbook and a CSV of
/// the same cells give equal tables (integer, number, boolean, date and string
/// columns; `01067` stays text). Merged header cells name every column they cover.
///
/// ```swift
/// let result = try XLSXReader.read(URL(fileURLWithPath: "spenden.xlsx"),
///                                  options: .init(sheet: "2024"))
/// print(result.sheet, result.table.rowCount)
/// print(try XLSXReader.sheetNames(in: URL(fileURLWithPath: "spenden.xlsx")))
/// ```
///
/// ## Memory and speed
///
/// Each part of the workbook (a ZIP archive of XML) is inflated by ZIPFoundation on a
/// thread of its own and handed over in chunks of 128 KiB to Foundation's
/// `XMLParser`, which reads them as an input stream and reports elements as it goes:
/// neither the archive nor a part is held whole or written to disk (where personal
/// data would be left behind), and no DOM is built. What is held are the shared
/// strings and the sheet's cell texts in a compact store of about the table's size,
/// because the table's width is known only once the whole sheet is read (merged
/// header cells are listed after the cells); the table is then built from that store.
/// Parsing takes about 1 s of CPU time for 40 MB of sheet XML on the 2-core Linux
/// machines this project runs on; `XMLParser`'s own work is most of it.
///
/// Errors are ``XLSXError``s naming file, sheet, part and cell, never a cell's content.
///
/// ## Topics
///
/// ### Reading
/// - ``read(_:options:)``
/// - ``sheetNames(in:)``
/// - ``Options``
/// - ``Result``
public enum XLSXReader {
    /// How to read.
    public struct Options: Sendable {
        /// The sheet to read, by its name on the tab; `nil` for the first sheet in the
        /// workbook's order (a hidden sheet included).
        public var sheet: String?
        /// The row (from 1, as Excel numbers it) that holds the header; `nil` for the
        /// first row with a cell.
        public var headerRow: Int?
        /// How many rows decide the inferred types (as ``CSVTableReader/Options/inferenceRows``).
        public var inferenceRows: Int
        /// Cell texts that mean "missing", besides an empty or absent cell.
        public var missingValues: [String]

        /// Creates options; the defaults read the first sheet and infer from 10,000 rows.
        public init(sheet: String? = nil, headerRow: Int? = nil, inferenceRows: Int = 10_000,
                    missingValues: [String] = [""]) {
            self.sheet = sheet
            self.headerRow = headerRow
            self.inferenceRows = inferenceRows
            self.missingValues = missingValues
        }
    }

    /// What was read.
    public struct Result: Sendable {
        /// The table.
        public var table: Table
        /// The name of the sheet read.
        public var sheet: String
        /// The header's row in the sheet, from 1.
        public var headerRow: Int
        /// The sheet row (from 1) of each table row, in order: rows without cells are
        /// skipped, so an error about table row `i` names sheet row `rowNumbers[i]`.
        public var rowNumbers: [Int] = []
        /// The sheet column (from 1, A = 1) of the table's first column; column `j`
        /// of the table is sheet column `firstColumn + j`.
        public var firstColumn = 1
    }

    /// Reads a sheet of the workbook at `url`.
    ///
    /// - Throws: ``XLSXError`` for a file that is not a readable workbook, an unknown
    ///   sheet name, damaged parts, or a header with an empty or repeated name.
    public static func read(_ url: URL, options: Options = Options()) throws(XLSXError) -> Result {
        let package = try XLSXPackage(url: url)
        let workbook = try XLSXWorkbook(package)
        let sheet = try workbook.sheet(named: options.sheet, file: package.file)
        let sharedStrings = try workbook.sharedStringsPart.map { part throws(XLSXError) in
            try XLSXSharedStrings(package, part: part)
        } ?? .empty
        let styles = try workbook.stylesPart.map { part throws(XLSXError) in
            try XLSXStyles(package, part: part)
        } ?? .none
        do throws(XLSXError) {
            let handler = XLSXSheetHandler(sharedStrings: sharedStrings, styles: styles, dateSystem: workbook.dateSystem)
            guard let part = sheet.part else {
                throw XLSXError(.missingPart(XLSXPackage.relationshipsPart(of: workbook.mainPart)))
            }
            try package.parse(part, with: handler)
            let layout = try XLSXTableLayout(store: handler.store, sharedStrings: sharedStrings,
                                             merges: handler.merges, headerRow: options.headerRow)
            let source = XLSXRecordSource(store: handler.store, sharedStrings: sharedStrings, layout: layout,
                                          name: package.file)
            let table = try load(source, options: options)
            let rows = Array(handler.store.rowNumbers[(layout.headerIndex + 1)...])
            return Result(table: table, sheet: sheet.name, headerRow: layout.headerRow, rowNumbers: rows,
                          firstColumn: layout.columns.lowerBound)
        } catch {
            var located = error
            located.file = package.file
            located.sheet = sheet.name
            throw located
        }
    }

    /// The names of the workbook's sheets, in the order of their tabs.
    ///
    /// - Throws: ``XLSXError`` for a file that is not a readable workbook.
    public static func sheetNames(in url: URL) throws(XLSXError) -> [String] {
        try XLSXWorkbook(XLSXPackage(url: url)).sheets.map(\.name)
    }

    /// Builds the table from the sheet's records with the CSV reader's loader.
    private static func load(_ source: XLSXRecordSource, options: Options) throws(XLSXError) -> Table {
        // An empty or absent cell is always missing; the loader reads it as "".
        var missing = options.missingValues
        if !missing.contains("") { missing.insert("", at: 0) }
        let loadOptions = CSVTableReader.Options(inferenceRows: options.inferenceRows, missingValues: missing)
        var table: Table?
        do {
            var loader = try Loader(reader: source, options: loadOptions, batchRows: nil)
            try loader.run(rejectRow: nil) { table = $0 }
        } catch {
            // The layout has checked the header and every record has the header's
            // width, so the loader has nothing left to object to.
            throw XLSXError(.io("\(error)"))
        }
        return table!
    }
}
