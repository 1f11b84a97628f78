import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Which cell formats of a workbook show dates (`xl/styles.xml`).
///
/// A cell's `s` attribute indexes `<cellXfs>`; each `<xf>` there names a number
/// format by `numFmtId`, built in or defined in `<numFmts>`. ``XLSXNumberFormat``
/// decides which of them are dates.
struct XLSXStyles {
    /// For each cell format index, whether it shows a date.
    private var dateFormats: [Bool] = []

    /// No styles: every number is a number.
    static let none = XLSXStyles()

    private init() {}

    /// Reads part `name` of `package`.
    init(_ package: XLSXPackage, part name: String) throws(XLSXError) {
        let handler = StylesHandler()
        try package.parse(name, with: handler)
        dateFormats = handler.formatIDs.map { id in
            XLSXNumberFormat.isDate(id: id, customCode: handler.customCodes[id])
        }
    }

    /// Whether cell format `index` shows a date (an unknown index does not).
    func isDate(_ index: Int) -> Bool {
        index >= 0 && index < dateFormats.count && dateFormats[index]
    }

    /// Collects the custom number formats and each cell format's `numFmtId`.
    private final class StylesHandler: NSObject, XLSXPartHandler {
        var customCodes: [Int: String] = [:]
        var formatIDs: [Int] = []
        var failure: XLSXError?
        var malformedLine: Int?
        private var inNumberFormats = false
        private var inCellFormats = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            switch xlsxLocalName(elementName) {
            case "numFmts": inNumberFormats = true
            case "cellXfs": inCellFormats = true
            case "numFmt" where inNumberFormats:
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                    customCodes[id] = code
                }
            case "xf" where inCellFormats:
                formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            switch xlsxLocalName(elementName) {
            case "numFmts": inNumberFormats = false
            case "cellXfs": inCellFormats = false
            default: break
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if malformedLine == nil { malformedLine = parser.lineNumber }
            parser.abortParsing()
        }
    }
}
