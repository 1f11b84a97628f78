import CivicModels
import CivicPrivacy

/// The checks a publication must pass before anything is published, made on the
/// rows themselves and independent of how the anonymiser chose them. If any
/// fails, nothing is published (fail closed).
///
/// - **Every criterion** (k-anonymity, each l-diversity variant, t-closeness) holds
///   in every equivalence class of the published rows, the classes recounted from
///   the rows and the sensitive distribution taken from the input;
/// - no free-text column still holds something the detector finds personal;
/// - no value of an identifier or pseudonymised column of the input appears as a
///   word or phrase in any published text.
///
/// ```swift
/// let audit = PublicationAudit(quasiIdentifiers: ["age", "zip"], criteria: [try KAnonymity(k: 5)], input: raw)
/// try audit.checkCriteria(published)    // throws PublicationError.checkFailed if a class breaks k
/// ```
public struct PublicationAudit: Sendable {
    /// The generalised columns whose values form the equivalence classes.
    public let quasiIdentifiers: [String]
    /// What every published class must satisfy.
    public let criteria: [any PrivacyCriterion]
    /// The free-text columns to scan again.
    public let freeTextColumns: [String]
    private let sensitive: SensitiveReference?
    private let detector: PIIDetector?
    private let leakScan: IdentifierLeakScan

    /// An audit against `input`, the table the publication was made from (it gives
    /// the sensitive attribute's distribution for t-closeness).
    ///
    /// - Parameters:
    ///   - quasiIdentifiers: the generalised columns.
    ///   - criteria: the privacy criteria every class must satisfy.
    ///   - input: the table the publication was made from.
    ///   - freeTextColumns: the columns to scan with `detector`.
    ///   - detector: finds personal details in free text (`nil`: no free-text scan).
    ///   - identifierValues: values of the input's identifier and pseudonymised
    ///     columns, none of which may appear in the publication.
    public init(quasiIdentifiers: [String], criteria: [any PrivacyCriterion], input: Table,
                freeTextColumns: [String] = [], detector: PIIDetector? = nil, identifierValues: Set<String> = []) {
        self.quasiIdentifiers = quasiIdentifiers
        self.criteria = criteria
        self.freeTextColumns = freeTextColumns
        self.detector = detector
        self.leakScan = IdentifierLeakScan(identifierValues)
        sensitive = criteria.lazy.compactMap(\.sensitiveAttribute).first.map { attribute in
            SensitiveReference(attribute: attribute, input: input, order: criteria.lazy.compactMap(\.sensitiveValueOrder).first)
        }
    }

    /// Runs every check on the rows to publish.
    public func check(_ published: Table) throws(PublicationError) {
        try checkCriteria(published)
        try checkText(published)
    }

    /// Recounts the equivalence classes of `published` and checks every criterion in each.
    public func checkCriteria(_ published: Table) throws(PublicationError) {
        guard published.rowCount > 0 else { throw .nothingToPublish }
        let classes: EquivalenceClasses
        do {
            classes = try EquivalenceClasses(published, quasiIdentifiers: quasiIdentifiers)
        } catch {
            throw .checkFailed("the published data lacks the quasi-identifier column \(error.columnName ?? "")")
        }
        var codes: [Int] = []
        if let sensitive { codes = try sensitive.codes(of: published) }
        let valueCount = sensitive?.distribution.count ?? 0
        var counts = [Int](repeating: 0, count: valueCount)
        for (members, size) in zip(Self.rowsByClass(classes), classes.sizes) {
            for row in members where valueCount > 0 { counts[codes[row]] += 1 }
            let summary = EquivalenceClassSummary(size: size, sensitiveCounts: counts[...],
                                                  tableDistribution: sensitive?.distribution ?? [])
            if let broken = criteria.first(where: { !$0.isSatisfied(by: summary) }) {
                throw .checkFailed("an equivalence class of \(size) rows does not satisfy \(broken.summary)")
            }
            for row in members where valueCount > 0 { counts[codes[row]] = 0 }
        }
    }

    /// Scans free text with the detector and every text column for identifiers of the input.
    public func checkText(_ published: Table) throws(PublicationError) {
        if let detector {
            for column in freeTextColumns {
                if let row = published.firstRow(in: column, where: { !detector.findings(in: $0).isEmpty }) {
                    throw .checkFailed("personal details are left in column \(column), published row \(row + 1)")
                }
            }
        }
        for field in published.schema.fields where field.type == .string {
            if let row = published.firstRow(in: field.name, where: leakScan.matches) {
                throw .checkFailed("an identifier of the input appears in column \(field.name), published row \(row + 1)")
            }
        }
    }

    /// The rows of each class, classes in order.
    private static func rowsByClass(_ classes: EquivalenceClasses) -> [[Int]] {
        var members = classes.sizes.map { size -> [Int] in
            var rows: [Int] = []
            rows.reserveCapacity(size)
            return rows
        }
        for (row, c) in classes.classOfRow.enumerated() { members[c].append(row) }
        return members
    }
}

/// The sensitive attribute as the criteria see it: its values numbered (by the
/// hierarchy's order where a criterion needs one) and their shares in the input.
private struct SensitiveReference: Sendable {
    let attribute: String
    let codeOfValue: [String: Int]
    let distribution: [Double]

    init(attribute: String, input: Table, order: GeneralizationHierarchy?) {
        self.attribute = attribute
        var codeOfValue: [String: Int] = [:]
        for (index, value) in (order?.values ?? []).enumerated() { codeOfValue[value] = index }
        var counts = [Int](repeating: 0, count: codeOfValue.count)
        for text in input.texts(of: attribute) {
            let value = text ?? ""
            if codeOfValue[value] == nil {
                codeOfValue[value] = counts.count
                counts.append(0)
            }
            counts[codeOfValue[value]!] += 1
        }
        self.codeOfValue = codeOfValue
        let total = Double(max(input.rowCount, 1))
        distribution = counts.map { Double($0) / total }
    }

    /// The code of each published row's value.
    func codes(of published: Table) throws(PublicationError) -> [Int] {
        guard published.column(named: attribute) != nil else {
            throw .checkFailed("the published data lacks the sensitive column \(attribute)")
        }
        var codes: [Int] = []
        codes.reserveCapacity(published.rowCount)
        for (row, text) in published.texts(of: attribute).enumerated() {
            guard let code = codeOfValue[text ?? ""] else {
                throw .checkFailed("published row \(row + 1) holds a value of \(attribute) that the input does not")
            }
            codes.append(code)
        }
        return codes
    }
}

extension PrivacyError {
    /// The column an ``unknownColumn(_:)`` error names.
    var columnName: String? {
        if case .unknownColumn(let name) = self { name } else { nil }
    }
}
