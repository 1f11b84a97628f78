import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

@Suite struct CSVReaderTests {
    private func records(_ text: String, dialect: CSVDialect? = nil) throws -> [[String]] {
        let reader = try CSVReader(string: text, dialect: dialect)
        return [reader.header ?? []] + (try reader.readAllRecords())
    }

    @Test func quotedFieldsHoldSeparatorsQuotesAndLineBreaks() throws {
        let text = "name,note\n\"Müller, Anna\",\"sagt \"\"hallo\"\"\"\nB,\"zwei\nZeilen\"\n"
        #expect(try records(text) == [["name", "note"], ["Müller, Anna", "sagt \"hallo\""], ["B", "zwei\nZeilen"]])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndings(_ ending: String) throws {
        let text = ["a,b", "1,2", "3,4"].joined(separator: ending) + ending
        #expect(try records(text) == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test func lastLineWithoutLineBreakAndEmptyFields() throws {
        #expect(try records("a,b,c\n,,\n1,,3") == [["a", "b", "c"], ["", "", ""], ["1", "", "3"]])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let reader = try CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("id;ort\n1;Köln\n".utf8))
        #expect(reader.header == ["id", "ort"])
        #expect(reader.dialect.separator == UInt8(ascii: ";"))
        #expect(try reader.readAllRecords() == [["1", "Köln"]])
    }

    @Test func blankLinesAreSkipped() throws {
        #expect(try records("a,b\n\n1,2\n\n\n3,4\n\n") == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test(arguments: [(",", "a,b,c\n1,2,3\n"), (";", "a;b;c\n1;2,5;3\n"), ("tab", "a\tb\tc\n1\t2\t3\n")])
    func separatorIsSniffed(expected: String, text: String) throws {
        let reader = try CSVReader(string: text)
        #expect(reader.dialect.separatorName == expected)
        #expect(reader.header == ["a", "b", "c"])
    }

    @Test func sniffingIgnoresSeparatorsInsideQuotes() throws {
        let reader = try CSVReader(string: "name;note\n\"a, b, c\";x\n\"d, e\";y\n")
        #expect(reader.dialect.separatorName == ";")
    }

    @Test func decimalCommaIsSniffedForSemicolonFiles() throws {
        #expect(try CSVReader(string: "x;y\n1,5;2,25\n3,0;4,75\n").dialect.decimalSeparator == UInt8(ascii: ","))
        #expect(try CSVReader(string: "x;y\n1.5;2.25\n").dialect.decimalSeparator == UInt8(ascii: "."))
    }

    /// Every chunk size, down to one byte, gives the same records: nothing breaks at
    /// a chunk boundary (inside a quote, between CR and LF, inside a UTF-8 sequence).
    @Test func chunkBoundariesDoNotMatter() throws {
        let folder = try TemporaryDirectory()
        let text = "id,note,ort\r\n1,\"a \"\"b\"\"\r\nc\",Köln\r\n2,,\"Mün\"\"ster\"\r\n3,x,y\r\n\r\n4,\"\",z"
        let url = try folder.write("chunks.csv", text: text)
        let expected = try records(text)
        for chunkSize in [1, 2, 3, 5, 7, 11, 64] {
            let reader = try CSVReader(url: url, chunkSize: chunkSize)
            #expect([reader.header ?? []] + (try reader.readAllRecords()) == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func lineNumbersCountPhysicalLines() throws {
        let reader = try CSVReader(string: "a,b\n1,\"x\ny\"\n2,z\n")
        var lines: [Int] = []
        while let line = try reader.nextRecord({ $0.line }) { lines.append(line) }
        #expect(lines == [2, 4])
    }

    @Test func windows1252IsDetectedAndDecoded() throws {
        // "Straße;Betrag\nKöln;5 €\n" in Windows-1252.
        let bytes: [UInt8] = Array("Stra".utf8) + [0xDF] + Array("e;Betrag\nK".utf8) + [0xF6] + Array("ln;5 ".utf8) + [0x80, 0x0A]
        let reader = try CSVReader(bytes: bytes)
        #expect(reader.dialect.encoding == .windows1252)
        #expect(reader.header == ["Straße", "Betrag"])
        #expect(try reader.readAllRecords() == [["Köln", "5 €"]])
    }
}

@Suite struct MalformedCSVTests {
    private func error(_ text: String, dialect: CSVDialect? = nil) -> CSVError? {
        do {
            let reader = try CSVReader(bytes: Array(text.utf8), name: "faelle.csv", dialect: dialect)
            _ = try reader.readAllRecords()
            return nil
        } catch let error as CSVError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func unterminatedQuoteNamesLineAndColumn() {
        let found = error("id,name,note\n1,Anna,ok\n2,Ben,\"offen\nbis zum Ende\n")
        #expect(found == CSVError(.unterminatedQuote, file: "faelle.csv", line: 3, column: 3, field: "note"))
    }

    @Test func tooManyFields() {
        let found = error("id,name\n1,Anna\n2,Ben,extra\n")
        #expect(found == CSVError(.tooManyFields(expected: 2, found: 3), file: "faelle.csv", line: 3, column: 3))
    }

    @Test func tooFewFields() {
        let found = error("id,name,ort\n1,Anna,Köln\n2,Ben\n")
        #expect(found == CSVError(.tooFewFields(expected: 3, found: 2), file: "faelle.csv", line: 3, column: 3, field: "ort"))
    }

    @Test func textAfterClosingQuote() {
        let found = error("id,name\n1,\"Anna\"x\n")
        #expect(found == CSVError(.textAfterClosingQuote, file: "faelle.csv", line: 2, column: 2, field: "name"))
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        var utf8 = CSVDialect.standard
        utf8.encoding = .utf8
        let bytes = Array("id,name\n1,Anna\n2,".utf8) + [0x4D, 0xFC, 0x6C] + Array("ler\n".utf8)
        #expect(throws: CSVError(.invalidUTF8, file: "x.csv", line: 3, column: 2, field: "name")) {
            _ = try CSVReader(bytes: bytes, name: "x.csv", dialect: utf8).readAllRecords()
        }
    }

    @Test func emptyFiles() {
        #expect(error("") == CSVError(.emptyFile, file: "faelle.csv"))
        #expect(error("\n\n") == CSVError(.emptyFile, file: "faelle.csv"))
        #expect(throws: CSVError(.emptyFile, file: nil)) { try CSVReader(bytes: [0xEF, 0xBB, 0xBF]) }
    }

    @Test func messagesNameThePlaceButNotTheValue() {
        let found = error("id,name\n1,\"Geheim\"Name\n")!
        #expect(found.message(in: .english).contains("line 2"))
        #expect(found.message(in: .german).contains("Zeile 2"))
        #expect(!found.message(in: .english).contains("Geheim"))
    }

    @Test func lenientModeHandsBadRecordsOverAndGoesOn() throws {
        let reader = try CSVReader(string: "id,name\n1,Anna\n2,Ben,extra\n3,Cem\n4\n")
        var bad: [CSVBadRecord] = []
        reader.badRecordHandler = { bad.append($0) }
        #expect(try reader.readAllRecords() == [["1", "Anna"], ["3", "Cem"]])
        #expect(bad.map(\.error.line) == [3, 5])
        #expect(bad.first.map { String(decoding: $0.rawBytes, as: UTF8.self) } == "2,Ben,extra\n")
    }
}

@Suite("encoding decided on the evidence")
struct CSVEncodingEvidenceTests {
    @Test("a UTF-8 file with one damaged byte fails at that byte, naming line and column, instead of turning into mojibake")
    func damagedUTF8() throws {
        var bytes = Array("name;ort\n".utf8)
        for i in 0..<200 { bytes += Array("Jürgen Müller \(i);Köln\n".utf8) }
        bytes += Array("Bad".utf8) + [0xFF] + Array(";Düsseldorf\n".utf8)
        do {
            _ = try CSVTableReader.read(bytes: bytes, name: "export.csv")
            Issue.record("read a damaged UTF-8 file without complaint")
        } catch {
            #expect(error.kind == .invalidUTF8)
            #expect(error.line == 202 && error.column == 1)
        }
    }

    @Test("a genuine Windows-1252 export with umlauts is still read as Windows-1252")
    func windows1252() throws {
        // "Müller;Köln" in Windows-1252: ü = 0xFC, ö = 0xF6.
        let bytes = Array("name;ort\n".utf8) + Array("M".utf8) + [0xFC] + Array("ller;K".utf8) + [0xF6] + Array("ln\n".utf8)
        let table = try CSVTableReader.read(bytes: bytes, name: "excel.csv").table
        #expect(table[0, "name"].description == "Müller" && table[0, "ort"].description == "Köln")
    }
}

@Suite("inputs that never end")
struct CSVSpecialFileTests {
    @Test("a device or a pipe as input is refused at once instead of hanging")
    func devicesAndPipes() throws {
        #expect(throws: CSVError.self) { try CSVTableReader.read(URL(fileURLWithPath: "/dev/zero")) }
        let folder = try TemporaryDirectory()
        let fifo = folder.file("pipe.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        do {
            _ = try CSVTableReader.read(fifo)
            Issue.record("a pipe was read")
        } catch {
            #expect(error.kind == .io("not a regular file"))
        }
    }

    @Test("a field longer than many chunks is read in linear time: the chunk grows with the record")
    func longFieldAcrossChunks() throws {
        let folder = try TemporaryDirectory()
        let long = String(repeating: "x", count: 1 << 20)
        let file = try folder.write("long.csv", text: "id,note\n1,\"\(long)\"\n2,kurz\n")
        // One-byte chunks: re-parsing the record from its start after every refill
        // would take about 5 * 10^11 steps; growing the chunk takes about 40 refills.
        let reader = try CSVReader(url: file, chunkSize: 1)
        let notes = try reader.readAllRecords().map { $0[1] }
        #expect(notes == [long, "kurz"])
    }

    @Test("a record over the size limit stops with line, column and field, in memory and from a file")
    func recordLimit() throws {
        let text = "id,note\n1,ok\n2,\"" + String(repeating: "y", count: 5_000) + "\"\n"
        let expected = CSVError(.recordTooLong(limit: 1_000), file: nil, line: 3, column: 2, field: "note")
        #expect(throws: expected) {
            _ = try CSVReader(bytes: Array(text.utf8), maximumRecordBytes: 1_000).readAllRecords()
        }
        let folder = try TemporaryDirectory()
        // A quote never closed: the reader gives up at the limit instead of holding the file.
        let file = try folder.write("open.csv", text: "id,note\n1,\"" + String(repeating: "z\n", count: 50_000))
        do {
            _ = try CSVTableReader.read(file, options: { var o = CSVTableReader.Options(); o.maximumRecordBytes = 4_096; return o }())
            Issue.record("an over-long record was read")
        } catch {
            #expect(error.kind == .recordTooLong(limit: 4_096))
            #expect(error.line == 2 && error.field == "note")
        }
        #expect(try CSVReader(bytes: Array(text.utf8)).readAllRecords().count == 2)
    }

    @Test("a NUL byte is refused with line, column and field, never copied on")
    func nulByte() throws {
        let bytes = Array("id,note\n1,gut\n2,a".utf8) + [0] + Array("b\n".utf8)
        let expected = CSVError(.nulByte, file: "x.csv", line: 3, column: 2, field: "note")
        #expect(throws: expected) { try CSVTableReader.read(bytes: bytes, name: "x.csv") }
        // A UTF-16 file is all NUL bytes between the letters: said so at the header.
        let utf16 = Array("id,note\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(throws: CSVError.self) { try CSVTableReader.read(bytes: utf16, name: "x.csv") }
    }

    @Test("a hierarchy file over the size limit is refused, named")
    func largeHierarchy() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("age.csv", text: String(repeating: "1;0-9;*\n", count: 200_000))
        #expect(throws: CSVError.self) { try ARXHierarchyFile.read(file, maximumBytes: 1 << 20) }
        #expect(try ARXHierarchyFile.read(file).count == 200_000)
    }
}
