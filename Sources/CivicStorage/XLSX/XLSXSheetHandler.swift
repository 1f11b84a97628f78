import CivicModels
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a worksheet part (`xl/worksheets/sheetN.xml`) into an ``XLSXCellStore``,
/// turning each cell into the text a CSV export would hold, and collects the merged
/// cells.
///
/// Cell types (`t`, ECMA-376 Part 1, §18.18.11): shared strings (`s`) point into
/// ``XLSXSharedStrings``; inline strings (`inlineStr`, `<is>` with plain or rich
/// text) and formula texts (`str`) are taken as they are; booleans (`b`) become
/// `true`/`false`; errors (`e`, `#DIV/0!`) become missing; ISO dates (`d`) keep
/// their date part. Numbers (`n` or no type) take the shortest form that reads back
/// as the same `Double` (`0.30000000000000004` stays, `1.0` becomes `1`), or, if the
/// cell's format shows a date, the date as `YYYY-MM-DD` (see ``XLSXDateSystem``). A
/// formula cell is its cached result (`<v>`); one without a result is missing.
///
/// Rows and the cells in them must come in ascending order; a cell without an `r`
/// reference follows the one before it.
final class XLSXSheetHandler: NSObject, XLSXPartHandler {
    private(set) var store = XLSXCellStore()
    /// The merged ranges (`<mergeCell ref="A1:C1"/>`).
    private(set) var merges: [XLSXCellRange] = []
    var failure: XLSXError?
    var malformedLine: Int?

    private let sharedStrings: XLSXSharedStrings
    private let styles: XLSXStyles
    private let dateSystem: XLSXDateSystem
    private let values = CSVValueParser()

    private enum CellKind {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    /// Whether ``failure`` is set (cheaper to test than the optional error).
    private var failed = false
    private var rowNumber = 0
    private var column = 0
    private var kind = CellKind.number
    private var showsDate = false
    private var inCell = false
    private var inInlineString = false
    private var collecting = false
    private var phoneticDepth = 0
    private var textStart = 0
    private var dateText = [UInt8](repeating: 0, count: 10)

    init(sharedStrings: XLSXSharedStrings, styles: XLSXStyles, dateSystem: XLSXDateSystem) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.dateSystem = dateSystem
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch XLSXShortName.code(elementName) {
        case XLSXShortName.c: startCell(attributes, parser)
        case XLSXShortName.v: collecting = inCell
        case XLSXShortName.inlineString: inInlineString = inCell
        case XLSXShortName.t: collecting = inInlineString && phoneticDepth == 0
        case XLSXShortName.phonetic: phoneticDepth += 1
        case XLSXShortName.row: startRow(attributes, parser)
        case 0 where xlsxLocalName(elementName) == "mergeCell":
            if let reference = attributes["ref"], let range = XLSXCellRange(reference) { merges.append(range) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        switch XLSXShortName.code(elementName) {
        case XLSXShortName.v, XLSXShortName.t: collecting = false
        case XLSXShortName.c: if inCell { finishCell(parser) }
        case XLSXShortName.inlineString: inInlineString = false
        case XLSXShortName.phonetic: phoneticDepth -= 1
        case XLSXShortName.row: store.endRow(rowNumber)
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { store.bytes.append(contentsOf: string.utf8) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if malformedLine == nil { malformedLine = parser.lineNumber }
        parser.abortParsing()
    }

    private func fail(_ kind: XLSXError.Kind, row: Int, column: Int?, _ parser: XMLParser) {
        if !failed { failure = XLSXError(kind, row: row, column: column) }
        failed = true
        inCell = false
        collecting = false
        parser.abortParsing()
    }

    // MARK: Rows and cells

    private func startRow(_ attributes: [String: String], _ parser: XMLParser) {
        guard !failed else { return }
        var number = rowNumber + 1
        if let text = attributes["r"] {
            guard let given = Int(text), (1...XLSXCellReference.maximumRow).contains(given) else {
                return fail(.invalidCellReference, row: rowNumber + 1, column: nil, parser)
            }
            guard given > rowNumber else { return fail(.cellOutOfOrder, row: given, column: nil, parser) }
            number = given
        }
        guard number <= XLSXCellReference.maximumRow else {
            return fail(.invalidCellReference, row: rowNumber, column: nil, parser)
        }
        rowNumber = number
        column = 0
    }

    private func startCell(_ attributes: [String: String], _ parser: XMLParser) {
        guard !failed else { return }
        // One pass over the attributes costs less than three look-ups by hash.
        var reference: String?, type: String?, style: String?
        for (name, value) in attributes {
            switch XLSXShortName.code(name) {
            case XLSXShortName.r: reference = value
            case XLSXShortName.t: type = value
            case XLSXShortName.s: style = value
            default: break
            }
        }
        var next = column + 1
        if let text = reference {
            guard let reference = XLSXCellReference(text), reference.row == rowNumber else {
                return fail(.invalidCellReference, row: rowNumber, column: nil, parser)
            }
            guard reference.column > column else {
                return fail(.cellOutOfOrder, row: rowNumber, column: reference.column, parser)
            }
            next = reference.column
        }
        guard rowNumber > 0, next <= XLSXCellReference.maximumColumn else {
            return fail(.invalidCellReference, row: max(rowNumber, 1), column: nil, parser)
        }
        column = next
        kind = Self.kind(type)
        showsDate = kind == .number && style.flatMap { Int($0) }.map(styles.isDate) == true
        inCell = true
        textStart = store.bytes.count
    }

    private static func kind(_ type: String?) -> CellKind {
        switch type {
        case nil, "n": return .number
        case "s": return .sharedString
        case "inlineStr": return .inlineString
        case "str": return .formulaString
        case "b": return .boolean
        case "e": return .error
        case "d": return .isoDate
        default: return .formulaString
        }
    }

    /// Turns the collected text of the cell into its final text and stores it.
    private func finishCell(_ parser: XMLParser) {
        inCell = false
        collecting = false
        let isEmpty = store.bytes.count == textStart
        switch kind {
        case .error:
            store.bytes.removeSubrange(textStart...)
            store.add(column: column, start: 0, length: 0)
            return
        case _ where isEmpty:
            return
        case .sharedString:
            return addSharedString(parser)
        case .inlineString, .formulaString:
            _ = XLSXTextEscapes.decode(&store.bytes, from: textStart)
        case .boolean:
            rewriteBoolean()
        case .number:
            rewriteNumber()
        case .isoDate:
            rewriteISODate()
        }
        if store.bytes.count > textStart {
            store.add(column: column, start: textStart, length: store.bytes.count - textStart)
        }
    }

    private func addSharedString(_ parser: XMLParser) {
        let index = withCellText { values.integer($0) }
        store.bytes.removeSubrange(textStart...)
        guard let index, index >= 0, index < sharedStrings.count else {
            return fail(.invalidSharedString, row: rowNumber, column: column, parser)
        }
        let range = sharedStrings.range(of: Int(index))
        if !range.isEmpty { store.add(column: column, start: -(range.lowerBound + 1), length: range.count) }
    }

    // MARK: Values

    /// Calls `body` with the bytes collected for the current cell.
    @inline(__always)
    private func withCellText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        store.bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[textStart...]))
        }
    }

    private func replaceCellText(with text: some Collection<UInt8>) {
        store.bytes.replaceSubrange(textStart..., with: text)
    }

    private func rewriteBoolean() {
        let text = withCellText { $0.count == 1 ? $0[0] : 0 }
        if text == UInt8(ascii: "1") { replaceCellText(with: "true".utf8) }
        if text == UInt8(ascii: "0") { replaceCellText(with: "false".utf8) }
    }

    private func rewriteNumber() {
        if withCellText({ values.integer($0) }) != nil && !showsDate { return }
        guard let value = withCellText({ values.number($0) })
                ?? Double(String(decoding: store.bytes[textStart...], as: UTF8.self)), value.isFinite else { return }
        if showsDate {
            switch dateSystem.day(serial: value) {
            case .date(let date):
                date.writeISO(into: &dateText)
                return replaceCellText(with: dateText)
            case .fictitious29February1900:
                return replaceCellText(with: "1900-02-29".utf8)
            case .outOfRange:
                break
            }
        }
        replaceCellText(with: values.formatNumber(value).utf8)
    }

    /// Keeps the date of an ISO 8601 date-time (`2024-01-01T08:30:00`).
    private func rewriteISODate() {
        let isDateTime = withCellText { text in
            text.count > 10 && text[10] == UInt8(ascii: "T") && values.date(UnsafeBufferPointer(rebasing: text[..<10])) != nil
        }
        if isDateTime { store.bytes.removeSubrange((textStart + 10)...) }
    }
}
