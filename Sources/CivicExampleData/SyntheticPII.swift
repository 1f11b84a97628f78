import CivicModels
import Foundation

/// Makers of synthetic personal data with the right shape and valid check digits:
/// the values that redaction must find, for the example data and the labelled
/// corpus. Every value is drawn from a ``SeededGenerator``, so output is reproducible.
enum SyntheticPII {
    /// `value` in decimal, padded with zeros to `width` digits.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// A name as it appears in an e-mail address: umlauts spelled out, other marks dropped.
    static func ascii(_ name: String) -> String {
        var result = ""
        for character in name.lowercased() {
            switch character {
            case "ä": result += "ae"
            case "ö": result += "oe"
            case "ü": result += "ue"
            case "ß": result += "ss"
            case " ", "-": result += "-"
            case "ł": result += "l"
            case "ı": result += "i"
            default:
                // Canonical decomposition splits "ş" into "s" and a cedilla; keep the letter.
                result += String(String.UnicodeScalarView(
                    String(character).decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                    }))
            }
        }
        return result
    }

    /// A German phone number in one of four common notations.
    static func phoneNumber(_ random: inout SeededGenerator) -> String {
        let mobilePrefix = random.pick(["0151", "0152", "0157", "0160", "0162", "0170", "0172", "0176", "0178"])
        switch random.uniform(4) {
        case 0: return "\(mobilePrefix) \(digits(random.uniform(100_000_000), 8))"
        case 1: return "030/\(digits(random.uniform(9_000_000) + 1_000_000, 7))"
        case 2: return "+49 30 \(digits(random.uniform(9_000_000) + 1_000_000, 7))"
        default: return "+49 \(mobilePrefix.dropFirst()) \(digits(random.uniform(10_000_000), 7))"
        }
    }

    /// An e-mail address made of a person's names at an example domain.
    static func email(given: String, family: String, _ random: inout SeededGenerator) -> String {
        let local = "\(ascii(given)).\(ascii(family))"
        let suffix = random.chance(percent: 50) ? "" : String(random.uniform(in: 1...99))
        return "\(local)\(suffix)@\(random.pick(["example.com", "example.org", "example.net"]))".lowercased()
    }

    /// A German IBAN with valid check digits (ISO 13616, mod 97).
    static func germanIBAN(_ random: inout SeededGenerator) -> String {
        let bankCode = random.pick(["10050000", "10020500", "10070000", "12030000", "10090000", "43060967"])
        let account = digits(random.uniform(1_000_000_000) * 10 + random.uniform(10), 10)
        return grouped(withIBANCheckDigits(country: "DE", bban: bankCode + account), chance: 60, &random)
    }

    /// An IBAN of another country common among clients (Austria, the Netherlands,
    /// Poland, Türkiye), solid or in groups of four.
    static func foreignIBAN(_ random: inout SeededGenerator) -> String {
        let (country, length) = random.pick([("AT", 20), ("NL", 18), ("PL", 28), ("TR", 26)])
        var bban = ""
        if country == "NL" { bban = String((0..<4).map { _ in Character(Unicode.Scalar(UInt8(65 + random.uniform(26)))) }) }
        while bban.count < length - 4 { bban += String(random.uniform(10)) }
        return grouped(withIBANCheckDigits(country: country, bban: bban), chance: 50, &random)
    }

    /// `country` + check digits + `bban`, the check digits computed by mod 97.
    static func withIBANCheckDigits(country: String, bban: String) -> String {
        var remainder = 0
        for character in (bban + country + "00").unicodeScalars {
            let value = character.properties.numericType != nil ? Int(String(character))! : Int(character.value) - 55
            for digit in String(value).unicodeScalars { remainder = (remainder * 10 + Int(digit.value) - 48) % 97 }
        }
        return country + digits(98 - remainder, 2) + bban
    }

    /// `text` in groups of four separated by spaces, with `percent` chance.
    static func grouped(_ text: String, chance percent: Int, _ random: inout SeededGenerator) -> String {
        guard random.chance(percent: percent) else { return text }
        var result = ""
        for (offset, character) in text.enumerated() {
            if offset > 0 && offset % 4 == 0 { result.append(" ") }
            result.append(character)
        }
        return result
    }

    /// A payment card number (Visa, Mastercard) with a valid Luhn digit, solid or
    /// grouped; with `valid` false the last digit is off by one.
    static func cardNumber(valid: Bool = true, _ random: inout SeededGenerator) -> String {
        var numbers = [random.pick([4, 5])]
        if numbers[0] == 5 { numbers.append(random.uniform(in: 1...5)) }
        while numbers.count < 15 { numbers.append(random.uniform(10)) }
        var sum = 0
        for (position, digit) in numbers.reversed().enumerated() {
            let doubled = position % 2 == 0 ? digit * 2 : digit
            sum += doubled > 9 ? doubled - 9 : doubled
        }
        let check = (10 - sum % 10) % 10
        numbers.append(valid ? check : (check + 1) % 10)
        return grouped(numbers.map(String.init).joined(), chance: 70, &random)
    }

    /// A German tax ID: first digit not 0, one digit of the first ten twice, the
    /// ISO 7064 MOD 11,10 check digit last; solid or as `12 345 678 901`.
    static func taxID(_ random: inout SeededGenerator) -> String {
        var digitsLeft = Array(0...9)
        var chosen: [Int] = []
        while chosen.count < 9 { chosen.append(digitsLeft.remove(at: random.uniform(digitsLeft.count))) }
        chosen.insert(chosen[random.uniform(9)], at: random.uniform(in: 1...9))
        if chosen[0] == 0 { chosen.swapAt(0, chosen.firstIndex { $0 != 0 }!) }
        var product = 10
        for digit in chosen {
            var sum = (digit + product) % 10
            if sum == 0 { sum = 10 }
            product = (2 * sum) % 11
        }
        chosen.append(11 - product == 10 ? 0 : 11 - product)
        let text = chosen.map(String.init).joined()
        guard random.chance(percent: 40) else { return text }
        let characters = Array(text)
        return "\(String(characters[0..<2])) \(String(characters[2..<5])) \(String(characters[5..<8])) \(String(characters[8...]))"
    }

    /// A German social insurance number for someone born on `birthDate` whose birth
    /// name starts with `initial`; solid or as `12 150385 M 01 2`.
    static func socialInsuranceNumber(birthDate: CivicDate, initial: Character, _ random: inout SeededGenerator) -> String {
        let area = digits(random.pick([2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 28, 29, 38, 39, 40, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 89]), 2)
        let (year, month, day) = birthDate.components
        let date = digits(day, 2) + digits(month, 2) + digits(year % 100, 2)
        let letter = initial.isASCII && initial.isUppercase ? initial : "X"
        let serial = digits(random.uniform(100), 2)
        let position = Int(letter.asciiValue! - 64)
        let twelve = (area + date + digits(position, 2) + serial).compactMap(\.wholeNumberValue)
        var total = 0
        for (digit, weight) in zip(twelve, [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1]) { total += digit * weight / 10 + digit * weight % 10 }
        let check = String(total % 10)
        return random.chance(percent: 50)
            ? "\(area)\(date)\(letter)\(serial)\(check)"
            : "\(area) \(date) \(letter) \(serial) \(check)"
    }

    /// An IPv4 address in a private or documentation range, or an IPv6 address.
    static func ipAddress(_ random: inout SeededGenerator) -> String {
        switch random.uniform(3) {
        case 0: return "192.168.\(random.uniform(256)).\(random.uniform(in: 1...254))"
        case 1: return "10.\(random.uniform(256)).\(random.uniform(256)).\(random.uniform(in: 1...254))"
        default:
            let groups = (0..<4).map { _ in String(random.uniform(65_536), radix: 16) }
            return "2001:db8::\(groups.joined(separator: ":"))"
        }
    }

    /// A link to a person's profile page.
    static func profileURL(given: String, family: String, _ random: inout SeededGenerator) -> String {
        let handle = "\(ascii(given)).\(ascii(family))\(random.uniform(100))"
        return random.pick([
            "https://www.facebook.com/\(handle)", "https://instagram.com/\(handle)", "www.linkedin.com/in/\(handle)",
            "https://beispiel-verein.de/mitglieder/\(handle)?tab=profil",
        ])
    }

    /// Streets of Berlin, for addresses.
    static let streets = [
        "Sonnenallee", "Hermannstraße", "Karl-Marx-Straße", "Berliner Straße", "Kottbusser Damm", "Frankfurter Allee",
        "Müllerstraße", "Turmstraße", "Schönhauser Allee", "Hauptstraße", "Potsdamer Str.", "Wilhelmstraße",
        "Hasenheide", "Leipziger Platz", "Seestraße", "Weserstraße", "Boxhagener Str.", "Am Tempelhofer Berg",
        "Reuterplatz", "Landsberger Allee", "Falkenseer Chaussee", "Ringbahnstraße", "Maybachufer", "Wiener Straße",
    ]

    /// A Berlin address: street and number, with postcode and city most of the time.
    static func address(_ random: inout SeededGenerator) -> String {
        let street = random.pick(streets)
        var number = String(random.uniform(in: 1...180))
        if random.chance(percent: 15) { number += random.pick(["a", "b", "c"]) }
        let district = random.pick(weighted: GermanVocabulary.districts.map { ($0, $0.weight) })
        let postcode = random.pick(district.zips)
        switch random.uniform(10) {
        case 0..<6: return "\(street) \(number), \(postcode) Berlin"
        case 6..<8: return "\(street) \(number)"
        default: return "\(street) \(number) \(postcode) Berlin"
        }
    }
}
