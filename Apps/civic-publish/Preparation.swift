import CivicModels
import CivicPrivacy
import Foundation

/// The roles of every column of the input: the configuration's where it says, the
/// defaults where they know the column.
///
/// - Throws: ``PublishError/unclassifiedColumns(_:)`` naming every column that has
///   neither (fail closed), or a configuration error for a role given to a column
///   the data lacks.
func classify(_ table: Table, configuration: PublishConfiguration) throws -> [(name: String, attribute: PublishAttribute)] {
    for name in configuration.attributes.keys.sorted() where table.column(named: name) == nil {
        throw ConfigurationError.unknownColumn(name)
    }
    var roles: [(String, PublishAttribute)] = []
    var unclassified: [String] = []
    for field in table.schema.fields {
        if let attribute = configuration.attributes[field.name] ?? CounsellingDefaults.attributes[field.name] {
            roles.append((field.name, attribute))
        } else {
            unclassified.append(field.name)
        }
    }
    guard unclassified.isEmpty else { throw PublishError.unclassifiedColumns(unclassified) }
    return roles
}

extension Table {
    /// This table with the named column's values replaced by `texts` (a string column).
    func replacingColumn(_ name: String, with texts: [String?], description: String) throws -> Table {
        var builder = ColumnBuilder(type: .string, capacity: rowCount)
        for text in texts {
            if let text { builder.append(text: text) } else { builder.appendMissing() }
        }
        var schema = schema
        let index = schema.index(of: name)!
        schema.fields[index].type = .string
        schema.fields[index].format = nil
        schema.fields[index].constraints = FieldConstraints()
        schema.fields[index].description = description
        var columns = columns
        columns[index] = builder.finish()
        return try Table(schema: schema, columns: columns)
    }

    /// The named column's values as text, `nil` where missing.
    func texts(of name: String) -> [String?] {
        let column = column(named: name)!
        return (0..<rowCount).map { row in
            let value = column.value(at: row)
            return value.isMissing ? nil : value.description
        }
    }
}

/// How many findings of each kind the redaction replaced, per column.
struct RedactionSummary {
    var findings: [String: [PIIKind: Int]] = [:]
    var total: Int { findings.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
}

/// Redacts the free-text columns. The names in the identifier columns join the
/// name lexicon, so a note that mentions its client by name loses the name even
/// if the built-in lists do not know it.
func redactFreeText(_ table: Table, columns: [String], identifiers: [String], language: Language) throws
    -> (table: Table, summary: RedactionSummary, detector: PIIDetector) {
    let names = identifiers.flatMap { table.texts(of: $0).compactMap { $0 } }
    let detector = PIIDetector(recognizers: PIIDetector.standardRecognizers(additionalNames: names))
    let redactor = Redactor(detector: detector, language: language)
    var result = table
    var summary = RedactionSummary()
    for name in columns {
        var counts: [PIIKind: Int] = [:]
        let redacted = table.texts(of: name).map { text -> String? in
            guard let text else { return nil }
            let redaction = redactor.redact(text)
            for finding in redaction.findings { counts[finding.kind, default: 0] += 1 }
            return redaction.text
        }
        summary.findings[name] = counts
        result = try result.replacingColumn(name, with: redacted, description: language.pick(
            de: "Freitext; Namen, Kontaktdaten, Kontonummern und andere persönliche Angaben sind durch Platzhalter ersetzt.",
            en: "Free text; names, contact details, account numbers and other personal details are replaced by placeholders."))
    }
    return (result, summary, detector)
}

/// Replaces identifier columns that must stay linkable by keyed pseudonyms.
func pseudonymize(_ table: Table, columns: [String], key: PseudonymKey, language: Language) throws -> Table {
    let pseudonymizer = try Pseudonymizer(key: key)
    var result = table
    for name in columns {
        let tokens = table.texts(of: name).map { $0.map(pseudonymizer.token(for:)) }
        result = try result.replacingColumn(name, with: tokens, description: language.pick(
            de: "Pseudonym (HMAC-SHA256 mit geheimem Schlüssel): gleiche Werte haben gleiche Pseudonyme, der Originalwert ist nicht enthalten.",
            en: "Pseudonym (HMAC-SHA256 under a secret key): equal values share a pseudonym; the original value is not included."))
    }
    return result
}
