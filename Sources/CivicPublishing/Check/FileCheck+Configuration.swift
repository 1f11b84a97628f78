import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

extension FileCheck {
    /// A hierarchy for the quasi-identifier `guess`, proposed from its values:
    /// ages in 5, 10 and 20 years, other whole numbers in nested bands of nice widths
    /// from their range, birth dates by month and year, other dates by month, quarter and
    /// year, postcodes masked digit by digit, anything else kept or `*`.
    static func proposedHierarchy(for guess: ColumnGuess, in table: Table)
        -> AnonymizationConfiguration.HierarchySpecification {
        guard let column = table.column(named: guess.column) else { return .levels(1) }
        if guess.meaning == .postcode {
            // Postcodes are codes, also when they were read as numbers: masked from the right.
            let longest = (0..<column.count).map { column.value(at: $0).description.count }.max() ?? 5
            return .mask(max(longest, 1))
        }
        switch column.type {
        case .date:
            return guess.meaning == .birthDate ? .dates([.month, .year]) : .dates([.month, .quarter, .year])
        case .integer:
            if guess.meaning == .age { return .intervals([5, 10, 20]) }
            let values = (0..<column.count).compactMap { column.doubleValue(at: $0) }
            guard let low = values.min(), let high = values.max(), high > low else { return .levels(1) }
            // Each width a multiple of the one before, as nested bands must be.
            let step = max(1, Int(NiceNumber.near((high - low) / 10)))
            return step == 1 ? .intervals([2, 4]) : .intervals([step, 2 * step, 4 * step])
        default:
            return .levels(1)
        }
    }

    /// A complete civic-publish configuration (`publish.yaml`) with every column
    /// classified by the guesses, hierarchies proposed from the values, and a
    /// comment on each line that says how sure the guess is and why, in `language`.
    /// Ready to review, then to run with `civic-publish --config`.
    public func configurationYAML(for table: Table, in language: Language, created: Date = Date()) -> String {
        let l = language
        var yaml = l.pick(
            de: """
            # civic-publish-Einstellungen für \(fileName), vorgeschlagen von civic-check am \(l.date(CivicDate(created)))
            # (CivicDataKit \(CivicDataKitVersion.current)). Jede Rolle ist eine Vermutung; der Kommentar sagt, wie
            # sicher und warum. Prüfen Sie jede Zeile, besonders die mit „unsicher“, dann:
            #   civic-publish --input \(fileName) --config publish.yaml

            """,
            en: """
            # civic-publish settings for \(fileName), proposed by civic-check on \(l.date(CivicDate(created)))
            # (CivicDataKit \(CivicDataKitVersion.current)). Every role is a guess; the comment says how sure and
            # why. Check every line, above all those marked "unsure", then:
            #   civic-publish --input \(fileName) --config publish.yaml

            """)
        yaml += "title: \(Self.quoted(l.pick(de: "\(fileName) (anonymisiert)", en: "\(fileName) (anonymised)")))\n"
        if let personColumn {
            yaml += "privacy-unit: \(Self.quoted(personColumn))"
                + l.pick(de: "   # die Spalte, die eine Person kennzeichnet; `row`, wenn jede Zeile eine andere Person ist\n",
                         en: "   # the column that identifies a person; `row` if every row is a different person\n")
        } else {
            yaml += "privacy-unit: row"
                + l.pick(de: "   # keine Personenspalte gefunden: jede Zeile gilt als eigene Person; sonst hier die Spalte nennen\n",
                         en: "   # no person column found: every row counts as a person; otherwise name the column here\n")
        }
        yaml += "attributes:\n"
        for guess in guesses {
            for column in exportColumns(of: guess) {
                var comment = "   # \(guess.confidence.name(in: l)): "
                    + (guess.reasons.map { $0.text(in: l) }.joined(separator: "; "))
                if column != guess.column {
                    comment = l.pick(de: "   # eine Auswahl der Mehrfachauswahl \(guess.column), eingestuft wie diese; ",
                                     en: "   # one choice of the select_multiple \(guess.column), classified as it; ")
                        + comment.dropFirst(5)
                }
                if guess.role == .quasiIdentifier {
                    let hierarchy = column == guess.column ? Self.proposedHierarchy(for: guess, in: table) : .levels(1)
                    yaml += "  \(Self.quoted(column)):\(comment)\n"
                    yaml += "    role: quasi-identifier\n"
                    yaml += "    hierarchy: \(Self.flowYAML(hierarchy))\n"
                } else {
                    yaml += "  \(Self.quoted(column)): \(guess.role.rawValue)\(comment)\n"
                }
            }
        }
        let sensitive = guesses.first { $0.role == .sensitive }?.column
        yaml += "privacy:\n  k: 5" + l.pick(de: "                      # jede Gruppe mindestens 5 Personen\n",
                                            en: "                      # every group holds at least 5 people\n")
        yaml += "  suppression-limit: 0.05" + l.pick(de: "    # höchstens 5 % der Zeilen dürfen wegfallen\n",
                                                    en: "    # at most 5 % of rows may be left out\n")
        if let sensitive {
            yaml += "  l-diversity: {variant: distinct, l: 2, attribute: \(Self.quoted(sensitive))}"
                + l.pick(de: "   # jede Gruppe mit mindestens 2 verschiedenen Werten\n",
                         en: "   # every group with at least 2 different values\n")
        }
        yaml += "recoding: local" + l.pick(de: "   # Zeile für Zeile vergröbern, nur so weit wie nötig\n",
                                            en: "   # generalise row by row, only as far as needed\n")
        return yaml
    }

    /// The settings of ``configurationYAML(for:in:created:)``, as a value.
    public func proposedSettings(for table: Table) -> PublicationSettings {
        settings(for: table, roles: [:])
    }

    /// The proposed settings with a person's corrections: `roles` replaces the
    /// guessed role of the columns it names, `k` the proposed 5, `l` the proposed 2,
    /// `privacyUnit` the person column found (a column's name, or `row`). A column that
    /// becomes a quasi-identifier gets the hierarchy proposed from its values; distinct
    /// l-diversity protects the first sensitive column (none without one), as in the proposal.
    ///
    /// ```swift
    /// let settings = check.settings(for: table, roles: ["district": .insensitive], k: 10)
    /// let result = try Publication(settings: settings).run(table, inputName: "export.csv")
    /// ```
    ///
    /// Columns `roles` names that the table lacks are ignored; the publication then
    /// checks the settings as it checks every settings.
    public func settings(for table: Table, roles: [String: AttributeRole], k: Int = 5, l: Int = 2, privacyUnit: String? = nil)
        -> PublicationSettings {
        var attributes: [String: AnonymizationConfiguration.Attribute] = [:]
        var sensitive: String?
        for guess in guesses {
            let role = roles[guess.column] ?? guess.role
            for column in exportColumns(of: guess) {
                let hierarchy = column == guess.column ? Self.proposedHierarchy(for: guess, in: table) : .levels(1)
                attributes[column] = role == .quasiIdentifier ? .init(role: .quasiIdentifier, hierarchy: hierarchy) : .init(role: role)
            }
            if role == .sensitive && sensitive == nil { sensitive = guess.column }
        }
        return PublicationSettings(
            attributes: attributes,
            privacy: .init(k: k, lDiversity: sensitive.map { .init(variant: .distinct, l: Double(l), attribute: $0) }, suppressionLimit: 0.05),
            recoding: .local, privacyUnit: privacyUnit ?? personColumn ?? AnonymizationConfiguration.rowsArePersons)
    }

    /// The columns of the export that `guess` stands for: its own, or those of a
    /// `select_multiple` question judged as one (its whole column and its split
    /// columns, each with the question's role).
    func exportColumns(of guess: ColumnGuess) -> [String] {
        guard let question = selectMultiple.first(where: { $0.column == guess.column }) else { return [guess.column] }
        return question.allColumns
    }

    /// A YAML scalar: as it is when plain, else in double quotes.
    static func quoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            && !(text.first!.isNumber || text.first == "-")
            && !["true", "false", "yes", "no", "null", "on", "off", "y", "n"].contains(text.lowercased())
        guard !plain else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A hierarchy in YAML flow style (`{intervals: [5, 10, 20]}`).
    static func flowYAML(_ hierarchy: AnonymizationConfiguration.HierarchySpecification) -> String {
        switch hierarchy {
        case .file(let path): "{file: \(quoted(path))}"
        case .mask(let n): "{mask: \(n)}"
        case .levels(let n): "{levels: \(n)}"
        case .intervals(let widths): "{intervals: [\(widths.map(String.init).joined(separator: ", "))]}"
        case .dates(let units): "{dates: [\(units.map(\.rawValue).joined(separator: ", "))]}"
        case .groups(let maps):
            "{groups: [" + maps.map { map in
                "{" + map.sorted { $0.key < $1.key }.map { "\(quoted($0.key)): \(quoted($0.value))" }.joined(separator: ", ") + "}"
            }.joined(separator: ", ") + "]}"
        }
    }
}
