import CivicModels

/// Writes a labelled corpus of synthetic case notes, German and English, in which
/// every piece of personal data is marked: the yardstick for the PII recognisers.
///
/// Each note is one line: the language, a tab, and the text with every personal
/// value written as `[[kind:value]]`, e.g.
///
///     de	Rückruf erbeten unter [[phone:0151 23456789]].
///
/// Kinds are the raw values of `PIIKind` in CivicPrivacy (`email`, `phone`, `iban`,
/// `credit-card`, `tax-id`, `social-insurance-number`, `ip-address`, `url`, `date`,
/// `address`, `name`). Notes also hold look-alikes that are *not* personal data and
/// stay unmarked: amounts, times, file numbers, room numbers, IBANs and card
/// numbers with wrong check digits, nouns that are also surnames.
///
/// About one name in six is drawn from a pool the recognisers' lists do not
/// contain, so that names are found only by context, as with real clients.
///
/// ```swift
/// let lines = PIICorpusGenerator(seed: 7).lines(count: 1_000)
/// ```
public struct PIICorpusGenerator: Sendable {
    /// The seed.
    public let seed: UInt64

    /// A generator with `seed`.
    public init(seed: UInt64) { self.seed = seed }

    /// Notes `0..<count`, one line each.
    public func lines(count: Int) -> [String] {
        (0..<count).map(line(at:))
    }

    /// Note `index`: language, tab, marked text.
    public func line(at index: Int) -> String {
        var random = SeededGenerator(seed: seed, index: UInt64(index))
        let german = random.chance(percent: 65)
        let templates = german ? Self.germanTemplates : Self.englishTemplates
        var sentences: [String] = []
        for _ in 0..<random.uniform(in: 1...3) {
            sentences.append(fill(random.pick(templates), german: german, &random))
        }
        return (german ? "de" : "en") + "\t" + sentences.joined(separator: " ")
    }

    // MARK: Filling templates

    /// A person of the note: names and birth date.
    private struct Person {
        var given: String
        var family: String
        var isFemale: Bool
        var birthDate: CivicDate
    }

    private func person(_ random: inout SeededGenerator) -> Person {
        let female = random.chance(percent: 55)
        if random.chance(percent: 16) {
            return Person(given: random.pick(female ? Self.unlistedFemale : Self.unlistedMale),
                          family: random.pick(Self.unlistedFamily), isFemale: female, birthDate: birthDate(&random))
        }
        let pool = random.pick(weighted: GermanVocabulary.nationalities.map { ($0.pool, $0.weight) })
        return Person(given: random.pick(female ? pool.female : pool.male), family: random.pick(pool.family),
                      isFemale: female, birthDate: birthDate(&random))
    }

    private func birthDate(_ random: inout SeededGenerator) -> CivicDate {
        CivicDate(year: 1940, month: 1, day: 1)! + random.uniform(365 * 65)
    }

    /// Replaces every `{slot}` of `template`.
    private func fill(_ template: String, german: Bool, _ random: inout SeededGenerator) -> String {
        let person = person(&random)
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += value(for: String(rest[rest.index(after: open)..<close]), person: person, german: german, &random)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private func marked(_ kind: String, _ value: String) -> String { "[[\(kind):\(value)]]" }

    private func value(for slot: String, person: Person, german: Bool, _ random: inout SeededGenerator) -> String {
        switch slot {
        case "given": return marked("name", person.given)
        case "family": return marked("name", person.family)
        case "full": return marked("name", "\(person.given) \(person.family)")
        case "title":
            return german ? (person.isFemale ? "Frau" : random.pick(["Herr", "Herrn"])) : (person.isFemale ? random.pick(["Ms", "Mrs"]) : "Mr")
        case "phone":
            return marked("phone", random.chance(percent: 70) ? SyntheticPII.phoneNumber(&random) : otherPhone(&random))
        case "email": return marked("email", SyntheticPII.email(given: person.given, family: person.family, &random))
        case "iban":
            return marked("iban", random.chance(percent: 75) ? SyntheticPII.germanIBAN(&random) : SyntheticPII.foreignIBAN(&random))
        case "card": return marked("credit-card", SyntheticPII.cardNumber(&random))
        case "taxid": return marked("tax-id", SyntheticPII.taxID(&random))
        case "svnr":
            return marked("social-insurance-number", SyntheticPII.socialInsuranceNumber(
                birthDate: person.birthDate, initial: person.family.first ?? "X", &random))
        case "ip": return marked("ip-address", SyntheticPII.ipAddress(&random))
        case "url": return marked("url", SyntheticPII.profileURL(given: person.given, family: person.family, &random))
        case "birth":
            return marked("date", random.chance(percent: 75) ? person.birthDate.germanString : person.birthDate.isoString)
        case "date":
            let date = CivicDate(year: 2024, month: 1, day: 1)! + random.uniform(700)
            return marked("date", german ? date.germanString : random.chance(percent: 50) ? date.isoString : date.germanString)
        case "address": return marked("address", SyntheticPII.address(&random))
        case "postcode-city":
            let district = random.pick(weighted: GermanVocabulary.districts.map { ($0, $0.weight) })
            return marked("address", "\(random.pick(district.zips)) Berlin")
        // Look-alikes, never marked.
        case "amount":
            let euros = random.uniform(in: 20...9_800)
            return random.chance(percent: 50)
                ? "\(euros / 1000 > 0 ? "\(euros / 1000).\(SyntheticPII.digits(euros % 1000, 3))" : String(euros)),\(SyntheticPII.digits(random.uniform(100), 2)) €"
                : "\(euros) Euro"
        case "time": return "\(random.uniform(in: 8...18)):\(random.pick(["00", "15", "30", "45"]))"
        case "room": return "\(random.uniform(in: 0...4)).\(SyntheticPII.digits(random.uniform(in: 1...40), 2))"
        case "caseno": return "\(random.uniform(in: 2019...2025))/\(random.uniform(in: 1...999))"
        case "count": return String(random.uniform(in: 2...7))
        case "customer": return String(random.uniform(in: 10_000_000...99_999_999))
        case "bad-iban":
            var iban = Array(SyntheticPII.germanIBAN(&random))
            let last = iban.count - 1
            iban[last] = Character(String(((iban[last].wholeNumberValue ?? 0) + 1) % 10))
            return String(iban)
        case "bad-card": return SyntheticPII.cardNumber(valid: false, &random)
        default: preconditionFailure("unknown slot {\(slot)}")
        }
    }

    /// Phone notations the case generator does not use.
    private func otherPhone(_ random: inout SeededGenerator) -> String {
        let number = SyntheticPII.digits(random.uniform(9_000_000) + 1_000_000, 7)
        switch random.uniform(4) {
        case 0: return "+4915\(random.uniform(in: 1...9))\(SyntheticPII.digits(random.uniform(100_000_000), 8))"
        case 1: return "(030) \(number.prefix(3)) \(number.dropFirst(3).prefix(2)) \(number.suffix(2))"
        case 2: return "0049 40 \(number)"
        default: return "0221-\(number)"
        }
    }

    // MARK: Vocabulary

    static let germanTemplates = [
        "Rückruf erbeten unter {phone}.",
        "Kontakt per E-Mail: {email}",
        "Ratenzahlung vereinbart, Konto {iban}.",
        "{title} {family} bringt die fehlenden Unterlagen nächste Woche.",
        "Gespräch mit {full} über die Mietschuld von {amount}.",
        "Klient:in {full}, geb. {birth}, wohnt {address}.",
        "Neue Anschrift: {address}.",
        "Steuer-ID {taxid} für den Kindergeldantrag notiert.",
        "Rentenversicherungsnummer {svnr} liegt vor.",
        "Zahlung mit Karte {card} wurde abgelehnt.",
        "Profil unter {url} gefunden.",
        "Anmeldung im Portal von IP {ip}.",
        "Termin am {date} um {time} Uhr in Raum {room}.",
        "Aktenzeichen {caseno}, offene Forderung {amount}.",
        "Tochter {given} (geb. {birth}) besucht die Kita.",
        "Name: {full}.",
        "Der Koch der Einrichtung meldet sich im Mai wieder.",
        "Überweisung an {bad-iban} kam zurück, Prüfziffer falsch.",
        "Die alte Kartennummer {bad-card} ist ungültig.",
        "{title} {family} ruft unter {phone} zurück.",
        "{full} ist umgezogen nach {postcode-city}.",
        "Familie {family} hat {count} Kinder und Schulden von {amount}.",
        "Erreichbar per WhatsApp: {phone}.",
        "Kundennummer {customer} bei den Stadtwerken, Abschlag {amount}.",
        "{full} hat am {date} angerufen.",
        "Unterlagen von {title} {family} sind vollständig.",
        "Erstgespräch geführt, Unterlagen zur Mietschuld besprochen.",
        "Bescheid vom Jobcenter geprüft; Widerspruch bis {date} vorbereitet.",
    ]

    static let englishTemplates = [
        "Please call back on {phone}.",
        "E-mail from {full}: {email}",
        "{title} {family} will bring the documents on {date}.",
        "Client {full}, born {birth}, lives at {address}.",
        "Bank account {iban} for the instalments.",
        "Card {card} was declined at the pharmacy.",
        "Tax ID {taxid} noted for the child benefit form.",
        "Profile link: {url}",
        "Logged in from {ip} at {time}.",
        "Meeting on {date} at {time}, room {room}.",
        "Debt of {amount} across {count} creditors, file {caseno}.",
        "Name: {full}.",
        "Spoke with {given} about the rent arrears.",
        "Transfer to {bad-iban} bounced.",
        "{full} moved to {postcode-city}.",
    ]

    /// Names deliberately absent from the recognisers' lists (a test checks this).
    public static let unlistedFemale = ["Rosalind", "Ilinca", "Svitlana", "Ottilie", "Jolanta", "Thuy", "Nesrin", "Aferdita"]
    /// Given names for men, absent from the recognisers' lists.
    public static let unlistedMale = ["Wenzel", "Gökhan", "Bashir", "Radomir", "Habib", "Yared", "Arvid", "Shkelzen"]
    /// Family names absent from the recognisers' lists.
    public static let unlistedFamily = ["Wexford", "Brinkhaus", "Tüzün", "Al-Rifai", "Hrytsenko", "Wasilewski", "Bălan",
                                        "Qaderi", "Ghebreyesus", "Trinh", "Lindqvist", "Oyelaran"]
}
