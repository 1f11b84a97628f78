import CivicModels
import CivicPrivacy
import CivicTestSupport
import Foundation
import Testing

@Suite("Pseudonymisation")
struct PseudonymizationTests {
    let key = try! PseudonymKey(bytes: Array(0..<32))
    let otherKey = try! PseudonymKey(bytes: Array(1...32))

    @Test func tokensAreStablePerKeyAndDifferBetweenKeys() throws {
        let first = try Pseudonymizer(key: key), again = try Pseudonymizer(key: key), other = try Pseudonymizer(key: otherKey)
        let token = first.token(for: "K-0000042")
        #expect(token == again.token(for: "K-0000042"))
        #expect(token != other.token(for: "K-0000042"))
        #expect(token != first.token(for: "K-0000043"))
        #expect(token.hasPrefix("P-") && token.count == 14)
        #expect(token.dropFirst(2).allSatisfy { $0.isHexDigit && ($0.isNumber || $0.isUppercase) })
    }

    @Test func tokensAreKeyedNotPlainHashes() throws {
        // HMAC-SHA256 of "K-0000042" under the key 00 01 ... 1f, first 12 hex digits,
        // computed independently with Python's hmac module.
        #expect(try Pseudonymizer(key: key).token(for: "K-0000042") == "P-" + Self.referenceHMACPrefix)
    }

    /// `python3 -c "import hmac,hashlib;print(hmac.new(bytes(range(32)),b'K-0000042',hashlib.sha256).hexdigest()[:12].upper())"`
    static let referenceHMACPrefix = "944746873E48"

    @Test("keys of a block and longer, empty and long values, full and odd lengths: the HMAC of Python's hmac module")
    func keysOfEveryLengthGiveTheReferenceHMAC() throws {
        // A key longer than SHA-256's block of 64 bytes is hashed first; one of 64 is used as it is.
        #expect(try Pseudonymizer(key: PseudonymKey(bytes: Array(0..<100)), length: 64).token(for: "K-0000042")
                == "P-" + Self.referenceLongKeyHMAC)
        #expect(try Pseudonymizer(key: PseudonymKey(bytes: Array(0..<64)), length: 64).token(for: "")
                == "P-" + Self.referenceBlockKeyEmptyValueHMAC)
        #expect(try Pseudonymizer(key: PseudonymKey(bytes: Array(0..<65)), length: 13, prefix: "")
                .token(for: String(repeating: "x", count: 200)) == Self.referenceLongValueHMACPrefix)
    }

    /// `python3 -c "import hmac,hashlib;print(hmac.new(bytes(range(100)),b'K-0000042',hashlib.sha256).hexdigest().upper())"`
    static let referenceLongKeyHMAC = "77D1D57481BEC11D7B454E7E31E0FBE7910517D9FF5A0240EA9D9DEA83970EF9"
    /// `python3 -c "import hmac,hashlib;print(hmac.new(bytes(range(64)),b'',hashlib.sha256).hexdigest().upper())"`
    static let referenceBlockKeyEmptyValueHMAC = "3499F163F48604C0B15AC89E4E7C66F314FB3B203B8AC2F564828E62F6BE9D9D"
    /// `python3 -c "import hmac,hashlib;print(hmac.new(bytes(range(65)),b'x'*200,hashlib.sha256).hexdigest()[:13].upper())"`
    static let referenceLongValueHMACPrefix = "277896DEE0CE6"

    @Test("canonically equivalent spellings of a value get one token; other values do not")
    func canonicallyEquivalentSpellingsShareAToken() throws {
        let pseudonymizer = try Pseudonymizer(key: key)
        let precomposed = "K-Jos\u{E9}-7", combining = "K-Jose\u{301}-7"
        #expect(Array(precomposed.utf8) != Array(combining.utf8))
        #expect(pseudonymizer.token(for: precomposed) == pseudonymizer.token(for: combining))
        #expect(pseudonymizer.token(for: precomposed) != pseudonymizer.token(for: "K-Jose-7"))
        // Text already in form C hashes its own bytes, as computed with Python's hmac module.
        #expect(pseudonymizer.token(for: precomposed) == "P-" + Self.referencePrecomposedHMACPrefix)
        let shifter = try DateShifter(pseudonymizer: pseudonymizer, maximumDays: 30)
        #expect(shifter.offset(forPersonWith: precomposed) == shifter.offset(forPersonWith: combining))
        var register = PseudonymRegister()
        try register.record(pseudonymizer.token(for: precomposed), for: precomposed)
        try register.record(pseudonymizer.token(for: combining), for: combining)
        #expect(register.count == 1)
    }

    /// `python3 -c "import hmac,hashlib;print(hmac.new(bytes(range(32)),'K-Jos\u00e9-7'.encode(),hashlib.sha256).hexdigest()[:12].upper())"`
    static let referencePrecomposedHMACPrefix = "2A8402505A12"

    @Test func lengthAndPrefixAreConfigurable() throws {
        let long = try Pseudonymizer(key: key, length: 16, prefix: "K")
        #expect(long.token(for: "x").count == 17)
        // A shorter token is the start of a longer one, so tokens of earlier, shorter runs still match.
        let eight = try Pseudonymizer(key: key, length: 8, prefix: "K")
        #expect(long.token(for: "x").hasPrefix(eight.token(for: "x")) && eight.token(for: "x").count == 9)
        #expect(throws: PrivacyError.self) { try Pseudonymizer(key: key, length: 3) }
    }

    @Test func shortAndWeakKeysAreRefused() throws {
        #expect(throws: PseudonymKeyError.tooShort(bytes: 8)) { try PseudonymKey(bytes: Array(0..<8)) }
        #expect(throws: PseudonymKeyError.tooShort(bytes: 16)) { try PseudonymKey(bytes: Array(0..<16)) }
        #expect(throws: PseudonymKeyError.tooWeak) { try PseudonymKey(bytes: Array(repeating: 0, count: 32)) }
        #expect(throws: PseudonymKeyError.tooWeak) { try PseudonymKey(bytes: Array(repeating: 0, count: 64)) }
        #expect(throws: PseudonymKeyError.tooWeak) { try PseudonymKey(bytes: Array([UInt8](repeating: 1, count: 16) + [UInt8](repeating: 2, count: 16))) }
        // A generated key always passes.
        for _ in 0..<20 { _ = try PseudonymKey(bytes: Array((0..<32).map { _ in UInt8.random(in: 0...255) })) }
    }

    @Test func keyFilesAreOwnerOnlyAndNeverOverwritten() throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("secret.key")
        let key = PseudonymKey.generate()
        try key.write(to: url)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: PseudonymKeyError.fileExists(path: url.path)) { try PseudonymKey.generate().write(to: url) }

        let read = try PseudonymKey(contentsOf: url)
        #expect(try Pseudonymizer(key: read).token(for: "a") == Pseudonymizer(key: key).token(for: "a"))
        #expect(!"\(read)".contains(try String(contentsOf: url, encoding: .utf8).split(separator: "\n")[1]))
    }

    @Test func keyFilesOthersCanReadAreRefused() throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("open.key")
        try PseudonymKey.generate().write(to: url)
        chmod(url.path, 0o644)
        #expect(throws: PseudonymKeyError.readableByOthers(path: url.path, mode: "644")) { try PseudonymKey(contentsOf: url) }
    }

    @Test func malformedAndMissingKeyFiles() throws {
        let folder = try TemporaryDirectory()
        let url = try folder.write("bad.key", text: "not a key\n")
        chmod(url.path, 0o600)
        #expect(throws: PseudonymKeyError.malformed(path: url.path)) { try PseudonymKey(contentsOf: url) }
        let missing = folder.file("missing.key")
        #expect(throws: PseudonymKeyError.unreadable(path: missing.path)) { try PseudonymKey(contentsOf: missing) }
    }

    @Test func theRegisterCatchesTwoValuesSharingAToken() throws {
        let short = try Pseudonymizer(key: key, length: 4)
        var register = PseudonymRegister()
        // 65,536 possible tokens: among 2,000 values a clash is all but certain (birthday bound).
        let clashed = #expect(throws: PrivacyError.self) {
            for number in 0..<2_000 {
                let value = "K-\(number)"
                try register.record(short.token(for: value), for: value)
            }
        }
        #expect(clashed != nil)
        var fresh = PseudonymRegister()
        try fresh.record("P-1", for: "a")
        try fresh.record("P-1", for: "a")     // the same value again is fine
        #expect(fresh.count == 1)
    }

    @Test func dateShiftsAreConsistentNonZeroAndBounded() throws {
        let shifter = try DateShifter(pseudonymizer: Pseudonymizer(key: key), maximumDays: 30)
        var offsets = Set<Int>()
        for number in 0..<500 {
            let offset = shifter.offset(forPersonWith: "K-\(number)")
            #expect(offset != 0 && abs(offset) <= 30)
            #expect(offset == shifter.offset(forPersonWith: "K-\(number)"))
            offsets.insert(offset)
        }
        #expect(offsets.count == 60)   // every offset in -30...-1, 1...30 occurs among 500 people
        let date = CivicDate(year: 2024, month: 2, day: 28)!
        let person = "K-7"
        #expect(shifter.shift(date, forPersonWith: person).daysSinceEpoch - date.daysSinceEpoch
                == Int32(shifter.offset(forPersonWith: person)))
        #expect(throws: PrivacyError.self) { try DateShifter(pseudonymizer: Pseudonymizer(key: key), maximumDays: 0) }
    }
}

@Suite("Redaction operators")
struct RedactorTests {
    @Test func placeholdersSpeakTheLanguage() {
        let text = "Rückruf unter 0151 23456789, Frau Yılmaz."
        #expect(Redactor(language: .german).redact(text).text == "Rückruf unter [TELEFON], Frau [NAME].")
        #expect(Redactor(language: .english).redact(text).text == "Rückruf unter [PHONE], Frau [NAME].")
    }

    @Test func maskKeepsTheLastCharacters() {
        let redactor = Redactor(defaultOperator: .mask(keepingLast: 4))
        #expect(redactor.redact("IBAN DE89370400440532013000").text == "IBAN ******************3000")
        #expect(Redactor(defaultOperator: .mask(keepingLast: 0)).redact("Frau Öztürk").text == "Frau ******")
    }

    @Test func pseudonymsLinkOnePersonAcrossNotes() throws {
        let pseudonymizer = try Pseudonymizer(key: PseudonymKey(bytes: Array(0..<32)))
        let redactor = Redactor(defaultOperator: .pseudonymize(pseudonymizer))
        let first = redactor.redact("Herr Yilmaz kam.").text
        let second = redactor.redact("Termin mit Herrn Yilmaz verschoben.").text
        let token = pseudonymizer.token(for: "Yilmaz")
        #expect(first == "Herr \(token) kam.")
        #expect(second == "Termin mit Herrn \(token) verschoben.")
        // Spellings of one number share a token.
        #expect(redactor.redact("DE89 3704 0044 0532 0130 00").text == redactor.redact("DE89370400440532013000").text)
    }

    @Test func perKindOperators() {
        let redactor = Redactor(operators: [.phone: .mask(keepingLast: 2)], language: .english)
        #expect(redactor.redact("Frau Yılmaz: 0151 23456789").text == "Frau [NAME]: ***********89")
    }

    @Test func badUTF8IsAnErrorNamingLineAndColumn() {
        let bytes = Array("Zeile eins\nZweite Zeile ä".utf8) + [0xC3, 0x28] + Array(" Ende".utf8)
        #expect(throws: RedactionError.invalidUTF8(source: "notes.txt", line: 2, column: 15)) {
            try Redactor().redact(fileBytes: bytes, source: "notes.txt")
        }
    }
}

@Suite("pseudonym length")
struct PseudonymLengthTests {
    @Test("the length keeps the birthday bound below one in a million", arguments: [1, 3_000, 200_000, 1_000_000, 50_000_000])
    func birthdayBound(values: Int) {
        let length = Pseudonymizer.length(forDistinctValues: values)
        let n = Double(values)
        #expect(n * n / (2 * pow(16, Double(length))) <= 1e-6)
        #expect(length == 8 || n * n / (2 * pow(16, Double(length - 1))) > 1e-6, "the shortest such length")
    }
}
