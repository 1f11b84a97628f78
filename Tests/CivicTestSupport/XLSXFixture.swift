import Foundation
import ZIPFoundation

/// Writes small Excel workbooks (`.xlsx`) from known cells, for the XLSX reader's
/// tests and the apps': `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml` with its
/// relationships, one `xl/worksheets/sheetN.xml` per sheet, `xl/sharedStrings.xml`
/// and `xl/styles.xml`, in a ZIP archive made with ZIPFoundation.
///
/// ```swift
/// var book = XLSXFixture()
/// book.addSheet("Daten", [["A1": .shared("id")], ["A2": .number("1")]])
/// try book.write(to: folder.file("daten.xlsx"))
/// ```
public struct XLSXFixture {
    /// A cell as the workbook stores it.
    public enum Cell: Sendable {
        /// A text in the shared string table (`t="s"`).
        case shared(String)
        /// A shared text in rich-text runs, with a phonetic guide that is not part of it.
        case rich([String])
        /// A text in the cell itself (`t="inlineStr"`).
        case inline(String)
        /// A number as written in `<v>`.
        case number(String)
        /// A number with a cell format (an index into ``XLSXFixture/Style``).
        case styled(String, Style)
        /// A boolean (`t="b"`).
        case boolean(Bool)
        /// A formula with its cached result; `type` is the cell's `t` (`str`, `b`, `e`)
        /// or `nil` for a number.
        case formula(String, result: String?, type: String?)
        /// An error value such as `#DIV/0!` (`t="e"`).
        case error(String)
        /// A cell with a format but no value.
        case blank
    }

    /// The cell formats (`cellXfs`) every fixture has, by index.
    public enum Style: Int, Sendable {
        case general = 0
        /// Built-in 14, the short date.
        case shortDate = 1
        /// Custom 164, `dd.mm.yyyy`.
        case germanDate = 2
        /// Built-in 20, `h:mm` (a time, not a date).
        case time = 3
        /// Custom 165, a currency with quoted text holding `d` and `y`.
        case currency = 4
        /// Custom 166, `[$-407]d. mmmm yyyy;@` (a long German date).
        case longDate = 5
    }

    /// One sheet: its name, its rows (each a list of A1 references and cells, in
    /// order), its merged ranges, or its whole XML when a test needs it broken.
    public struct Sheet {
        public var name: String
        public var rows: [[(String, Cell)]]
        public var merges: [String] = []
        public var rawXML: String?
    }

    public var sheets: [Sheet] = []
    /// Whether the workbook counts dates from 1904.
    public var date1904 = false
    /// A prefix for every element of the sheets (`x:`), as some writers use.
    public var elementPrefix = ""
    private var sharedStrings: [String] = []
    private var sharedIndex: [String: Int] = [:]

    public init(date1904: Bool = false) {
        self.date1904 = date1904
    }

    /// Adds a sheet; each row is a dictionary-literal list of `"B2": cell`, kept in the order given.
    public mutating func addSheet(_ name: String, _ rows: [KeyValuePairs<String, Cell>], merges: [String] = []) {
        addSheet(name, rows: rows.map { $0.map { ($0.key, $0.value) } }, merges: merges)
    }

    /// Adds a sheet from rows of references and cells.
    public mutating func addSheet(_ name: String, rows: [[(String, Cell)]], merges: [String] = []) {
        sheets.append(Sheet(name: name, rows: rows, merges: merges))
    }

    /// Adds a sheet whose XML is given whole.
    public mutating func addSheet(_ name: String, rawXML: String) {
        sheets.append(Sheet(name: name, rows: [], rawXML: rawXML))
    }

    /// Writes the workbook to `url`.
    public func write(to url: URL) throws {
        var copy = self
        var parts: [(String, String)] = []
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", sheet.rawXML ?? copy.sheetXML(sheet)))
        }
        parts += [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbookXML), ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/sharedStrings.xml", copy.sharedStringsXML), ("xl/styles.xml", Self.stylesXML),
        ]
        try Self.zip(parts, to: url)
    }

    /// Writes `parts` (path and text) as a deflated ZIP archive.
    public static func zip(_ parts: [(String, String)], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }

    // MARK: Parts

    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private var contentTypes: String {
        let sheetOverrides = sheets.indices.map { index in
            "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        return Self.header + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            \(sheetOverrides)\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            </Types>
            """
    }

    private var rootRelationships: String {
        Self.header + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(Self.relationshipsNamespace)/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """
    }

    private var workbookXML: String {
        let entries = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        let properties = date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>"
        return Self.header + """
            <workbook xmlns="\(Self.main)" xmlns:r="\(Self.relationshipsNamespace)">\
            \(properties)<sheets>\(entries)</sheets></workbook>
            """
    }

    private var workbookRelationships: String {
        let count = sheets.count
        // Targets in both forms a writer may use: relative to xl/ and absolute.
        let sheetLinks = sheets.indices.map { index in
            let target = index % 2 == 0 ? "worksheets/sheet\(index + 1).xml" : "/xl/worksheets/sheet\(index + 1).xml"
            return "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationshipsNamespace)/worksheet\" Target=\"\(target)\"/>"
        }.joined()
        return Self.header + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(sheetLinks)\
            <Relationship Id="rId\(count + 1)" Type="\(Self.relationshipsNamespace)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId\(count + 2)" Type="\(Self.relationshipsNamespace)/styles" Target="styles.xml"/>\
            </Relationships>
            """
    }

    private static let stylesXML = header + """
        <styleSheet xmlns="\(main)">\
        <numFmts count="3">\
        <numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>\
        <numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;€ day&quot;;[Red]\\-#,##0.00\\ &quot;€&quot;"/>\
        <numFmt numFmtId="166" formatCode="[$-407]d\\.\\ mmmm\\ yyyy;@"/>\
        </numFmts>\
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="6">\
        <xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>\
        <xf numFmtId="20" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/>\
        <xf numFmtId="166" applyNumberFormat="1"/>\
        </cellXfs>\
        <dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.00"/></dxf></dxfs>\
        </styleSheet>
        """

    private var sharedStringsXML: String {
        let items = sharedStrings.map { text -> String in
            if text.hasPrefix("\u{1}") {
                let runs = text.dropFirst().split(separator: "\u{1}", omittingEmptySubsequences: false)
                return "<si>" + runs.map { "<r><rPr><b/></rPr><t xml:space=\"preserve\">\(Self.escape(String($0)))</t></r>" }.joined()
                    + "<rPh sb=\"0\" eb=\"1\"><t>ルビ</t></rPh></si>"
            }
            return "<si><t xml:space=\"preserve\">\(Self.escape(text))</t></si>"
        }
        return Self.header + "<sst xmlns=\"\(Self.main)\" count=\"\(items.count)\" uniqueCount=\"\(items.count)\">"
            + items.joined() + "</sst>"
    }

    private mutating func sheetXML(_ sheet: Sheet) -> String {
        let p = elementPrefix
        var xml = Self.header + "<\(p)worksheet xmlns\(p.isEmpty ? "" : ":" + p.dropLast())=\"\(Self.main)\"><\(p)sheetData>"
        for row in sheet.rows {
            let number = row.first.map { Self.rowNumber(of: $0.0) } ?? 1
            xml += "<\(p)row r=\"\(number)\">"
            for (reference, cell) in row { xml += cellXML(reference, cell) }
            xml += "</\(p)row>"
        }
        xml += "</\(p)sheetData>"
        if !sheet.merges.isEmpty {
            xml += "<\(p)mergeCells count=\"\(sheet.merges.count)\">"
                + sheet.merges.map { "<\(p)mergeCell ref=\"\($0)\"/>" }.joined() + "</\(p)mergeCells>"
        }
        return xml + "</\(p)worksheet>"
    }

    private mutating func cellXML(_ reference: String, _ cell: Cell) -> String {
        let p = elementPrefix
        let open = "<\(p)c r=\"\(reference)\""
        switch cell {
        case .shared(let text): return open + " t=\"s\"><\(p)v>\(share(text))</\(p)v></\(p)c>"
        case .rich(let runs): return open + " t=\"s\"><\(p)v>\(share("\u{1}" + runs.joined(separator: "\u{1}")))</\(p)v></\(p)c>"
        case .inline(let text):
            return open + " t=\"inlineStr\"><\(p)is><\(p)t>\(Self.escape(text))</\(p)t></\(p)is></\(p)c>"
        case .number(let value): return open + "><\(p)v>\(value)</\(p)v></\(p)c>"
        case let .styled(value, style): return open + " s=\"\(style.rawValue)\"><\(p)v>\(value)</\(p)v></\(p)c>"
        case .boolean(let value): return open + " t=\"b\"><\(p)v>\(value ? 1 : 0)</\(p)v></\(p)c>"
        case let .formula(formula, result, type):
            let typeAttribute = type.map { " t=\"\($0)\"" } ?? ""
            let value = result.map { "<\(p)v>\(Self.escape($0))</\(p)v>" } ?? ""
            return open + typeAttribute + "><\(p)f>\(Self.escape(formula))</\(p)f>\(value)</\(p)c>"
        case .error(let code): return open + " t=\"e\"><\(p)v>\(Self.escape(code))</\(p)v></\(p)c>"
        case .blank: return open + " s=\"1\"/>"
        }
    }

    private mutating func share(_ text: String) -> Int {
        if let index = sharedIndex[text] { return index }
        sharedStrings.append(text)
        sharedIndex[text] = sharedStrings.count - 1
        return sharedStrings.count - 1
    }

    private static func rowNumber(of reference: String) -> Int {
        Int(reference.drop { $0.isLetter }) ?? 1
    }

    /// Escapes text for XML content and attributes.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension XLSXFixture {
    /// The letters of column `number` (1 = A, 27 = AA), as Excel names columns.
    public static func columnName(_ number: Int) -> String {
        var number = number, name = ""
        while number > 0 {
            let digit = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            number = (number - 1) / 26
        }
        return name
    }
}
