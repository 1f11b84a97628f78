import CivicModels
import CivicPrivacy

/// With the person key published, a reader sees all of a person's rows together:
/// the person's *profile* is the set of their published quasi-identifier
/// combinations, and it must be shared by at least `k` persons. Persons whose
/// profile is rarer are suppressed whole (all their rows).
///
/// Every class a remaining person falls in then holds every person of the same
/// profile, so class-level k-anonymity still holds; the audit checks the rest.
///
/// - Returns: `isSuppressed` with the rows of persons of rare profiles added.
/// - Throws: ``PublicationError/wholePersonsExceedSuppression(rows:allowed:)`` when
///   that leaves out more rows than `suppressionLimit` allows.
func suppressingRarePersonProfiles(_ generalized: Table, quasiIdentifiers: [String], persons: PrivacyUnits,
                                   isSuppressed: [Bool], k: Int, suppressionLimit: Double) throws(PublicationError) -> [Bool] {
    let columns = quasiIdentifiers.compactMap { generalized.column(named: $0) }
    var profileOf: [Int32: Set<[String]>] = [:]
    for row in 0..<generalized.rowCount where !isSuppressed[row] {
        profileOf[persons.personOfRow[row], default: []].insert(columns.map { $0.value(at: row).description })
    }
    var sharing: [Set<[String]>: Int] = [:]
    for profile in profileOf.values { sharing[profile, default: 0] += 1 }
    let rare = Set(profileOf.filter { sharing[$0.value]! < k }.keys)
    let suppressed = isSuppressed.indices.map { isSuppressed[$0] || rare.contains(persons.personOfRow[$0]) }
    let allowed = Int((suppressionLimit * Double(generalized.rowCount) + 1e-9).rounded(.down))
    let total = suppressed.lazy.filter { $0 }.count
    guard total <= allowed else { throw .wholePersonsExceedSuppression(rows: total, allowed: allowed) }
    return suppressed
}
