import CivicModels

/// What to put in place of a finding.
public enum RedactionOperator: Sendable {
    /// A typed placeholder such as `[EMAIL]` or `[TELEFON]`.
    case placeholder
    /// The value with all but its last `keepingLast` characters replaced by `*`.
    case mask(keepingLast: Int)
    /// A keyed pseudonym such as `P-3F9A2C71E04B`: the same value always gets the same
    /// token, so "Herr Yılmaz" in two notes is still one person.
    case pseudonymize(Pseudonymizer)
}

/// Removes personal data from free text: finds it with a ``PIIDetector`` and
/// replaces each finding as its kind's ``RedactionOperator`` says.
///
/// ```swift
/// let redactor = Redactor(language: .german)
/// redactor.redact("Rückruf unter 0151 23456789").text   // "Rückruf unter [TELEFON]"
/// ```
public struct Redactor: Sendable {
    /// Finds what to replace.
    public var detector: PIIDetector
    /// The operator for kinds not in ``operators``.
    public var defaultOperator: RedactionOperator
    /// Operators for particular kinds.
    public var operators: [PIIKind: RedactionOperator]
    /// The language of the placeholders.
    public var language: Language

    /// A redactor; by default placeholders for everything.
    public init(detector: PIIDetector = PIIDetector(), defaultOperator: RedactionOperator = .placeholder,
                operators: [PIIKind: RedactionOperator] = [:], language: Language = .english) {
        self.detector = detector
        self.defaultOperator = defaultOperator
        self.operators = operators
        self.language = language
    }

    /// A text with its personal data replaced, and what was found.
    public struct Redaction: Sendable {
        /// The redacted text.
        public var text: String
        /// What was replaced, with ranges into the original text's UTF-8 bytes.
        public var findings: [PIIFinding]
    }

    /// `text` with every finding replaced.
    public func redact(_ text: String) -> Redaction {
        var text = text
        return text.withUTF8 { redact(utf8: $0) }
    }

    /// Valid UTF-8 `bytes` with every finding replaced.
    public func redact(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Redaction {
        let findings = detector.findings(inUTF8: bytes)
        guard !findings.isEmpty else { return Redaction(text: String(decoding: bytes, as: UTF8.self), findings: []) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16 * findings.count)
        var copied = 0
        for finding in findings {
            output.append(contentsOf: bytes[copied..<finding.range.lowerBound])
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[finding.range]), as: UTF8.self)
            output.append(contentsOf: replacement(for: value, kind: finding.kind).utf8)
            copied = finding.range.upperBound
        }
        output.append(contentsOf: bytes[copied...])
        return Redaction(text: String(decoding: output, as: UTF8.self), findings: findings)
    }

    /// What replaces `value`, a finding of `kind`.
    public func replacement(for value: String, kind: PIIKind) -> String {
        switch operators[kind] ?? defaultOperator {
        case .placeholder:
            return kind.placeholder(in: language)
        case .mask(let kept):
            let characters = Array(value)
            let hidden = max(0, characters.count - kept)
            return String(repeating: "*", count: hidden) + String(characters.suffix(characters.count - hidden))
        case .pseudonymize(let pseudonymizer):
            return pseudonymizer.token(for: Self.canonical(value, kind: kind))
        }
    }

    /// The form of a value that is pseudonymised, so that different spellings of one
    /// value get one token: e-mail addresses in lower case, numbers without spaces,
    /// names with single spaces.
    static func canonical(_ value: String, kind: PIIKind) -> String {
        switch kind {
        case .email, .url:
            return value.lowercased()
        case .iban, .creditCard, .taxID, .socialInsuranceNumber:
            return value.filter { $0.isLetter || $0.isNumber }.uppercased()
        case .phone:
            return value.filter { $0.isNumber || $0 == "+" }
        case .name, .address, .date, .ipAddress:
            return value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }
}

extension Redactor {
    /// Redacts a whole text file's bytes, after checking that they are UTF-8.
    ///
    /// - Throws: ``RedactionError/invalidUTF8(source:line:column:)`` naming the first bad byte.
    public func redact(fileBytes bytes: [UInt8], source: String) throws(RedactionError) -> Redaction {
        try bytes.withUnsafeBufferPointer { (buffer) throws(RedactionError) -> Redaction in
            var body = buffer
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { body = UnsafeBufferPointer(rebasing: buffer[3...]) }
            if let offset = UTF8Validation.firstInvalidOffset(body) {
                let before = body[..<offset]
                let line = before.count(where: { $0 == 10 }) + 1
                let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? 0
                let column = String(decoding: UnsafeBufferPointer(rebasing: body[lineStart..<offset]), as: UTF8.self).count + 1
                throw .invalidUTF8(source: source, line: line, column: column)
            }
            return redact(utf8: body)
        }
    }
}
