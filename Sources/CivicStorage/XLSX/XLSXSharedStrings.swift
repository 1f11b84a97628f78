import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The workbook's shared string table (`xl/sharedStrings.xml`): the texts that
/// cells of type `s` point to by index.
///
/// An item is plain (`<si><t>Text</t></si>`) or rich text whose runs are joined
/// (`<si><r><rPr>…</rPr><t>Te</t></r><r><t>xt</t></r></si>`); phonetic guides
/// (`<rPh>`, Japanese reading aids) are not part of the text. All texts lie in one
/// byte array, so a large table costs little more than its UTF-8.
struct XLSXSharedStrings {
    /// The UTF-8 of all texts, one after the other, after a single unused byte (so
    /// that the array is never empty and a pointer into it always exists).
    private(set) var bytes: [UInt8] = [0]
    /// Where each text starts in ``bytes``, plus the end of the last.
    private var offsets: [Int] = [1]

    /// No texts, for a workbook without a shared strings part.
    static let empty = XLSXSharedStrings()

    /// The number of texts.
    var count: Int { offsets.count - 1 }

    /// Where text `index` lies in ``bytes``.
    func range(of index: Int) -> Range<Int> {
        offsets[index]..<offsets[index + 1]
    }

    /// Text `index` as a string.
    func string(_ index: Int) -> String {
        String(decoding: bytes[range(of: index)], as: UTF8.self)
    }

    /// Reads part `name` of `package`.
    init(_ package: XLSXPackage, part name: String) throws(XLSXError) {
        let handler = SharedStringsHandler()
        try package.parse(name, with: handler)
        self = handler.strings
    }

    private init() {}

    /// Appends text to the item being read.
    mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    /// Ends the item being read.
    mutating func endItem() {
        let start = offsets[offsets.count - 1]
        _ = XLSXTextEscapes.decode(&bytes, from: start)
        offsets.append(bytes.count)
    }

    /// Reserves room for `count` items (as the part announces; capped, since the
    /// number comes from the file).
    mutating func reserve(_ count: Int) {
        offsets.reserveCapacity(min(max(count, 0), 1 << 20) + 1)
    }

    /// Collects the items of `xl/sharedStrings.xml`.
    private final class SharedStringsHandler: NSObject, XLSXPartHandler {
        var strings = XLSXSharedStrings()
        var failure: XLSXError?
        var malformedLine: Int?
        private var inItem = false
        private var inText = false
        private var phoneticDepth = 0

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            switch XLSXShortName.code(elementName) {
            case XLSXShortName.sharedItem: inItem = true
            case XLSXShortName.t: inText = inItem && phoneticDepth == 0
            case XLSXShortName.phonetic: phoneticDepth += 1
            case XLSXShortName.sharedStringTable:
                strings.reserve(attributes["uniqueCount"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            switch XLSXShortName.code(elementName) {
            case XLSXShortName.sharedItem:
                strings.endItem()
                inItem = false
            case XLSXShortName.t: inText = false
            case XLSXShortName.phonetic: phoneticDepth -= 1
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { strings.append(string) }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if malformedLine == nil { malformedLine = parser.lineNumber }
            parser.abortParsing()
        }
    }
}
