#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only view of a text's UTF-8 bytes, with the small questions recognisers
/// ask about them: is this a digit, does a word end here, is there a context word
/// nearby.
///
/// Recognisers work on bytes, not `Character`s: that is what makes scanning tens
/// of megabytes per second possible (measured: see the issue 6 note). Every
/// position is a UTF-8 byte offset; reading past either end gives 0.
public struct TextView {
    /// The text's bytes (valid UTF-8).
    public let bytes: UnsafeBufferPointer<UInt8>

    /// A view of `bytes`, which must be valid UTF-8 and outlive the view.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The number of bytes.
    @inlinable public var count: Int { bytes.count }

    /// The byte at `position`, or 0 outside the text.
    @inlinable public subscript(position: Int) -> UInt8 {
        position >= 0 && position < bytes.count ? bytes[position] : 0
    }

    /// The positions of every occurrence of `needle` (its first byte is found with
    /// the C library's `memchr`, which is fast on long texts).
    public func occurrences(of needle: StaticString) -> [Int] {
        var result: [Int] = []
        let length = needle.utf8CodeUnitCount
        guard let base = bytes.baseAddress, length > 0, count >= length else { return result }
        let first = needle.utf8Start[0]
        var start = 0
        while start <= count - length, let hit = memchr(base + start, Int32(first), count - length + 1 - start) {
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + position, needle.utf8Start, length) == 0 { result.append(position) }
            start = position + 1
        }
        return result
    }

    /// The positions of every occurrence of the byte `byte`.
    public func occurrences(ofByte byte: UInt8) -> [Int] {
        var result: [Int] = []
        guard let base = bytes.baseAddress else { return result }
        var start = 0
        while start < count, let hit = memchr(base + start, Int32(byte), count - start) {
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            result.append(position)
            start = position + 1
        }
        return result
    }

    // MARK: Characters around a position

    /// Whether a letter or digit (of any script) ends just before `position`.
    public func isWordCharacter(before position: Int) -> Bool {
        guard position > 0 else { return false }
        let byte = bytes[position - 1]
        if byte < 0x80 { return ByteClass.isAlphanumeric(byte) }
        var start = position - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start)?.scalar.properties.isAlphabetic ?? false
    }

    /// Whether a letter or digit (of any script) starts at `position`.
    public func isWordCharacter(at position: Int) -> Bool {
        guard position >= 0 && position < count else { return false }
        let byte = bytes[position]
        if byte < 0x80 { return ByteClass.isAlphanumeric(byte) }
        return scalar(at: position)?.scalar.properties.isAlphabetic ?? false
    }

    /// The Unicode scalar starting at `position` and its length in bytes.
    public func scalar(at position: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard position >= 0 && position < count else { return nil }
        let lead = bytes[position]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard position + length <= count else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[position + offset] & 0x3F) }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    /// Whether a number written with digits ends just before `position`, possibly
    /// followed by one separator (space, `.`, `,`, `/`, `-`): then a number starting
    /// at `position` only continues it and is not a number of its own.
    public func continuesNumber(at position: Int) -> Bool {
        let previous = self[position - 1]
        if ByteClass.isDigit(previous) { return true }
        guard position >= 2, ByteClass.isNumberSeparator(previous) else { return false }
        return ByteClass.isDigit(self[position - 2])
    }

    /// Calls `recognize` at every position where a number of its own starts: a digit
    /// with no letter or digit before it, not continuing an earlier number (see
    /// ``continuesNumber(at:)``). `recognize` returns the end of what it found there,
    /// or `nil`; the scan goes on after the finding, or else after the digits.
    public func forEachNumberStart(_ recognize: (Int) -> Int?) {
        var position = 0
        while position < count {
            guard ByteClass.isDigit(bytes[position]), !isWordCharacter(before: position), !continuesNumber(at: position)
            else { position += 1; continue }
            if let end = recognize(position) {
                position = end
            } else {
                while position < count && ByteClass.isDigit(bytes[position]) { position += 1 }
            }
        }
    }

    /// Whether a number ending at `end` really ends there: no letter or digit follows,
    /// and no `.` or `,` followed by a digit (as in an amount or a longer number).
    public func numberEnds(at end: Int) -> Bool {
        if isWordCharacter(at: end) { return false }
        let next = self[end]
        if next == UInt8(ascii: ".") || next == UInt8(ascii: ",") || next == UInt8(ascii: "/")
            || next == UInt8(ascii: "-") || next == UInt8(ascii: ":") {
            return !ByteClass.isDigit(self[end + 1])
        }
        return true
    }

    /// Whether one of `words` occurs, ignoring ASCII case, in the `window` bytes
    /// before `position`.
    public func hasContext(_ words: ContextWords, before position: Int, window: Int = 40) -> Bool {
        let start = max(0, position - window)
        guard start < position else { return false }
        return words.occurs(in: UnsafeBufferPointer(rebasing: bytes[start..<position]))
    }

    /// The text of `range` as a `String`.
    public func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

/// A list of lower-case context words such as "tel" or "geb." that make a nearby
/// finding more likely.
public struct ContextWords: Sendable {
    let words: [[UInt8]]

    /// Context words, written in lower case.
    public init(_ words: [String]) { self.words = words.map { Array($0.utf8) } }

    /// Whether a word occurs in `text`, ignoring ASCII case.
    func occurs(in text: UnsafeBufferPointer<UInt8>) -> Bool {
        for word in words where word.count <= text.count {
            var start = 0
            while start + word.count <= text.count {
                var offset = 0
                while offset < word.count && ByteClass.lowercased(text[start + offset]) == word[offset] { offset += 1 }
                if offset == word.count { return true }
                start += 1
            }
        }
        return false
    }
}

/// ASCII byte classes, as plain functions the optimiser can inline.
public enum ByteClass {
    @inlinable public static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inlinable public static func isUppercase(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    @inlinable public static func isLowercase(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    @inlinable public static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inlinable public static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
    @inlinable public static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }
    @inlinable public static func lowercased(_ byte: UInt8) -> UInt8 { isUppercase(byte) ? byte | 0x20 : byte }
    /// Space, `.`, `,`, `/` or `-`: what may stand between the digit groups of a number.
    @inlinable public static func isNumberSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x2E || byte == 0x2C || byte == 0x2F || byte == 0x2D
    }
}
