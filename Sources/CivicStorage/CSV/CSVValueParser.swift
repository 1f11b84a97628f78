import CivicModels
import Foundation

/// Turns the bytes of a CSV field into typed values, and typed values back into text.
///
/// Parsing accepts only the canonical form of each type, so that writing the value
/// back gives the same text: an integer has no leading zeros or plus sign ("01067"
/// stays a text, as a German postcode must), a date is `YYYY-MM-DD` (or
/// `DD.MM.YYYY` for fields with `Field.germanDateFormat`).
public struct CSVValueParser: Sendable {
    /// The decimal mark of numbers.
    public var decimalSeparator: UInt8

    /// Creates a parser for a dialect's decimal mark.
    public init(decimalSeparator: UInt8 = UInt8(ascii: ".")) {
        self.decimalSeparator = decimalSeparator
    }

    private static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9"), minus = UInt8(ascii: "-")

    /// An integer in canonical form: `0`, or an optional `-` and digits without a
    /// leading zero; `nil` otherwise or on overflow.
    @inline(__always)
    package func integer(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let n = field.count
        let negative = n > 0 && field[0] == Self.minus
        if negative { i = 1 }
        guard i < n, n - i <= 19 else { return nil }
        if field[i] == Self.zero { return n - i == 1 && !negative ? 0 : nil }
        // Accumulated towards the sign, so that Int64.min, whose magnitude has no
        // positive Int64, reads back as written.
        var value: Int64 = 0
        let sign: Int64 = negative ? -1 : 1
        while i < n {
            let digit = field[i] &- Self.zero
            guard digit <= 9 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(sign &* Int64(digit))
            if o1 || o2 { return nil }
            value = sum
            i += 1
        }
        return value
    }

    /// A decimal number: optional `-`, digits (no leading zero), optionally the
    /// decimal mark and digits, optionally an exponent. No thousands separators.
    package func number(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = field.count
        var i = 0
        let negative = n > 0 && field[0] == Self.minus
        if negative { i = 1 }
        // Canonical form only: a leading zero must be the whole integer part ("0.5",
        // not "01.5"), so that codes such as postcodes stay text.
        if i + 1 < n, field[i] == Self.zero, field[i + 1] &- Self.zero <= 9 { return nil }
        var mantissa: UInt64 = 0
        var digits = 0, significantDigits = 0, fractionDigits = 0
        var sawMark = false
        var exponent = 0
        while i < n {
            let byte = field[i]
            let digit = byte &- Self.zero
            if digit <= 9 {
                digits += 1
                if mantissa != 0 || digit != 0 { significantDigits += 1 }
                if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(digit) } else if !sawMark { exponent += 1 }
                if sawMark && significantDigits <= 19 { fractionDigits += 1 }
                i += 1
            } else if byte == decimalSeparator && !sawMark {
                sawMark = true
                i += 1
            } else {
                break
            }
        }
        guard digits > 0 else { return nil }
        if sawMark && (field[i - 1] == decimalSeparator) { return nil }
        if i < n {
            guard field[i] == UInt8(ascii: "e") || field[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var expNegative = false
            if i < n && (field[i] == Self.minus || field[i] == UInt8(ascii: "+")) {
                expNegative = field[i] == Self.minus
                i += 1
            }
            var value = 0, expDigits = 0
            while i < n, field[i] &- Self.zero <= 9 {
                if value < 10_000 { value = value * 10 + Int(field[i] - Self.zero) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0, i == n else { return nil }
            exponent += expNegative ? -value : value
        }
        let power = exponent - fractionDigits
        // Clinger's fast path: exact when the mantissa and the power of ten are both
        // exactly representable (W. D. Clinger, "How to read floating point numbers
        // accurately", PLDI 1990).
        if significantDigits <= 15, mantissa < (1 << 53), (-22...22).contains(power) {
            var value = Double(mantissa)
            value = power < 0 ? value / Self.powersOfTen[-power] : value * Self.powersOfTen[power]
            return negative ? -value : value
        }
        return slowNumber(field)
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// The correctly rounded value through the C library, for the rare long field;
    /// `nil` beyond the largest `Double` ("1e400" is not a number a table can hold,
    /// and infinity could not be written back).
    private func slowNumber(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var text = String(decoding: field, as: UTF8.self)
        if decimalSeparator != UInt8(ascii: ".") {
            text = text.replacingOccurrences(of: String(UnicodeScalar(decimalSeparator)), with: ".")
        }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }

    /// A date: `YYYY-MM-DD`, or `DD.MM.YYYY` when `german` is set.
    @inline(__always)
    package func date(_ field: UnsafeBufferPointer<UInt8>, german: Bool = false) -> CivicDate? {
        guard field.count == 10 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for k in start..<(start + count) {
                let digit = field[k] &- Self.zero
                guard digit <= 9 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        if german {
            guard field[2] == UInt8(ascii: "."), field[5] == UInt8(ascii: "."),
                  let d = digits(0, 2), let m = digits(3, 2), let y = digits(6, 4) else { return nil }
            return CivicDate(year: y, month: m, day: d)
        }
        guard field[4] == Self.minus, field[7] == Self.minus,
              let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) else { return nil }
        return CivicDate(year: y, month: m, day: d)
    }

    /// A boolean: `true`/`false` in lower, upper or title case.
    package func boolean(_ field: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch String(decoding: field, as: UTF8.self) {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// Whether a field with this format holds German dates.
    static func isGermanDate(_ field: Field) -> Bool {
        field.format == Field.germanDateFormat
    }

    // MARK: Formatting

    /// The text of a value as this dialect writes it.
    public func format(_ value: Value, field: Field) -> String {
        switch value {
        case .missing: return ""
        case .integer(let v): return String(v)
        case .number(let v): return formatNumber(v)
        case .date(let v): return Self.isGermanDate(field) ? v.germanString : v.isoString
        case .boolean(let v): return v ? "true" : "false"
        case .text(let v): return v
        }
    }

    /// A column as text, each value written as this parser formats it for `field`
    /// (missing stays missing): how an inferred column is widened when a later value
    /// does not fit its type.
    public func textColumn(from column: ColumnData, field: Field) -> ColumnData {
        var text = ColumnBuilder(type: .string, capacity: column.count)
        for row in 0..<column.count {
            let value = column.value(at: row)
            if value.isMissing { text.appendMissing() } else { text.append(text: format(value, field: field)) }
        }
        return text.finish()
    }

    /// A number in its shortest round-trip form with this dialect's decimal mark;
    /// whole numbers without a fraction part.
    public func formatNumber(_ value: Double) -> String {
        var text: String
        if value == value.rounded(), abs(value) < 1e15 {
            text = String(Int64(value))
        } else {
            text = String(value)
        }
        if decimalSeparator != UInt8(ascii: ".") {
            text = text.replacingOccurrences(of: ".", with: String(UnicodeScalar(decimalSeparator)))
        }
        return text
    }
}
