import Foundation
import CivicModels
import CivicPrivacy

/// What a column of an unfamiliar export probably holds, guessed from its name
/// (German or English) or its values, and what that means for publishing it.
///
/// The vocabulary is deliberately small and readable: a newcomer can add the words
/// of their own exports here.
public enum ColumnMeaning: String, Sendable, CaseIterable {
    case personName, contact, accountNumber, identityDocument, address
    case personKey, recordKey
    case birthDate, age, postcode, place, coordinates, gender, nationality, household, occupation, eventDate
    case freeText, sensitiveTopic
    /// A survey's sampling weight (`weight`, `Gewicht`, `Hochrechnungsfaktor`): how many
    /// people of the population a respondent stands for; not about the person.
    case samplingWeight

    /// The role a column with this meaning gets in a publication.
    public var role: AttributeRole {
        switch self {
        case .personName, .contact, .accountNumber, .identityDocument, .address, .coordinates: .identifier
        case .personKey, .recordKey: .pseudonym
        case .birthDate, .age, .postcode, .place, .gender, .nationality, .household, .occupation, .eventDate: .quasiIdentifier
        case .freeText: .freeText
        case .sensitiveTopic: .sensitive
        case .samplingWeight: .insensitive
        }
    }

    /// The meaning in a few words for people.
    public func description(in language: Language) -> String {
        switch self {
        case .personName: language.pick(de: "Namen", en: "names")
        case .contact: language.pick(de: "Kontaktdaten (E-Mail, Telefon)", en: "contact details (e-mail, phone)")
        case .accountNumber: language.pick(de: "Konto- oder Steuernummern", en: "account or tax numbers")
        case .identityDocument: language.pick(de: "Ausweis- oder Versicherungsnummern", en: "identity or insurance numbers")
        case .address: language.pick(de: "Adressen", en: "addresses")
        case .personKey: language.pick(de: "Kennung einer Person", en: "a person's identifier")
        case .recordKey: language.pick(de: "Kennung eines Datensatzes", en: "a record's identifier")
        case .birthDate: language.pick(de: "Geburtsdaten", en: "dates of birth")
        case .age: language.pick(de: "Alter", en: "ages")
        case .postcode: language.pick(de: "Postleitzahlen", en: "postcodes")
        case .place: language.pick(de: "Orte oder Bezirke", en: "places or districts")
        case .coordinates: language.pick(de: "GPS-Koordinaten", en: "GPS coordinates")
        case .gender: language.pick(de: "Geschlecht", en: "gender")
        case .nationality: language.pick(de: "Staatsangehörigkeit oder Herkunft", en: "nationality or origin")
        case .household: language.pick(de: "Haushalt oder Familie", en: "household or family")
        case .occupation: language.pick(de: "Beruf", en: "occupation")
        case .eventDate: language.pick(de: "Daten von Ereignissen", en: "dates of events")
        case .freeText: language.pick(de: "Freitext", en: "free text")
        case .sensitiveTopic: language.pick(de: "ein heikles Thema (Gesundheit, Glaube, Schulden, Beratung …)",
                                            en: "a sensitive topic (health, belief, debt, counselling …)")
        case .samplingWeight: language.pick(de: "Stichprobengewichte", en: "sampling weights")
        }
    }

    /// The words of column names that point to this meaning, after folding
    /// (lower case, ä → ae, ß → ss). A column name matches when one of its words
    /// is one of these or, for the longer ones, starts with it.
    static let vocabulary: [(meaning: ColumnMeaning, words: [String])] = [
        (.personName, ["name", "vorname", "nachname", "familienname", "surname", "firstname", "lastname", "fullname",
                       "givenname", "forename", "rufname"]),
        (.contact, ["email", "mail", "telefon", "phone", "tel", "mobil", "mobile", "handy", "fax", "telefonnummer"]),
        (.accountNumber, ["iban", "bic", "konto", "kontonummer", "account", "steuerid", "steuernummer", "taxid", "tin",
                          "kreditkarte", "creditcard"]),
        (.identityDocument, ["ausweis", "personalausweis", "passport", "reisepass", "pass", "sozialversicherungsnummer",
                             "svnr", "versicherungsnummer", "versichertennummer", "ssn"]),
        (.address, ["adresse", "address", "anschrift", "strasse", "street", "hausnummer", "wohnadresse"]),
        (.birthDate, ["geburtsdatum", "geburtstag", "geboren", "birthdate", "birthday", "dob", "geburt", "birth"]),
        (.age, ["alter", "age", "lebensalter", "altersgruppe"]),
        (.postcode, ["plz", "postleitzahl", "zip", "zipcode", "postcode", "postal"]),
        (.place, ["ort", "wohnort", "stadt", "city", "town", "bezirk", "district", "gemeinde", "kreis", "landkreis",
                  "region", "stadtteil", "kommune", "village", "dorf", "adm1", "adm2", "adm3", "municipality", "county"]),
        (.coordinates, ["lat", "lon", "lng", "latitude", "longitude", "gps", "koordinaten", "coordinates", "geopoint"]),
        (.gender, ["geschlecht", "gender", "sex"]),
        (.nationality, ["nationalitaet", "staatsangehoerigkeit", "nationality", "citizenship", "herkunft", "herkunftsland",
                        "origin", "geburtsland"]),
        (.household, ["haushalt", "haushaltsgroesse", "household", "kinder", "children", "familienstand", "marital"]),
        (.occupation, ["beruf", "occupation", "job", "taetigkeit", "arbeitgeber", "employer", "profession"]),
        (.freeText, ["notiz", "notizen", "notes", "note", "bemerkung", "bemerkungen", "kommentar", "comment", "comments",
                     "beschreibung", "description", "freitext", "anmerkung", "anmerkungen", "verlauf", "remarks"]),
        (.samplingWeight, ["weight", "weights", "gewicht", "gewichte", "gewichtung", "gewichtungsfaktor",
                           "hochrechnungsfaktor", "wgt", "pweight", "hhweight", "sampweight", "weighting"]),
        (.sensitiveTopic, ["diagnose", "diagnosis", "krankheit", "erkrankung", "illness", "disease", "health", "gesundheit", "religion", "konfession",
                           "ethnie", "ethnicity", "sexuell", "sexual", "behinderung", "disability", "schulden", "debt",
                           "straftat", "criminal", "sucht", "addiction", "aufenthaltsstatus", "asyl", "asylum",
                           "beratung", "beratungsart", "beratungsangebot", "service", "angebot", "leistung", "einkommen",
                           "income"]),
    ]

    /// What an HXL hashtag says a column holds (`#affected+name`: names,
    /// `#adm2+name`: a place, `#geo+lat`: coordinates, `#date+birth`: dates of
    /// birth), or `nil` for tags that say nothing about people (`#sector`, `#org`).
    static func fromHashtag(_ hashtag: String) -> ColumnMeaning? {
        let parts = hashtag.lowercased().split(separator: "+").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "# ")) }
        guard let tag = parts.first else { return nil }
        let attributes = Set(parts.dropFirst())
        let aboutPeople = ["affected", "beneficiary", "contact", "respondent", "person", "household"].contains(tag)
        switch tag {
        case "contact" where attributes.contains("email") || attributes.contains("phone"): return .contact
        case "geo": return .coordinates
        case "adm1", "adm2", "adm3", "adm4", "adm5", "loc": return .place
        case "date": return attributes.contains("birth") || attributes.contains("dob") ? .birthDate : .eventDate
        case "meta" where attributes.contains("id"): return .recordKey
        default: break
        }
        guard aboutPeople else { return nil }
        if attributes.contains("name") { return .personName }
        if attributes.contains("id") || attributes.contains("code") { return .personKey }
        if attributes.contains("age") { return .age }
        if attributes.contains("gender") || attributes.contains("sex") { return .gender }
        if attributes.contains("email") || attributes.contains("phone") { return .contact }
        return nil
    }

    /// The metadata columns of KoboToolbox and ODK exports. The device's and the
    /// phone's numbers identify the interviewer's or the respondent's phone; the
    /// submission's time and GPS point are as telling as any date or address.
    static let surveyMetadata: [String: ColumnMeaning] = [
        "_uuid": .recordKey, "_id": .recordKey, "_index": .recordKey, "instanceid": .recordKey, "meta/instanceid": .recordKey,
        "_submission_time": .eventDate, "start": .eventDate, "end": .eventDate, "today": .eventDate,
        "deviceid": .identityDocument, "imei": .identityDocument, "subscriberid": .identityDocument,
        "simserial": .identityDocument, "phonenumber": .contact, "username": .personName, "_submitted_by": .personName,
        "_latitude": .coordinates, "_longitude": .coordinates, "_altitude": .coordinates, "_precision": .coordinates,
        "_geolocation": .coordinates,
    ]

    /// Words that make a key a person's: `client_id`, `Klientennummer`.
    static let personWords = ["client", "klient", "klientin", "klienten", "person", "kunde", "kunden", "customer",
                              "participant", "teilnehmer", "teilnehmerin", "member", "mitglied", "beneficiary",
                              "patient", "patientin", "spender", "donor", "respondent", "befragte"]
    /// Words that make a column a key: `case_id`, `Aktenzeichen`, `Nr.`.
    static let keyWords = ["id", "nr", "nummer", "number", "no", "code", "kennung", "aktenzeichen", "az", "uuid",
                           "index", "schluessel", "key"]

    /// The meaning the words of `columnName` point to, if any.
    static func fromName(_ columnName: String) -> ColumnMeaning? {
        // KoboToolbox and ODK add metadata columns of their own, and write a question
        // inside a group as `group/question`: the question's own name says what it is.
        if let meaning = surveyMetadata[columnName.lowercased()] { return meaning }
        let question = columnName.split(separator: "/").last.map(String.init) ?? columnName
        if question != columnName {
            // A select_multiple answer (`health_conditions/diabetes`) is as sensitive as its question.
            let group = String(columnName.dropLast(question.count + 1))
            return fromName(question) ?? (fromName(group) == .sensitiveTopic ? .sensitiveTopic : nil)
        }
        let words = nameWords(columnName)
        guard !words.isEmpty else { return nil }
        func matches(_ list: [String]) -> Bool {
            words.contains { word in list.contains { word == $0 || ($0.count >= 5 && word.hasPrefix($0)) } }
        }
        let isKey = words.contains { keyWords.contains($0) } || words.contains { word in
            keyWords.contains { $0.count >= 5 && word.hasSuffix($0) }
        }
        if isKey && matches(personWords) { return .personKey }
        if matches(["aktenzeichen", "uuid"]) { return .recordKey }
        for (meaning, list) in vocabulary where matches(list) {
            // "service_name", "Name der Einrichtung": a name, but not a person's.
            if meaning == .personName && words.count > 1 && !matches(personWords)
                && !matches(["vorname", "nachname", "first", "last", "full", "given", "family", "firstname", "lastname"]) {
                continue
            }
            return meaning
        }
        if isKey { return words.contains { ["case", "fall", "akte", "record", "datensatz", "submission"].contains($0) }
            || words.count == 1 ? .recordKey : nil }
        return nil
    }

    /// The words of a column name, folded: lower case, umlauts written out, split at
    /// anything but letters and digits and between a lower-case and a capital letter.
    static func nameWords(_ name: String) -> [String] {
        var words: [String] = [], current = ""
        var previousWasLower = false
        for character in name {
            if character.isLetter || character.isNumber {
                if character.isUppercase && previousWasLower && !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current += fold(character)
                previousWasLower = character.isLowercase
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func fold(_ character: Character) -> String {
        switch character {
        case "ä", "Ä": "ae"
        case "ö", "Ö": "oe"
        case "ü", "Ü": "ue"
        case "ß": "ss"
        default: character.lowercased()
        }
    }
}
