import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// `civic-redact csv`: redacts free-text columns, pseudonymises identifier columns,
/// shifts date columns per person; every other column is copied unchanged.
struct RedactCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: appLanguage.pick(de: "Schwärzt Freitextspalten einer CSV-Datei und pseudonymisiert Kennungsspalten.",
                                   en: "Redacts free-text columns of a CSV file and pseudonymises identifier columns."),
        discussion: appLanguage.pick(
            de: """
                Die Ausgabe behält jede Zeile in ihrer Reihenfolge, das Trennzeichen der Eingabe und jede hier \
                nicht genannte Spalte unverändert. Sie wird in eine temporäre Datei geschrieben und am Ende an \
                ihren Platz verschoben.
                """,
            en: """
                The output keeps every row in order, the input's separator, and every column not named \
                here unchanged. It is written to a temporary file and moved into place at the end.
                """))

    @Option(help: .localized(de: "Die CSV-Datei.", en: "The CSV file."))
    var input: String

    @Option(help: .localized(de: "Freitextspalten, die geschwärzt werden, durch Kommas getrennt (z. B. notes,comment).",
                             en: "Free-text columns to redact, comma-separated (e.g. notes,comment)."))
    var columns: String = ""

    @Option(help: .localized(de: "Wohin die geschwärzte CSV-Datei geschrieben wird.", en: "Where to write the redacted CSV."))
    var output: String

    @Option(help: .localized(
        de: "Kennungsspalten, die durch Pseudonyme mit Schlüssel ersetzt werden, durch Kommas getrennt (braucht --key).",
        en: "Identifier columns to replace by keyed pseudonyms, comma-separated (needs --key)."))
    var pseudonymize: String = ""

    @Option(help: .localized(
        de: "Datumsspalten, die um einen geheimen Versatz je Person verschoben werden; die Person bestimmt die erste "
            + "--pseudonymize-Spalte.",
        en: "Date columns to shift by a secret per-person offset, keyed by the first --pseudonymize column."))
    var shiftDates: String = ""

    @Option(help: .localized(de: "Die größte Datumsverschiebung in Tagen, in beide Richtungen.",
                             en: "The largest date shift in days, either way."))
    var shiftDays = 30

    @Option(help: .localized(de: "Wohin der Bericht (JSON) geschrieben wird (Anzahlen je Art und Spalte, keine Werte).",
                             en: "Where to write the JSON report (counts per kind and column, no values)."))
    var report: String?

    @Flag(help: .localized(de: "Keine Fortschrittszeilen auf der Standardfehlerausgabe.",
                           en: "No progress lines on standard error."))
    var quiet = false

    @OptionGroup var options: RedactionOptions
    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
        if !list(pseudonymize).isEmpty && options.key == nil {
            throw ValidationError(de: "--pseudonymize braucht --key (anlegen mit `civic-redact keygen DATEI`)",
                                  en: "--pseudonymize needs --key (make one with `civic-redact keygen FILE`)")
        }
        if !list(shiftDates).isEmpty && list(pseudonymize).isEmpty {
            throw ValidationError(
                de: "--shift-dates braucht --pseudonymize: der Versatz gehört zu der Person, die diese Spalte bezeichnet",
                en: "--shift-dates needs --pseudonymize: the offset belongs to the person that column identifies")
        }
        if list(columns).isEmpty && list(pseudonymize).isEmpty {
            throw ValidationError(de: "Nennen Sie mindestens eine Spalte mit --columns oder --pseudonymize",
                                  en: "name at least one column with --columns or --pseudonymize")
        }
    }

    func run() throws {
        let language = languageOption.language
        do {
            try redact(language: language)
        } catch {
            throw failure(reporting: error, in: language)
        }
    }

    private func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func redact(language: Language) throws {
        let pseudonymizer = try options.pseudonymizer()
        let redactor = try options.redactor(language: language, pseudonymizer: pseudonymizer)
        let shifter = try list(shiftDates).isEmpty ? nil : DateShifter(pseudonymizer: pseudonymizer!, maximumDays: shiftDays)

        let reader = try CSVReader(url: URL(fileURLWithPath: input))
        guard let header = reader.header else {
            throw RedactionError.invalidOptions(language.pick(de: "\(input) braucht eine Kopfzeile.", en: "\(input) needs a header row."))
        }
        func indices(_ names: [String]) throws -> [(name: String, index: Int)] {
            try names.map { name in
                guard let index = header.firstIndex(of: name) else {
                    throw RedactionError.unknownColumn(source: input, column: name, available: header)
                }
                return (name, index)
            }
        }
        let textColumns = try indices(list(columns))
        let idColumns = try indices(list(pseudonymize))
        let dateColumns = try indices(list(shiftDates))
        if let overlap = Set(textColumns.map(\.name)).intersection(idColumns.map(\.name)).first {
            throw RedactionError.invalidOptions(language.pick(de: "„\(overlap)“ wird zugleich geschwärzt und pseudonymisiert.",
                                                              en: "'\(overlap)' is both redacted and pseudonymised"))
        }

        var dialect = reader.dialect
        dialect.writesByteOrderMark = false
        let outputs = AtomicFileSet()
        let writer = try CSVWriter(url: URL(fileURLWithPath: output), dialect: dialect, in: outputs)
        try writer.writeRecord(header)

        var counts = RedactionReport(input: input, operatorName: options.operatorName,
                                     minimumConfidence: options.minConfidence)
        var registers = [PseudonymRegister](repeating: PseudonymRegister(), count: idColumns.count)
        let dates = CSVValueParser()
        let started = ContinuousClock.now

        while let (line, fields) = try reader.nextRecord({ ($0.line, $0.strings) }) {
            var fields = fields
            for column in textColumns where !fields[column.index].isEmpty {
                let redaction = redactor.redact(fields[column.index])
                counts.count(redaction.findings, in: column.name)
                fields[column.index] = redaction.text
            }
            let person = idColumns.first.map { fields[$0.index] } ?? ""
            for column in dateColumns where !fields[column.index].isEmpty {
                let text = fields[column.index]
                let german = text.contains(".")
                guard let date = Array(text.utf8).withUnsafeBufferPointer({ dates.date($0, german: german) }) else {
                    throw RedactionError.notADate(source: input, line: line, column: column.name)
                }
                let shifted = shifter!.shift(date, forPersonWith: person)
                fields[column.index] = german ? shifted.germanString : shifted.isoString
            }
            for (position, column) in idColumns.enumerated() where !fields[column.index].isEmpty {
                let value = fields[column.index]
                let token = pseudonymizer!.token(for: value)
                try registers[position].record(token, for: value)
                fields[column.index] = token
            }
            try writer.writeRecord(fields)
            counts.rows += 1
            if !quiet && counts.rows % 100_000 == 0 {
                printError(language.pick(de: "… \(counts.rows) Zeilen (\(started.duration(to: .now)))",
                                         en: "… \(counts.rows) rows (\(started.duration(to: .now)))"))
            }
        }
        for (position, column) in idColumns.enumerated() { counts.pseudonymizedColumns[column.name] = registers[position].count }
        counts.shiftedDateColumns = dateColumns.map(\.name)
        counts.maximumShiftDays = shifter?.maximumDays

        try writer.finish()
        if let report { try writeReport(counts, to: report, in: outputs) }
        try outputs.commit()
        print(language.pick(de: "\(counts.rows) Zeilen nach \(output) geschrieben; ",
                            en: "Wrote \(counts.rows) rows to \(output); ") + findingsSummary(of: counts, language: language))
    }
}
