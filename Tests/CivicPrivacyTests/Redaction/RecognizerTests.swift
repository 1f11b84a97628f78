import CivicModels
import CivicPrivacy
import Testing

/// What the standard detector finds in `text`: each finding's kind and text.
private func found(_ text: String, detector: PIIDetector = PIIDetector()) -> [(PIIKind, String)] {
    let bytes = Array(text.utf8)
    return detector.findings(in: text).map { ($0.kind, String(decoding: bytes[$0.range], as: UTF8.self)) }
}

/// Whether the standard detector finds exactly `value`, as `kind`, inside `text`.
private func finds(_ kind: PIIKind, _ value: String, in text: String) -> Bool {
    found(text).contains { $0.0 == kind && $0.1 == value }
}

/// Whether the standard detector reports anything of `kind` in `text`.
private func findsAny(_ kind: PIIKind, in text: String) -> Bool {
    found(text).contains { $0.0 == kind }
}

@Suite("PII recognisers")
struct RecognizerTests {
    @Test("e-mail addresses", arguments: [
        "Kontakt: anna.schmidt@example.org.", "mail to ayse_k+beratung@beispiel-verein.de today",
    ])
    func emails(text: String) {
        let expected = text.contains("anna") ? "anna.schmidt@example.org" : "ayse_k+beratung@beispiel-verein.de"
        #expect(finds(.email, expected, in: text))
    }

    @Test("not e-mail addresses", arguments: ["Treffen @ Café", "user@localhost", "a@b.c"])
    func notEmails(text: String) {
        #expect(!findsAny(.email, in: text))
    }

    @Test("German and international phone numbers", arguments: [
        "0151 23456789", "030/1234567", "+49 30 1234567", "+4915123456789", "(030) 123 45 67", "0049 30 12345678",
        "030 / 123 456 78", "0176-12345678",
    ])
    func phones(number: String) {
        #expect(finds(.phone, number, in: "Rückruf unter \(number) bitte."))
        #expect(finds(.phone, number, in: "\(number)"))
    }

    @Test("amounts, dates and file numbers are not phones", arguments: [
        "Mietschuld 1.250,00 Euro", "Termin am 12.03.2024", "Aktenzeichen 2024/117", "Raum 0.12",
        "Betrag 100 000", "um 14:30 Uhr", "Version 0.9.1", "Schulden 012",
    ])
    func notPhones(text: String) {
        #expect(!findsAny(.phone, in: text))
    }

    @Test("IBANs with valid check digits", arguments: [
        "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32", "AT611904300234573201",
    ])
    func ibans(iban: String) {
        #expect(finds(.iban, iban, in: "Konto \(iban) für die Rate."))
    }

    @Test("IBANs with wrong check digits are not reported", arguments: [
        "DE89 3704 0044 0532 0130 01", "DE88370400440532013000", "GB82 WEST 1234 5698 7654 33",
    ])
    func invalidIBANs(iban: String) {
        #expect(!findsAny(.iban, in: "Konto \(iban) für die Rate."))
        #expect(!findsAny(.creditCard, in: "Konto \(iban) für die Rate."))
    }

    @Test("card numbers passing Luhn", arguments: ["4111 1111 1111 1111", "5500000000000004", "3782 822463 10005", "4111-1111-1111-1111"])
    func cards(number: String) {
        #expect(finds(.creditCard, number, in: "Karte \(number) gesperrt"))
    }

    @Test("card numbers failing Luhn or grouped wrongly", arguments: ["4111 1111 1111 1112", "5500000000000005", "41 1111 1111 1111 11"])
    func invalidCards(number: String) {
        #expect(!findsAny(.creditCard, in: "Karte \(number) gesperrt"))
    }

    @Test("German tax IDs with valid check digit")
    func taxIDs() {
        #expect(finds(.taxID, "12345678995", in: "Steuer-ID 12345678995"))
        #expect(finds(.taxID, "12 345 678 995", in: "IdNr. 12 345 678 995 liegt vor"))
    }

    @Test("tax ID candidates with a wrong check digit, a leading 0 or no repeated digit")
    func invalidTaxIDs() {
        #expect(!findsAny(.taxID, in: "Steuer-ID 12345678990"))
        #expect(!findsAny(.taxID, in: "Nummer 02345678995"))
        #expect(!findsAny(.taxID, in: "Nummer 12345678904"))  // no digit repeated
    }

    @Test("German social insurance numbers")
    func socialInsuranceNumbers() {
        #expect(finds(.socialInsuranceNumber, "10010490A443", in: "SV-Nr. 10010490A443"))
        #expect(finds(.socialInsuranceNumber, "10 010490 A 44 3", in: "RV-Nummer 10 010490 A 44 3."))
        #expect(!findsAny(.socialInsuranceNumber, in: "SV-Nr. 10010490A444"))   // wrong check digit
        #expect(!findsAny(.socialInsuranceNumber, in: "SV-Nr. 10013290A443"))   // day 32
    }

    @Test("IP addresses")
    func ipAddresses() {
        #expect(finds(.ipAddress, "192.168.10.4", in: "Zugriff von 192.168.10.4 gesperrt"))
        #expect(finds(.ipAddress, "2001:db8::8a2e:370:7334", in: "IPv6 2001:db8::8a2e:370:7334."))
        #expect(finds(.ipAddress, "fe80::1", in: "link fe80::1 up"))
        #expect(!findsAny(.ipAddress, in: "um 14:30:00 Uhr"))
        #expect(!findsAny(.ipAddress, in: "Version 1.2.3 und 256.1.1.1"))
        #expect(!findsAny(.ipAddress, in: "Kapitel 1.2.3.4.5"))
    }

    @Test("URLs")
    func urls() {
        #expect(finds(.url, "https://example.org/profil?id=42", in: "Profil: https://example.org/profil?id=42."))
        #expect(finds(.url, "www.beispiel.de/ayse", in: "siehe www.beispiel.de/ayse, Seite 2"))
        #expect(!findsAny(.url, in: "siehe example.org"))
    }

    @Test("dates in German and ISO form, valid days only")
    func dates() {
        #expect(finds(.date, "14.03.1985", in: "geb. 14.03.1985 in Izmir"))
        #expect(finds(.date, "4.3.1985", in: "born 4.3.1985"))
        #expect(finds(.date, "1985-03-14", in: "DOB 1985-03-14"))
        #expect(!findsAny(.date, in: "am 31.02.2020"))
        #expect(!findsAny(.date, in: "Rate 12.50 Euro"))
        #expect(!findsAny(.date, in: "Version 1985-13-01"))
    }

    @Test("postal addresses")
    func addresses() {
        #expect(finds(.address, "Hauptstraße 12, 10115 Berlin", in: "wohnt Hauptstraße 12, 10115 Berlin seit Mai"))
        #expect(finds(.address, "Karl-Marx-Allee 3a", in: "Umzug in die Karl-Marx-Allee 3a."))
        #expect(finds(.address, "Berliner Str. 7", in: "Büro Berliner Str. 7 geschlossen"))
        #expect(finds(.address, "60311 Frankfurt am Main", in: "zieht nach 60311 Frankfurt am Main."))
        #expect(finds(.address, "221B Baker Street", in: "lives at 221B Baker Street now"))
        #expect(!findsAny(.address, in: "landete auf Platz 2 der Warteliste"))
        #expect(!findsAny(.address, in: "Schulden von 12500 Euro"))
        #expect(!findsAny(.address, in: "Der Weg 3 Kilometer lang"))
    }

    @Test("names after titles and labels, the title kept")
    func namesWithContext() {
        #expect(finds(.name, "Yılmaz", in: "Frau Yılmaz kam pünktlich."))
        #expect(finds(.name, "Nowak", in: "Gespräch mit Herrn Dr. Nowak."))
        #expect(finds(.name, "Olena Shevchenko", in: "Name: Olena Shevchenko"))
        #expect(finds(.name, "Wexford", in: "Mr Wexford called."))      // not in any list
        #expect(finds(.name, "Koch", in: "Familie Koch zieht um."))      // ambiguous, but after a title
    }

    @Test("names from the lists")
    func namesFromLists() {
        #expect(finds(.name, "Mehmet Öztürk", in: "Mehmet Öztürk bringt die Unterlagen."))
        #expect(finds(.name, "Öztürk", in: "Unterlagen von Öztürk fehlen."))
        #expect(finds(.name, "Nguyen Thi Lan", in: "Gespräch mit Nguyen Thi Lan."))
    }

    @Test("ordinary words that are also names are left alone")
    func ambiguousWords() {
        #expect(!findsAny(.name, in: "Der Koch der Kita ist krank."))
        #expect(!findsAny(.name, in: "Termin im Mai verschoben."))
        #expect(!findsAny(.name, in: "Die Frau des Klienten kam mit."))
    }

    @Test("an organisation's own names and allow-list")
    func organisationLists() {
        let detector = PIIDetector(recognizers: PIIDetector.standardRecognizers(
            additionalNames: ["Quaglierini"], allowList: ["Anna"]))
        #expect(found("Quaglierini kam.", detector: detector).contains { $0.0 == .name && $0.1 == "Quaglierini" })
        #expect(!found("Anna-Stift hilft.", detector: detector).contains { $0.0 == .name })
        #expect(!found("Anna hilft.", detector: detector).contains { $0.0 == .name })
    }

    @Test("overlaps: the valid IBAN wins over the phone-like digits inside it")
    func overlaps() {
        let kinds = found("Konto DE89 3704 0044 0532 0130 00.").map(\.0)
        #expect(kinds == [.iban])
    }
}

@Suite("deny list")
struct DenyListRecognizerTests {
    @Test("the parts of listed names are found as whole words in any case, even when they are also words")
    func namePartsAsWords() {
        let detector = PIIDetector(recognizers: [DenyListRecognizer(names: ["Anna Koch", "Minh Vu", "J. Lange"])])
        let redactor = Redactor(detector: detector, language: .german)
        #expect(redactor.redact("Person Koch bringt die Unterlagen.").text == "Person [NAME] bringt die Unterlagen.")
        #expect(redactor.redact("VU rief an, KOCH nicht.").text == "[NAME] rief an, [NAME] nicht.")
        #expect(redactor.redact("Das dauert lange.").text == "Das dauert [NAME].", "the safe direction: over-redaction")
        #expect(redactor.redact("Kochkurs und Vuong").text == "Kochkurs und Vuong", "whole words only")
        #expect(redactor.redact("J. war da").text == "J. war da", "one-letter parts are not listed")
    }

    @Test("names beyond ASCII are found in any case and in either spelling of an accent")
    func namesBeyondASCII() {
        // Listed precomposed (Ö, ğ), found in capitals and with combining marks, and the other way round.
        let detector = PIIDetector(recognizers: [DenyListRecognizer(names: ["Jörg Doğan", "Rene\u{301}e Ågren"])])
        let redactor = Redactor(detector: detector, language: .german)
        #expect(redactor.redact("JÖRG und DOĞAN kamen").text == "[NAME] und [NAME] kamen")
        #expect(redactor.redact("Jo\u{308}rg rief an").text == "[NAME] rief an")
        #expect(redactor.redact("Renée und ågren").text == "[NAME] und [NAME]")
        #expect(redactor.redact("Jorg und Dogan").text == "Jorg und Dogan", "a letter without its accent is another letter")
    }
}
