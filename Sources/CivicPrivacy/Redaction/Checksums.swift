/// Check-digit algorithms that tell a real identifier from a random number.
///
/// Each takes the identifier's characters as ASCII bytes without separators.
enum Checksums {
    /// IBAN (ISO 13616): move the first four characters to the end, read letters as
    /// 10...35, and the number must leave remainder 1 when divided by 97.
    static func isValidIBAN(_ characters: ArraySlice<UInt8>) -> Bool {
        guard characters.count >= 5 else { return false }
        var remainder = 0
        let rearranged = characters.dropFirst(4).concatenated(with: characters.prefix(4))
        for byte in rearranged {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                remainder = (remainder * 10 + Int(byte - UInt8(ascii: "0"))) % 97
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                remainder = (remainder * 100 + Int(byte - UInt8(ascii: "A")) + 10) % 97
            default:
                return false
            }
        }
        return remainder == 1
    }

    /// Luhn (ISO/IEC 7812), used by payment cards: double every second digit from
    /// the right, and the digit sum must be a multiple of 10.
    static func passesLuhn(_ digits: ArraySlice<UInt8>) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// The ISO 7064 MOD 11,10 check digit of `digits` (the German tax ID uses it over
    /// its first ten digits).
    static func iso7064Mod11_10CheckDigit(_ digits: ArraySlice<UInt8>) -> Int {
        var product = 10
        for digit in digits {
            var sum = (Int(digit) + product) % 10
            if sum == 0 { sum = 10 }
            product = (2 * sum) % 11
        }
        let check = 11 - product
        return check == 10 ? 0 : check
    }

    /// The check digit of a German pension insurance number (Rentenversicherungs-
    /// nummer): the letter becomes its two-digit position in the alphabet, the twelve
    /// digits are weighted 2,1,2,5,7,1,2,1,2,1,2,1, the digit sums of the products
    /// added, and the total taken modulo 10.
    ///
    /// - Parameters:
    ///   - digits: the eight digits before the letter, then the two after it.
    ///   - letter: the letter (A...Z) as an ASCII byte.
    static func socialInsuranceCheckDigit(digits: [UInt8], letter: UInt8) -> Int {
        let position = Int(letter - UInt8(ascii: "A")) + 1
        let twelve = Array(digits.prefix(8)) + [UInt8(position / 10), UInt8(position % 10)] + Array(digits.suffix(2))
        let weights = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1]
        var total = 0
        for (digit, weight) in zip(twelve, weights) {
            let product = Int(digit) * weight
            total += product / 10 + product % 10
        }
        return total % 10
    }
}

extension ArraySlice {
    fileprivate func concatenated(with other: ArraySlice<Element>) -> [Element] { Array(self) + Array(other) }
}
