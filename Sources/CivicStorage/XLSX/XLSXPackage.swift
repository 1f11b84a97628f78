import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A handler of one part's XML: an `XMLParser` delegate that records why it stopped.
protocol XLSXPartHandler: XMLParserDelegate {
    /// The error the handler found in the content (a bad cell reference, say).
    var failure: XLSXError? { get }
    /// The XML line of the first well-formedness error the parser reported.
    var malformedLine: Int? { get }
}

/// An open workbook: a ZIP archive of XML parts (Office Open XML, ECMA-376 Part 2).
///
/// The archive's directory is read once; each part is parsed by streaming it through
/// `XMLParser` (see ``XLSXPartStream``). Not `Sendable`: one reader uses it.
final class XLSXPackage {
    /// The workbook's path, for error messages.
    let file: String
    private let url: URL
    /// The archive's part names, by their lower-case form (part names in a package
    /// are compared without regard to case).
    private let partNames: [String: String]

    /// Opens the workbook at `url`.
    init(url: URL) throws(XLSXError) {
        self.url = url
        file = url.path
        try Self.checkSignature(url, file: file)
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw XLSXError(.notAnArchive, file: file)
        }
        var names: [String: String] = [:]
        for entry in archive where entry.type == .file {
            names[entry.path.lowercased()] = entry.path
        }
        partNames = names
    }

    /// Whether the file starts like a ZIP archive; tells an old `.xls` (or an
    /// encrypted workbook) from other files.
    private static func checkSignature(_ url: URL, file: String) throws(XLSXError) {
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 8) ?? Data()
        } catch {
            throw XLSXError(.io((error as NSError).localizedDescription), file: file)
        }
        if head.starts(with: [0x50, 0x4B]) { return }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw XLSXError(.legacyOrEncryptedWorkbook, file: file)
        }
        throw XLSXError(.notAnArchive, file: file)
    }

    /// The archive's name for part `name` (a path without a leading `/`), if it has it.
    func part(_ name: String) -> String? {
        partNames[name.lowercased()]
    }

    /// Parses part `name` with `handler`.
    ///
    /// - Throws: ``XLSXError`` for a missing or damaged part, malformed XML, or what
    ///   the handler found (each with this file and the part filled in).
    func parse(_ name: String, with handler: some XLSXPartHandler) throws(XLSXError) {
        guard let path = part(name) else { throw XLSXError(.missingPart(name), file: file) }
        let stream = XLSXPartStream(archive: url, path: path)
        defer { stream.finish() }
        let parser = XMLParser(stream: stream)
        parser.delegate = handler
        let succeeded = parser.parse()
        stream.finish()
        if var failure = handler.failure {
            failure.file = file
            throw failure
        }
        if stream.failure != nil { throw XLSXError(.damagedPart, file: file, part: path) }
        if !succeeded || handler.malformedLine != nil {
            throw XLSXError(.malformedXML, file: file, part: path, line: handler.malformedLine ?? parser.lineNumber)
        }
    }

    /// Where a relationship of the part `source` points: its `target` resolved
    /// against the source's folder (`worksheets/sheet1.xml` from `xl/workbook.xml`
    /// is `xl/worksheets/sheet1.xml`; a target starting with `/` is from the root).
    static func resolve(_ target: String, from source: String) -> String {
        var components: [Substring]
        if target.hasPrefix("/") {
            components = []
        } else {
            components = source.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        }
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// The relationships part of `source` (`xl/_rels/workbook.xml.rels` for
    /// `xl/workbook.xml`, `_rels/.rels` for the package root "").
    static func relationshipsPart(of source: String) -> String {
        let components = source.split(separator: "/", omittingEmptySubsequences: false)
        let folder = components.dropLast().joined(separator: "/")
        let name = components.last.map(String.init) ?? ""
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
    }
}

/// The local part of an XML name (`c` of `x:c`): some writers give the
/// spreadsheet namespace a prefix.
@inline(__always)
func xlsxLocalName(_ name: String) -> Substring {
    guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return Substring(name) }
    return name[name.index(after: colon)...]
}

/// Short XML names as numbers, so that the handlers of large parts tell elements
/// and attributes apart without comparing strings (a sheet has millions of them).
enum XLSXShortName {
    /// The bytes of the local part of `name` (after any prefix) packed into a
    /// number when it has at most four bytes, else 0.
    @inline(__always)
    static func code(_ name: String) -> UInt32 {
        var code: UInt32 = 0
        var count = 0
        for byte in name.utf8 {
            if byte == UInt8(ascii: ":") {
                code = 0
                count = 0
            } else {
                count += 1
                code = code << 8 | UInt32(byte)
            }
        }
        return count <= 4 ? code : 0
    }

    static let c = code("c"), v = code("v"), t = code("t"), r = code("r"), s = code("s")
    static let inlineString = code("is"), phonetic = code("rPh"), row = code("row"), sharedItem = code("si")
    static let sharedStringTable = code("sst")
}
