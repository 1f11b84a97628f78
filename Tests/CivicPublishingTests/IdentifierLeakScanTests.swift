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

    /// A scan of many values finds what the scans of each value alone find together,
    /// in whatever order the values come and however often: also where a value
    /// equals, in lowercase, a part of a name seen before.
    @Test func manyValuesFindWhatEachFindsAlone() {
        let values = ["Anna-Lena Koch", "koch", "LENA", "Meyer-Koch", "Anna Meyer-Koch", "MEYER", "K-0000042",
                      "anna-lena koch", "Lena Berg", "Berg", "...", "Emre Yıldız", "YILDIZ"]
        let texts = ["Anna-Lena Koch und Frau Meyer-Koch", "lena berg rief an", "berg und meyer", "Akte k-0000042",
                     "Emre yildiz, Emre Yıldız", "koch lena", "...", "anna meyer-koch"]
        let alone = values.map { IdentifierLeakScan([$0]) }
        for order in [values, values.reversed(), values + values.sorted()] {
            let scan = IdentifierLeakScan(order)
            for text in texts {
                let expected = alone.reduce(into: Set<String>()) { $0.formUnion($1.secrets(in: text)) }
                #expect(scan.secrets(in: text) == expected, "\(text)")
            }
        }
    }
}
