import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a workbook's main part says: its sheets in order, its date system, and
/// where its shared strings and styles are.
///
/// The package's root relationships (`_rels/.rels`) name the main part (usually
/// `xl/workbook.xml`); its `<sheets>` list names and relationship ids, and its
/// relationships (`xl/_rels/workbook.xml.rels`) turn the ids into parts. Relationship
/// types are matched by their last segment, so strict OOXML works as well.
struct XLSXWorkbook {
    /// One sheet: its name (as on the tab) and its part.
    struct Sheet {
        /// The name on the tab.
        var name: String
        /// The part holding the sheet's XML; `nil` if its relationship is missing.
        var part: String?
    }

    /// The main part (usually `xl/workbook.xml`).
    var mainPart: String
    /// The sheets in workbook order.
    var sheets: [Sheet]
    /// How serial numbers become dates.
    var dateSystem: XLSXDateSystem
    /// The shared strings part, if the workbook has one.
    var sharedStringsPart: String?
    /// The styles part, if the workbook has one.
    var stylesPart: String?

    /// Reads the main part of `package` and its relationships.
    init(_ package: XLSXPackage) throws(XLSXError) {
        let rootRelationships = try Self.relationships(of: "", in: package)
        let main = rootRelationships.first { $0.type == "officeDocument" }
            .map { XLSXPackage.resolve($0.target, from: "") } ?? "xl/workbook.xml"
        mainPart = main
        let handler = WorkbookHandler()
        try package.parse(main, with: handler)
        let targets = try Self.relationships(of: main, in: package)
        let byID = Dictionary(targets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        sheets = handler.sheets.map { sheet in
            Sheet(name: sheet.name, part: sheet.relationshipID.flatMap { byID[$0] }
                    .map { XLSXPackage.resolve($0.target, from: main) })
        }
        dateSystem = handler.uses1904 ? .from1904 : .from1900
        sharedStringsPart = targets.first { $0.type == "sharedStrings" }
            .map { XLSXPackage.resolve($0.target, from: main) }
            ?? (package.part("xl/sharedStrings.xml") != nil ? "xl/sharedStrings.xml" : nil)
        stylesPart = targets.first { $0.type == "styles" }.map { XLSXPackage.resolve($0.target, from: main) }
    }

    /// The sheet called `name`, or the first sheet for `nil`.
    ///
    /// - Throws: ``XLSXError/Kind/unknownSheet(_:available:)`` listing the names, or
    ///   ``XLSXError/Kind/noSheets``.
    func sheet(named name: String?, file: String) throws(XLSXError) -> Sheet {
        guard let first = sheets.first else { throw XLSXError(.noSheets, file: file) }
        guard let name else { return first }
        guard let sheet = sheets.first(where: { $0.name == name }) else {
            throw XLSXError(.unknownSheet(name, available: sheets.map(\.name)), file: file)
        }
        return sheet
    }

    /// The relationships of part `source`; none if it has no relationships part.
    private static func relationships(of source: String, in package: XLSXPackage)
        throws(XLSXError) -> [RelationshipsHandler.Relationship] {
        let part = XLSXPackage.relationshipsPart(of: source)
        guard package.part(part) != nil else { return [] }
        let handler = RelationshipsHandler()
        try package.parse(part, with: handler)
        return handler.relationships
    }
}

/// Reads `xl/workbook.xml`: the sheets and the date system.
private final class WorkbookHandler: NSObject, XLSXPartHandler {
    struct Entry {
        var name: String
        var relationshipID: String?
    }

    var sheets: [Entry] = []
    var uses1904 = false
    var failure: XLSXError?
    var malformedLine: Int?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch xlsxLocalName(elementName) {
        case "sheet":
            // The id attribute is in the relationships namespace, usually as `r:id`.
            let id = attributes.first { key, _ in key == "r:id" || key.hasSuffix(":id") }?.value
            sheets.append(Entry(name: attributes["name"] ?? "", relationshipID: id))
        case "workbookPr":
            let value = attributes["date1904"]
            uses1904 = value == "1" || value == "true"
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if malformedLine == nil { malformedLine = parser.lineNumber }
        parser.abortParsing()
    }
}

/// Reads a relationships part (`*.rels`).
private final class RelationshipsHandler: NSObject, XLSXPartHandler {
    struct Relationship {
        var id: String
        /// The last segment of the type URI (`worksheet`, `sharedStrings`, ...).
        var type: String
        var target: String
    }

    var relationships: [Relationship] = []
    var failure: XLSXError?
    var malformedLine: Int?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        guard xlsxLocalName(elementName) == "Relationship", attributes["TargetMode"] != "External",
              let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"]
        else { return }
        let lastSegment = type.split(separator: "/").last.map(String.init) ?? type
        relationships.append(Relationship(id: id, type: lastSegment, target: target))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if malformedLine == nil { malformedLine = parser.lineNumber }
        parser.abortParsing()
    }
}
