#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Postal addresses: a street with house number (`Hauptstraße 12`, `Karl-Marx-Allee 3a`,
/// `Berliner Str. 7`, `221B Baker Street`), optionally followed by postcode and city
/// (`, 10115 Berlin`), and a postcode with city on its own (`12047 Berlin`).
public struct PostalAddressRecognizer: PIIRecognizer {
    /// Endings of German street names, matched at the end of a word.
    static let germanStreetEndings: [StaticString] = [
        "straße", "strasse", "str.", "Straße", "Strasse", "Str.", "weg", "Weg", "allee", "Allee", "platz", "Platz",
        "gasse", "Gasse", "ring", "Ring", "damm", "Damm", "ufer", "Ufer", "chaussee", "Chaussee", "pfad", "steig",
        "markt", "Markt", "zeile", "Zeile", "promenade", "Promenade",
    ]
    /// English street words, matched as whole words after the street name.
    static let englishStreetWords: [StaticString] = ["Street", "Road", "Avenue", "Lane", "Drive", "Close", "Way"]
    /// Capitalised words that follow a five-digit number without being a city.
    static let notCities: Set<String> = [
        "Euro", "EUR", "Stunden", "Tage", "Jahre", "Monate", "Personen", "Mitglieder", "Kinder", "Fälle",
        "Exemplare", "Stück", "Kilometer", "Meter", "Einwohner", "Haushalte",
    ]
    /// Capitalised words before "Weg" or "Platz" that make it an ordinary noun.
    static let articles: Set<String> = ["Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einen", "Am", "Im",
                                        "Auf", "In", "Zum", "Zur", "Vom", "The", "A"]
    private static let context = ContextWords(["wohnt", "wohnhaft", "adresse", "anschrift", "plz", "address", "lives", "umzug"])

    /// A recogniser of postal addresses.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        var streets: [Range<Int>] = []
        // A German street ends just before " <house number>": look for that, then at the
        // word before it (one pass, instead of one search per ending).
        var position = 1
        while position + 1 < text.count {
            defer { position += 1 }
            guard text[position] == UInt8(ascii: " "), ByteClass.isDigit(text[position + 1]) else { continue }
            let hasEnding = Self.germanStreetEndings.contains { ending in
                let length = ending.utf8CodeUnitCount
                return position >= length && memcmp(text.bytes.baseAddress! + position - length, ending.utf8Start, length) == 0
            }
            if hasEnding, let street = germanStreet(in: text, endingAt: position) { streets.append(street) }
        }
        for word in Self.englishStreetWords {
            for hit in text.occurrences(of: word) {
                if let street = englishStreet(in: text, wordAt: hit, wordEnd: hit + word.utf8CodeUnitCount) {
                    streets.append(street)
                }
            }
        }
        for phrase in Self.addressIntroductions {
            for hit in text.occurrences(of: phrase) {
                if let street = streetAfterIntroduction(in: text, at: hit + phrase.utf8CodeUnitCount) { streets.append(street) }
            }
        }
        var covered = 0
        for street in streets.sorted(by: { $0.lowerBound < $1.lowerBound }) where street.lowerBound >= covered {
            let end = postcodeAndCityEnd(in: text, after: street.upperBound) ?? street.upperBound
            findings.append(PIIFinding(kind: .address, range: street.lowerBound..<end, confidence: 0.9))
            covered = end
        }
        recognizeLonePostcodes(in: text, into: &findings)
    }

    /// A German street ending at `endingEnd`, then a house number: the range from the
    /// street name's first letter to the end of the number.
    private func germanStreet(in text: TextView, endingAt endingEnd: Int) -> Range<Int>? {
        let abbreviated = text[endingEnd - 1] == UInt8(ascii: ".")
        guard abbreviated || !text.isWordCharacter(at: endingEnd) else { return nil }
        // The word holding the ending, hyphens included ("Karl-Marx-Allee").
        var start = endingEnd - (abbreviated ? 1 : 0)
        while start > 0 && (text.isWordCharacter(before: start) || text[start - 1] == UInt8(ascii: "-")) { start -= 1 }
        while start < endingEnd && text[start] & 0xC0 == 0x80 { start += 1 }
        guard ByteClass.isUppercase(text[start]) || text[start] >= 0xC3 else { return nil }
        // A lone "Straße", "Weg" or "Platz" needs the capitalised word before it
        // ("Berliner Straße"); otherwise "auf Platz 2" would be an address.
        let isLoneEnding = Self.germanStreetEndings.contains { ending in
            ending.utf8CodeUnitCount == endingEnd - start
                && (0..<ending.utf8CodeUnitCount).allSatisfy { ending.utf8Start[$0] == text[start + $0] }
        }
        if isLoneEnding {
            guard text[start - 1] == UInt8(ascii: " "),
                  let previous = capitalisedWordStart(in: text, endingAt: start - 1),
                  !Self.articles.contains(text.string(previous..<start - 1)) else { return nil }
            start = previous
        }
        guard let numberEnd = houseNumberEnd(in: text, from: endingEnd) else { return nil }
        return start..<numberEnd
    }

    /// Phrases after which a street without a telling ending may follow ("wohnt
    /// Hasenheide 12", "Anschrift: Am Tempelhofer Berg 3").
    static let addressIntroductions: [StaticString] = [
        "wohnt ", "wohnhaft ", "Anschrift: ", "Adresse: ", "lives at ", "living at ", "address: ", "Address: ",
    ]

    /// One to four capitalised words and a house number at `start`: the street's range.
    private func streetAfterIntroduction(in text: TextView, at start: Int) -> Range<Int>? {
        guard ByteClass.isUppercase(text[start]) || text[start] >= 0xC3 else { return nil }
        var position = start
        for _ in 0..<4 {
            guard ByteClass.isUppercase(text[position]) || text[position] >= 0xC3 else { return nil }
            while text.isWordCharacter(at: position) || (text[position] == UInt8(ascii: "-") && text.isWordCharacter(at: position + 1)) {
                position += text.scalar(at: position)?.length ?? 1
            }
            if let end = houseNumberEnd(in: text, from: position) { return start..<end }
            guard text[position] == UInt8(ascii: " ") else { return nil }
            position += 1
        }
        return nil
    }

    /// The start of "Hasenheide 97" or "Am Tempelhofer Berg 58" just before a postcode
    /// at `postcode` (separated by ", " or " "): capitalised words and a house number.
    private func streetStart(beforePostcodeAt postcode: Int, in text: TextView) -> Int? {
        var cursor = postcode - 1
        guard text[cursor] == UInt8(ascii: " ") else { return nil }
        if text[cursor - 1] == UInt8(ascii: ",") { cursor -= 1 }
        if ByteClass.isLetter(text[cursor - 1]) && ByteClass.isDigit(text[cursor - 2]) { cursor -= 1 }   // "64b"
        guard ByteClass.isDigit(text[cursor - 1]) else { return nil }
        while ByteClass.isDigit(text[cursor - 1]) { cursor -= 1 }
        guard text[cursor - 1] == UInt8(ascii: " ") else { return nil }
        var start: Int?
        var wordEnd = cursor - 1
        for _ in 0..<4 {
            guard let wordStart = capitalisedWordStart(in: text, endingAt: wordEnd) else { break }
            start = wordStart
            guard text[wordStart - 1] == UInt8(ascii: " ") else { break }
            wordEnd = wordStart - 1
        }
        return start
    }

    /// "221B Baker Street": a house number, one or two capitalised words, the street word.
    private func englishStreet(in text: TextView, wordAt wordStart: Int, wordEnd: Int) -> Range<Int>? {
        guard !text.isWordCharacter(at: wordEnd), text[wordStart - 1] == UInt8(ascii: " ") else { return nil }
        var start = wordStart - 1
        for _ in 0..<2 {
            guard let previous = capitalisedWordStart(in: text, endingAt: start) else { break }
            start = previous - 1
            if ByteClass.isDigit(text[start - 1]) { break }
        }
        guard text[start] == UInt8(ascii: " ") else { return nil }
        var numberStart = start
        if ByteClass.isLetter(text[numberStart - 1]) { numberStart -= 1 }   // "221B"
        guard ByteClass.isDigit(text[numberStart - 1]) else { return nil }
        while ByteClass.isDigit(text[numberStart - 1]) { numberStart -= 1 }
        guard !text.isWordCharacter(before: numberStart), start - numberStart <= 5 else { return nil }
        return numberStart..<wordEnd
    }

    /// The start of a capitalised word that ends at `end`, if there is one.
    private func capitalisedWordStart(in text: TextView, endingAt end: Int) -> Int? {
        var start = end
        while start > 0 && (text.isWordCharacter(before: start) || text[start - 1] == UInt8(ascii: "-")) { start -= 1 }
        guard start < end, ByteClass.isUppercase(text[start]) else { return nil }
        return start
    }

    /// " 12", " 12a", " 12-14" after a street; the end of the number.
    private func houseNumberEnd(in text: TextView, from position: Int) -> Int? {
        guard text[position] == UInt8(ascii: " "), ByteClass.isDigit(text[position + 1]) else { return nil }
        var end = position + 1
        while ByteClass.isDigit(text[end]) && end - position <= 4 { end += 1 }
        if text[end] == UInt8(ascii: "-") && ByteClass.isDigit(text[end + 1]) {
            end += 1
            while ByteClass.isDigit(text[end]) { end += 1 }
        }
        if ByteClass.isLetter(text[end]) && !text.isWordCharacter(at: end + 1) { end += 1 }
        guard !text.isWordCharacter(at: end), !ByteClass.isDigit(text[end]) else { return nil }
        return end
    }

    /// ", 10115 Berlin" or " 10115 Berlin" after a street: the end of the city.
    private func postcodeAndCityEnd(in text: TextView, after position: Int) -> Int? {
        var start = position
        if text[start] == UInt8(ascii: ",") { start += 1 }
        guard text[start] == UInt8(ascii: " ") else { return nil }
        return postcodeAndCityEnd(in: text, postcodeAt: start + 1)
    }

    /// "10115 Berlin", "60311 Frankfurt am Main": the end of the city, if a five-digit
    /// postcode and a capitalised city start at `start`.
    private func postcodeAndCityEnd(in text: TextView, postcodeAt start: Int) -> Int? {
        for offset in 0..<5 where !ByteClass.isDigit(text[start + offset]) { return nil }
        guard text[start + 5] == UInt8(ascii: " "), !ByteClass.isDigit(text[start - 1]) else { return nil }
        var end = start + 6
        guard ByteClass.isUppercase(text[end]) || text[end] >= 0xC3 else { return nil }
        let cityStart = end
        while text.isWordCharacter(at: end) || (text[end] == UInt8(ascii: "-") && text.isWordCharacter(at: end + 1)) {
            end += text.scalar(at: end)?.length ?? 1
        }
        guard !Self.notCities.contains(text.string(cityStart..<end)) else { return nil }
        // "am Main", "an der Oder", "(Oder)".
        for connector in [" am ", " an der ", " a. d. ", " im "] {
            let bytes = Array(connector.utf8)
            if (0..<bytes.count).allSatisfy({ text[end + $0] == bytes[$0] }), ByteClass.isUppercase(text[end + bytes.count]) {
                end += bytes.count
                while text.isWordCharacter(at: end) { end += text.scalar(at: end)?.length ?? 1 }
                break
            }
        }
        return end
    }

    /// "12047 Berlin" not after a street. Less certain: "12500 Euro" is excluded by
    /// a word list, but other counted things can look the same.
    private func recognizeLonePostcodes(in text: TextView, into findings: inout [PIIFinding]) {
        // Street addresses found so far, in text order; `next` is the first one not yet
        // left behind by the scan.
        let addresses = findings.filter { $0.kind == .address }.map(\.range)
        var next = 0
        text.forEachNumberStart { position in
            while next < addresses.count && addresses[next].upperBound <= position { next += 1 }
            guard let end = postcodeAndCityEnd(in: text, postcodeAt: position),
                  !(next < addresses.count && addresses[next].overlaps(position..<end)) else { return nil }
            let street = streetStart(beforePostcodeAt: position, in: text)
            let confidence = street != nil ? 0.85 : text.hasContext(Self.context, before: position) ? 0.9 : 0.7
            findings.append(PIIFinding(kind: .address, range: (street ?? position)..<end, confidence: confidence))
            return end
        }
    }
}
