import CivicModels
import Testing

@Suite struct LanguageTests {
    @Test func flagWinsOverEnvironment() {
        #expect(Language.resolve(flag: "de", environment: ["LANG": "en_US.UTF-8"]) == .german)
        #expect(Language.resolve(flag: "en", environment: ["LANG": "de_DE.UTF-8"]) == .english)
    }

    @Test func environmentDecidesWithoutFlag() {
        #expect(Language.resolve(environment: ["LANG": "de_DE.UTF-8"]) == .german)
        #expect(Language.resolve(environment: ["LC_ALL": "de_AT", "LANG": "en_GB"]) == .german)
        #expect(Language.resolve(environment: ["LANG": "fr_FR.UTF-8"]) == .english)
        #expect(Language.resolve(environment: [:]) == .english)
    }

    @Test func errorsSpeakBothLanguages() {
        let error = TableError.unknownField("alter")
        #expect(error.message(in: .german).contains("keine Spalte"))
        #expect(error.message(in: .english).contains("no column"))
    }
}
