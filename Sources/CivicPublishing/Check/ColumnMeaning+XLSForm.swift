import CivicModels
import CivicStorage

extension ColumnMeaning {
    /// What a question of the survey form says its column holds: from its type (a
    /// `geopoint` is a GPS position, `deviceid` the phone's number, a `date` an
    /// event's or, labelled so, a birth date), else from its labels in German and
    /// English and its name, as the vocabulary reads a column's name. A select
    /// question's codes are categories, so it is never a name, an address or free
    /// text; nor is a number. `nil` when the form says nothing about people.
    ///
    /// ```swift
    /// // text question `q7`, labelled "Name der Klientin": .personName
    /// ```
    public static func fromQuestion(_ question: XLSForm.Question) -> ColumnMeaning? {
        let said = fromLabels(question)
        switch question.type {
        case .geo: return .coordinates
        case .metadata(let word): return fromName(word)
        case .note: return nil
        case .date, .dateTime: return said == .birthDate || said == .age ? .birthDate : .eventDate
        case .selectOne, .selectMultiple:
            return [.personName, .address, .freeText, .contact, .accountNumber, .identityDocument, .personKey, .recordKey]
                .contains(said) ? nil : said
        case .integer, .decimal:
            return [.personName, .address, .freeText].contains(said) ? nil : said
        case .text, .calculate, .other:
            return said
        }
    }

    /// The meaning the question's labels (German first, then English, then any)
    /// and its name point to.
    static func fromLabels(_ question: XLSForm.Question) -> ColumnMeaning? {
        let labels = [question.label(in: .german), question.label(in: .english)].compactMap { $0 }
            + question.labels.values.sorted()
        for label in labels {
            if let meaning = fromLabel(label) { return meaning }
        }
        return fromName(question.name)
    }

    /// The meaning a question's label points to. A label speaks to the respondent
    /// ("What is your name?", "Wie heißen Sie?"), so a name asked of "you" is a
    /// person's name even without the words a column would have (`Klientin`).
    static func fromLabel(_ label: String) -> ColumnMeaning? {
        let words = nameWords(label)
        let addressed = words.contains { ["your", "you", "ihr", "ihre", "ihren", "ihres", "dein", "deine", "deinen",
                                          "respondent", "befragten", "heissen", "heisst"].contains($0) }
        if addressed && words.contains(where: { ["name", "heissen", "heisst", "vorname", "nachname"].contains($0) }) {
            return .personName
        }
        return fromName(label)
    }
}
