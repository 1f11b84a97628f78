import CivicModels
import Foundation

/// A column to generalise, with the hierarchy that says how.
public struct QuasiIdentifier: Sendable {
    /// The column name.
    public var name: String
    /// How its values become coarser.
    public var hierarchy: GeneralizationHierarchy
    /// How much its loss counts against the others' in Loss (1 for all: ARX's
    /// unweighted Loss); a column readers need most gets more.
    public var weight: Double

    /// Creates a quasi-identifier.
    public init(_ name: String, hierarchy: GeneralizationHierarchy, weight: Double = 1) {
        self.name = name
        self.hierarchy = hierarchy
        self.weight = weight
    }
}
