import CivicModels
import Testing

@Suite struct TableTests {
    static let schema = Schema(fields: [
        Field("district", type: .string),
        Field("age", type: .integer, role: .quasiIdentifier),
        Field("income", type: .number, role: .sensitive),
        Field("start", type: .date),
        Field("consent", type: .boolean),
    ])

    static func sample() throws -> Table {
        try Table(schema: schema, rows: [
            [.text("Neukölln"), .integer(34), .number(1200.5), .date(CivicDate(year: 2024, month: 1, day: 3)!), .boolean(true)],
            [.text("Mitte"), .missing, .number(800), .missing, .boolean(false)],
            [.text("Neukölln"), .integer(19), .missing, .date(CivicDate(year: 2023, month: 5, day: 9)!), .missing],
            [.missing, .integer(61), .number(2300), .date(CivicDate(year: 2022, month: 12, day: 1)!), .boolean(true)],
        ])
    }

    @Test func rowsComeBackAsTheyWentIn() throws {
        let table = try Self.sample()
        #expect(table.rowCount == 4)
        #expect(table.columnCount == 5)
        #expect(table[0, "district"] == .text("Neukölln"))
        #expect(table[1, "age"] == .missing)
        #expect(table[2, "income"] == .missing)
        #expect(table[3, "district"] == .missing)
        #expect(table.row(1) == [.text("Mitte"), .missing, .number(800), .missing, .boolean(false)])
        #expect(table.column(named: "age")?.missing.missingCount == 1)
    }

    @Test func textIsStoredOncePerDistinctValue() throws {
        let table = try Self.sample()
        guard case .text(let codes, let dictionary) = table.column(named: "district")!.storage else {
            Issue.record("district is not text"); return
        }
        #expect(dictionary.count == 2)
        #expect(codes[0] == codes[2])
    }

    @Test func wrongTypesAndShapesAreRejected() {
        #expect(throws: TableError.valueTypeMismatch(row: 0, expected: .integer)) {
            try Table(schema: Schema(fields: [Field("age", type: .integer)]), rows: [[.text("x")]])
        }
        #expect(throws: TableError.rowLengthMismatch(row: 0, expected: 1, found: 2)) {
            try Table(schema: Schema(fields: [Field("age", type: .integer)]), rows: [[.integer(1), .integer(2)]])
        }
        #expect(throws: TableError.duplicateField("a")) {
            try Table(schema: Schema(fields: [Field("a", type: .integer), Field("a", type: .integer)]), rows: [])
        }
    }

    @Test func selectingKeepsOrderAndRejectsUnknownNames() throws {
        let table = try Self.sample().selecting(["age", "district"])
        #expect(table.schema.fieldNames == ["age", "district"])
        #expect(table.row(0) == [.integer(34), .text("Neukölln")])
        #expect(throws: TableError.unknownField("nope")) { try Self.sample().selecting(["nope"]) }
    }

    @Test func filteringKeepsMatchingRowsInOrder() throws {
        let table = try Self.sample()
        let ages = table.column(named: "age")!
        let adults = table.filtering { (ages.doubleValue(at: $0) ?? 0) >= 20 }
        #expect(adults.rowCount == 2)
        #expect(adults[0, "age"] == .integer(34))
        #expect(adults[1, "age"] == .integer(61))
    }

    @Test func sortingPutsMissingFirstAndIsStable() throws {
        let sorted = try Self.sample().sorted(by: [SortKey("district"), SortKey("age", ascending: false)])
        #expect(sorted.column(named: "district")!.missing.isMissing(0))
        #expect((1..<4).map { sorted[$0, "district"] } == [.text("Mitte"), .text("Neukölln"), .text("Neukölln")])
        #expect(sorted[2, "age"] == .integer(34))
        #expect(sorted[3, "age"] == .integer(19))
    }

    /// Gathering enough rows to share the columns out over the cores gives every
    /// gathered row the values of its source row, missing or not, in every column.
    @Test func gatheringManyRowsKeepsEachRowsValues() throws {
        let rows = 70_000
        let schema = Schema(fields: [Field("district", type: .string), Field("age", type: .integer),
                                     Field("income", type: .number)])
        let table = try Table(schema: schema, columns: [
            ColumnData(type: .string, values: (0..<rows).map { $0 % 11 == 0 ? .missing : .text("D\($0 % 97)") }),
            ColumnData(type: .integer, values: (0..<rows).map { .integer(Int64($0)) }),
            ColumnData(type: .number, values: (0..<rows).map { $0 % 5 == 0 ? .missing : .number(Double($0) / 2) }),
        ])
        let indices = (0..<rows).map { ($0 * 7_919) % rows } + [3, 3, 0]
        let gathered = table.gathering(rows: indices)
        #expect(gathered.rowCount == indices.count)
        for (row, source) in indices.enumerated() where row % 13 == 0 || row >= rows {
            #expect(gathered.row(row) == table.row(source))
        }
        #expect(gathered.columns[0].missing.missingCount == indices.filter { $0 % 11 == 0 }.count)
        #expect(gathered.columns[1].missing.missingCount == 0)
    }

    @Test func appendingConcatenates() throws {
        let table = try Self.sample()
        let twice = try table.appending(table)
        #expect(twice.rowCount == 8)
        #expect(twice.row(5) == table.row(1))
        let other = try table.selecting(["age"])
        #expect(throws: TableError.schemaMismatch) { try table.appending(other) }
    }
}

@Suite struct TextDictionaryTests {
    @Test func codesAreStableAndDistinct() {
        var dictionary = TextDictionary()
        var codes: [String: UInt32] = [:]
        // Enough values to grow the index several times.
        for i in 0..<5_000 { codes["value \(i)"] = dictionary.code(for: "value \(i)") }
        for i in stride(from: 0, to: 5_000, by: 7) {
            #expect(dictionary.code(for: "value \(i)") == codes["value \(i)"])
            #expect(dictionary[codes["value \(i)"]!] == "value \(i)")
        }
        #expect(dictionary.count == 5_000)
        #expect(dictionary.existingCode(for: "absent") == nil)
    }

    @Test func differentlyEncodedTextsStayApart() {
        var dictionary = TextDictionary()
        let composed = dictionary.code(for: "M\u{00FC}ller")
        let decomposed = dictionary.code(for: "Mu\u{0308}ller")
        #expect(composed != decomposed)
        #expect(dictionary.code(for: "") != composed)
        #expect(dictionary[dictionary.code(for: "")] == "")
    }

    /// Concatenating parts merges their dictionaries: every row keeps its text, each
    /// text is stored once, and the texts the merge added are found again. The second
    /// part holds enough texts to be looked up on several threads, half of them also
    /// in the first part.
    @Test func concatenatingMergesDictionariesTextByText() throws {
        let schema = Schema(fields: [Field("note", type: .string)])
        let firstTexts = (0..<40_000).map { "note \($0)" }
        let secondTexts = (20_000..<80_000).reversed().map { "note \($0)" } + ["note 5", "M\u{00FC}ller", "Mu\u{0308}ller"]
        let first = try Table(schema: schema, columns: [ColumnData(type: .string, values: firstTexts.map(Value.text))])
        let second = try Table(schema: schema, columns: [ColumnData(type: .string, values: secondTexts.map(Value.text))])
        let merged = try Table.concatenating([first, second])
        let column = try #require(merged.column(named: "note"))
        #expect((0..<merged.rowCount).map(column.value(at:)) == (firstTexts + secondTexts).map(Value.text))
        guard case .text(_, let dictionary) = column.storage else { Issue.record("not a text column"); return }
        #expect(dictionary.isDeduplicated)
        #expect(dictionary.count == 80_002)
        for text in ["note 0", "note 39999", "note 40000", "note 79999", "Mu\u{0308}ller"] {
            let code = try #require(dictionary.existingCode(for: text))
            #expect(dictionary[code] == text)
        }
        #expect(dictionary.existingCode(for: "note 80000") == nil)
    }

    /// A column whose dictionary stores each row's text anew (as a reader does for
    /// mostly distinct values) holds the same texts once deduplicated, each once.
    @Test func deduplicatingKeepsEveryRowsText() throws {
        let texts: [String?] = ["K-2", "K-1", nil, "K-2", "M\u{00FC}ller", "Mu\u{0308}ller", "K-1", "K-2"]
        var repeated = TextDictionary()
        repeated.stopDeduplicating()
        var missing = MissingMask(count: texts.count)
        let codes = texts.enumerated().map { row, text -> UInt32 in
            if text == nil { missing.set(row, missing: true) }
            return repeated.code(for: text ?? "")
        }
        let column = ColumnData(storage: .text(codes: codes, dictionary: repeated), missing: missing)
        let deduplicated = column.deduplicatingTexts()
        guard case .text(_, let dictionary) = deduplicated.storage else { Issue.record("not a text column"); return }
        #expect(dictionary.isDeduplicated)
        // "", K-2, K-1 and the two spellings of Müller, which differ in their bytes.
        #expect(dictionary.count == 5)
        #expect((0..<texts.count).map(deduplicated.value(at:)) == (0..<texts.count).map(column.value(at:)))
        #expect(deduplicated.missing.missingCount == 1)
        // A column already deduplicated, or not text, comes back as it is.
        let numbers = try ColumnData(type: .integer, values: [.integer(1), .missing])
        #expect(numbers.deduplicatingTexts().value(at: 0) == .integer(1))
        let table = try Table(schema: Schema(fields: [Field("client", type: .string)]), columns: [column])
        let replaced = try table.replacing("client", with: deduplicated)
        #expect(replaced.column(named: "client")?.value(at: 4) == .text("M\u{00FC}ller"))
        #expect(throws: TableError.unknownField("absent")) { try table.replacing("absent", with: deduplicated) }
    }
}

@Suite struct MissingMaskTests {
    @Test func marksAndCounts() {
        var mask = MissingMask()
        for i in 0..<200 { mask.append(missing: i % 3 == 0) }
        #expect(mask.count == 200)
        #expect(mask.missingCount == 67)
        #expect(mask.isMissing(63) && !mask.isMissing(64) && mask.isMissing(129))
        mask.set(63, missing: false)
        mask.set(64, missing: true)
        #expect(!mask.isMissing(63) && mask.isMissing(64))
        #expect(mask.missingCount == 67)
    }
}
