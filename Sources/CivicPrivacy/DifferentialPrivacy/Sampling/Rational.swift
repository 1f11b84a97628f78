/// An exact fraction of two positive 64-bit integers, for noise parameters: the
/// samplers compute with integers only, so a scale of 0.1 must be 1/10 exactly, not
/// the binary double nearest to it.
///
/// ```swift
/// Rational("0.25")   // 1/4
/// Rational("10")     // 10/1
/// ```
public struct Rational: Sendable, Hashable, CustomStringConvertible {
    /// The numerator (> 0).
    public let numerator: UInt64
    /// The denominator (> 0).
    public let denominator: UInt64

    /// `numerator / denominator` in lowest terms; both must be positive.
    public init(_ numerator: UInt64, _ denominator: UInt64) {
        precondition(numerator > 0 && denominator > 0, "noise parameters are positive")
        let divisor = Self.gcd(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// The exact value of a positive decimal such as `10`, `0.5` or `1e-3`
    /// (at most 12 decimal places); `nil` otherwise.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: "e", maxSplits: 1)
        guard let mantissa = parts.first, !mantissa.isEmpty else { return nil }
        var exponent = 0
        if parts.count == 2 { guard let e = Int(parts[1]), abs(e) <= 12 else { return nil }; exponent = e }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count <= 2, pieces.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let whole = String(pieces[0]), fraction = pieces.count == 2 ? String(pieces[1]) : ""
        guard !(whole + fraction).isEmpty, let digits = UInt64(whole + fraction), digits > 0 else { return nil }
        var numerator = digits, denominator: UInt64 = 1
        var scale = fraction.count - exponent
        while scale > 0 {
            let (d, overflow) = denominator.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            denominator = d; scale -= 1
        }
        while scale < 0 {
            let (n, overflow) = numerator.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            numerator = n; scale += 1
        }
        guard denominator <= 1_000_000_000_000 else { return nil }
        self.init(numerator, denominator)
    }

    /// The value as a double (for display and floating-point checks only).
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var a = a, b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
