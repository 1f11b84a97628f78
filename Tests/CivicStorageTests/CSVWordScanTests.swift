import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The reader and writer test eight bytes at a time for separators, quotes and line
/// breaks. A mistake there shows only when such a byte falls at a certain offset in
/// a word, or where a word reaches past a chunk: these tests put them at every
/// offset modulo 8, in every chunk size up to a few words, and compare with a plain
/// byte-by-byte reference.
@Suite("CSV word-at-a-time scanning")
struct CSVWordScanTests {
    // MARK: A reference

    /// Encodes records the plain way: a field is quoted when it holds the separator,
    /// a quote, CR or LF, with quotes doubled; records end with `lineEnding`.
    static func referenceEncode(_ records: [[String]], separator: Character = ",", lineEnding: String = "\n") -> String {
        records.map { fields in
            fields.map { field in
                field.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    : field
            }.joined(separator: String(separator))
        }.joined(separator: lineEnding) + lineEnding
    }

    /// Splits unquoted CSV byte by byte: the reference for files without quotes.
    static func referenceSplit(_ text: String, separator: UInt8 = UInt8(ascii: ",")) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == separator {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
            } else if byte == 10 || byte == 13 {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
                if !(fields.count == 1 && fields[0].isEmpty) { records.append(fields) }
                fields = []
                if byte == 13 && i + 1 < bytes.count && bytes[i + 1] == 10 { i += 1 }
            } else {
                field.append(byte)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(String(decoding: field, as: UTF8.self)); records.append(fields) }
        return records
    }

    /// Reads `text` from memory and from a file in each chunk size.
    static func readEverywhere(_ text: String, chunkSizes: [Int] = Array(1...17) + [23, 64, 1 << 20],
                               dialect: CSVDialect? = nil) throws -> [[[String]]] {
        var results = [try CSVReader(bytes: Array(text.utf8), dialect: dialect).readAllRecords()]
        let folder = try TemporaryDirectory()
        let url = try folder.write("scan.csv", text: text)
        for chunkSize in chunkSizes {
            results.append(try CSVReader(url: url, dialect: dialect, chunkSize: chunkSize).readAllRecords())
        }
        return results
    }

    static var headerless: CSVDialect {
        var dialect = CSVDialect.standard
        dialect.hasHeader = false
        dialect.encoding = .utf8
        return dialect
    }

    // MARK: Reading

    @Test("a separator and a line break at every offset modulo 8, with LF, CRLF and CR")
    func separatorsAtEveryOffset() throws {
        for lineEnding in ["\n", "\r\n", "\r"] {
            var records: [[String]] = []
            for lead in 0..<17 {
                for length in 0..<19 {
                    records.append([String(repeating: "a", count: lead), String(repeating: "b", count: length), "c"])
                }
            }
            let text = Self.referenceEncode(records, lineEnding: lineEnding)
            #expect(Self.referenceSplit(text) == records)
            for (index, result) in try Self.readEverywhere(text, chunkSizes: [1, 3, 7, 8, 9, 16, 4096],
                                                           dialect: Self.headerless).enumerated() {
                #expect(result == records, "line ending \(lineEnding.debugDescription), reading \(index)")
            }
        }
    }

    @Test("fields of every length next to multi-byte characters, semicolon and tab separators")
    func otherSeparators() throws {
        for separator: Character in [";", "\t", ","] {
            var dialect = Self.headerless
            dialect.separator = UInt8(ascii: separator.unicodeScalars.first!)
            var records: [[String]] = []
            for length in 0..<20 {
                let word = String(repeating: "ü", count: length / 2) + String(repeating: "x", count: length % 2)
                records.append([word, String(length), "Straße" + word, ""])
            }
            let text = Self.referenceEncode(records, separator: separator)
            #expect(Self.referenceSplit(text, separator: dialect.separator) == records)
            for result in try Self.readEverywhere(text, chunkSizes: [1, 2, 5, 8, 13, 64], dialect: dialect) {
                #expect(result == records, "separator \(separator.debugDescription)")
            }
        }
    }

    @Test("seeded random records with quotes, doubled quotes, separators and line breaks in fields")
    func randomQuotedRecords() throws {
        var random = MutationFuzzer(seed: 2_026_1201, tokens: [])
        let pieces = ["a", "bc", "defghij", "ü", "€", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", ";", "12345678", ""]
        for round in 0..<40 {
            let columns = Int.random(in: 1...6, using: &random)
            var records: [[String]] = []
            for _ in 0..<Int.random(in: 1...25, using: &random) {
                records.append((0..<columns).map { _ in
                    (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                })
            }
            // A record of one empty field is a blank line, which the reader skips.
            records = records.map { $0 == [""] ? ["x"] : $0 }
            let lineEnding = ["\n", "\r\n", "\r"].randomElement(using: &random)!
            let text = Self.referenceEncode(records, lineEnding: lineEnding)
            for result in try Self.readEverywhere(text, chunkSizes: [1, 4, 8, 9, 15, 32, 4096], dialect: Self.headerless) {
                #expect(result == records, "round \(round)")
            }
        }
    }

    @Test("a quote in an unquoted field is text, at every offset")
    func quotesInsideUnquotedFields() throws {
        var records: [[String]] = []
        for offset in 1..<17 {
            records.append([String(repeating: "x", count: offset) + "\"" + String(repeating: "y", count: 17 - offset), "z"])
        }
        let text = records.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        #expect(Self.referenceSplit(text) == records)
        for result in try Self.readEverywhere(text, chunkSizes: [1, 8, 11, 4096], dialect: Self.headerless) {
            #expect(result == records)
        }
    }

    @Test("line numbers count line breaks inside quoted fields at every offset")
    func lineNumbersInsideQuotes() throws {
        var text = "id,note\n"
        var expected: [Int] = []
        var line = 2
        for offset in 0..<17 {
            expected.append(line)
            let breaks = offset % 3 + 1
            text += "\(offset),\"" + String(repeating: "n", count: offset)
                + String(repeating: "\n", count: breaks) + String(repeating: "m", count: 16 - offset) + "\"\n"
            line += breaks + 1
        }
        let folder = try TemporaryDirectory()
        let url = try folder.write("lines.csv", text: text)
        for chunkSize in [1, 8, 9, 64, 1 << 20] {
            var dialect = CSVDialect.standard
            dialect.encoding = .utf8
            let reader = try CSVReader(url: url, dialect: dialect, chunkSize: chunkSize)
            var lines: [Int] = []
            while let line = try reader.nextRecord({ $0.line }) { lines.append(line) }
            #expect(lines == expected, "chunk size \(chunkSize)")
        }
    }

    @Test("a bad byte is found in its record, line and column, whatever the chunk; a character split by a chunk is not")
    func badBytesAcrossChunks() throws {
        let good = (1...30).map { "\($0),Jürgen Müller \($0),Köln" }
        for badRow in [0, 7, 29] {
            for badByte: UInt8 in [0x00, 0xFF, 0xC3] {
                var lines = good.map { Array($0.utf8) }
                // Replace the "J" of the name: column 2.
                let at = lines[badRow].firstIndex(of: UInt8(ascii: "J"))!
                lines[badRow][at] = badByte
                if badByte == 0xC3 { lines[badRow][at + 1] = UInt8(ascii: "x") }  // a lead byte without its continuation
                let bytes = Array("id,name,ort\n".utf8) + lines.flatMap { $0 + [10] }
                let folder = try TemporaryDirectory()
                let url = try folder.write("bad.csv", bytes: bytes)
                var dialect = CSVDialect.standard
                dialect.encoding = .utf8
                for chunkSize in [1, 2, 3, 8, 13, 64, 1 << 20] {
                    do {
                        _ = try CSVReader(url: url, dialect: dialect, chunkSize: chunkSize).readAllRecords()
                        Issue.record("read a file with byte \(badByte) in row \(badRow)")
                    } catch let error as CSVError {
                        #expect(error.kind == (badByte == 0 ? .nulByte : .invalidUTF8))
                        #expect(error.line == badRow + 2 && error.column == 2 && error.field == "name",
                                "byte \(badByte), row \(badRow), chunk size \(chunkSize)")
                    }
                }
            }
        }
        // All good, in every chunk size: the two-byte "ü" and "ö" fall across chunk ends.
        let folder = try TemporaryDirectory()
        let url = try folder.write("good.csv", text: "id,name,ort\n" + good.joined(separator: "\n") + "\n")
        for chunkSize in 1...17 {
            #expect(try CSVReader(url: url, chunkSize: chunkSize).readAllRecords().count == 30)
        }
    }

    @Test("the parallel load cuts a quote-heavy file the same way in any number of ranges")
    func parallelRangesAgreeWithTheReference() throws {
        var random = MutationFuzzer(seed: 77, tokens: [])
        var records: [[String]] = [["id", "text", "amount"]]
        for i in 1...600 {
            let text = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                ["a\nb", "\"", ",", "x", "ü", "\r\n", "long text of some words"].randomElement(using: &random)!
            }.joined()
            records.append([String(i), text.isEmpty ? "-" : text, String(i * 7)])
        }
        let folder = try TemporaryDirectory()
        let url = try folder.write("quotes.csv", text: Self.referenceEncode(records))
        for segments in [2, 3, 5, 8] {
            var options = CSVTableReader.Options()
            options.parallelism = .parallel(segments: segments)
            let result = try CSVTableReader.read(url, options: options)
            #expect(result.parallelRanges == segments)
            let table = result.table
            #expect(table.rowCount == 600)
            #expect((0..<600).allSatisfy { table[$0, "text"].description == records[$0 + 1][1] }, "\(segments) ranges")
            #expect((0..<600).allSatisfy { table[$0, "amount"] == .integer(Int64(($0 + 1) * 7)) })
        }
    }

    // MARK: Writing

    /// Texts that need quoting at every offset, and the other awkward values.
    static let awkwardTexts: [String] = {
        var texts = ["Müller, Anna", "sagt \"hallo\"", "zwei\nZeilen", "cr\ronly", "crlf\r\nend", ";", "\"", "\t",
                     "=SUMME(A1)", "-3 Tage", "+49 30 123", "@name", "€ 5", "Straße", "ends with space "]
        for offset in 0..<17 {
            for special in [",", "\"", "\n", "\r"] {
                texts.append(String(repeating: "w", count: offset) + special + String(repeating: "v", count: 16 - offset))
            }
        }
        return texts
    }()

    static func awkwardTable() throws -> Table {
        let schema = Schema(fields: [
            Field("text", type: .string), Field("count", type: .integer), Field("amount", type: .number),
            Field("day", type: .date), Field("tag", type: .date, format: Field.germanDateFormat),
            Field("flag", type: .boolean),
        ])
        let integers: [Int64] = [0, -1, 7, Int64.max, Int64.min, 1_000_000_007, -40]
        let numbers: [Double] = [0.5, -0.25, 1e20, 1.5e-7, 12_345.678, -3, 2.0, 0.1 + 0.2]
        let days: [CivicDate] = [CivicDate(year: 2024, month: 2, day: 29)!, CivicDate(year: 1, month: 1, day: 1)!,
                                 CivicDate(year: 9999, month: 12, day: 31)!, CivicDate(year: 1970, month: 1, day: 1)!,
                                 CivicDate(year: 1969, month: 12, day: 31)!]
        let rows: [[Value]] = awkwardTexts.enumerated().map { index, text in
            [index % 11 == 5 ? .missing : .text(text),
             index % 13 == 3 ? .missing : .integer(integers[index % integers.count]),
             index % 7 == 2 ? .missing : .number(numbers[index % numbers.count]),
             .date(days[index % days.count]), .date(days[(index + 2) % days.count]),
             index % 5 == 1 ? .missing : .boolean(index % 2 == 0)]
        }
        return try Table(schema: schema, rows: rows)
    }

    @Test("writing awkward values and reading them back gives the same table, in several dialects",
          arguments: ["standard", "german", "windows", "crlf"])
    func roundTrip(dialectName: String) throws {
        var dialect = CSVDialect.standard
        switch dialectName {
        case "german": dialect = .germanExcel
        case "windows": dialect = .germanExcel; dialect.encoding = .windows1252
        case "crlf": dialect.lineEnding = .crlf
        default: break
        }
        dialect.neutralizesFormulas = false
        let table = try Self.awkwardTable()
        let folder = try TemporaryDirectory()
        let url = folder.file("out.csv")
        try CSVTableWriter.write(table, to: url, dialect: dialect)
        // The fast writer gives the same text as the plain one.
        let written = try [UInt8](Data(contentsOf: url))
        let plain = try CSVTableWriter.string(table, dialect: dialect)
        if dialect.encoding == .utf8 {
            #expect(String(decoding: written, as: UTF8.self) == plain)
        }
        var options = CSVTableReader.Options(dialect: dialect, schema: table.schema)
        options.parallelism = .sequential
        let back = try CSVTableReader.read(url, options: options).table
        #expect(back == table)
        for row in 0..<table.rowCount {
            #expect(back[row, "text"] == table[row, "text"], "row \(row)")
        }
    }

    @Test("a text that could run as a formula gets its leading quote from the fast writer too")
    func formulasDefused() throws {
        let table = try Table(schema: Schema(fields: [Field("a", type: .string), Field("b", type: .number)]),
                              rows: [[.text("=1+2"), .number(-3.5)], [.text("-x"), .number(-2)], [.text("ok"), .number(0.75)]])
        let folder = try TemporaryDirectory()
        let url = folder.file("defused.csv")
        try CSVTableWriter.write(table, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == "a,b\n'=1+2,-3.5\n'-x,-2\nok,0.75\n")
        #expect(text == (try CSVTableWriter.string(table)))
    }

    @Test("dates and integers written as digits match their string forms over a wide range")
    func digitsMatchStrings() throws {
        // From 0001-01-01 to beyond 9999-12-31 (five-digit years take the string form).
        let days = stride(from: -719_162, through: 2_950_000, by: 997).map { CivicDate(daysSinceEpoch: Int32($0)) }
        let integers: [Int64] = (0..<64).flatMap { bit -> [Int64] in
            let power = Int64(1) << Int64(min(bit, 62))
            return [power, -power, power - 1, power &+ 12_345]
        } + [Int64.min, Int64.max]
        let count = max(days.count, integers.count)
        let table = try Table(schema: Schema(fields: [Field("d", type: .date),
                                                      Field("g", type: .date, format: Field.germanDateFormat),
                                                      Field("i", type: .integer)]),
                              rows: (0..<count).map { row in
                                  [.date(days[row % days.count]), .date(days[row % days.count]),
                                   .integer(integers[row % integers.count])]
                              })
        let folder = try TemporaryDirectory()
        let url = folder.file("digits.csv")
        try CSVTableWriter.write(table, to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == (try CSVTableWriter.string(table)))
    }
}
