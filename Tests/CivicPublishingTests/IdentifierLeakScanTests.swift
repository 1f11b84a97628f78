import CivicPublishing
import Testing

/// The identifier scan against its definition: whole values in any case, one to
/// three words of a value, and every name part of two letters or more; numbers
/// and case numbers only whole.
@Suite struct IdentifierLeakScanTests {
    let scan = IdentifierLeakScan(["Anna-Lena Koch", "F-2023-0000001", "Haus 12", "Emre Yıldız", "...", "A. Berg", "Anna-Lena Koch"])

    @Test func namePartsAndWholeValuesAreFound() {
        #expect(scan.secrets(in: "Gespräch mit LENA und Frau koch") == ["lena", "koch"])
        #expect(scan.secrets(in: "Anna-Lena Koch rief an") == ["anna-lena koch", "anna-lena", "koch"])
        #expect(scan.secrets(in: "Termin mit emre yıldız") == ["emre yıldız", "emre", "yıldız"])
        #expect(scan.secrets(in: "Herr Berg, Raum A") == ["berg"])
    }

    @Test func numbersCountOnlyWhole() {
        #expect(scan.secrets(in: "Akte f-2023-0000001 geschlossen") == ["f-2023-0000001"])
        #expect(scan.secrets(in: "Akte 2023 und 0000001").isEmpty)
        #expect(scan.secrets(in: "wohnt im Haus 12.") == ["haus 12"])
        #expect(scan.secrets(in: "Haus am See, 12 Zimmer").isEmpty)
    }

    @Test func punctuationAloneIsOnlyItself() {
        #expect(scan.secrets(in: "...") == ["..."])
        #expect(scan.secrets(in: "Na und...?").isEmpty)
        #expect(!IdentifierLeakScan([]).matches("Anna"))
    }
}
