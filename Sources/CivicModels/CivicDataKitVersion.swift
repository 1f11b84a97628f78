/// The version of CivicDataKit, printed in reports and packages so a reader knows
/// which tool made them.
///
/// ```swift
/// print("made with CivicDataKit \(CivicDataKitVersion.current)")
/// ```
public enum CivicDataKitVersion {
    /// The current version (semantic versioning; 0.x while the API settles).
    public static let current = "0.5.0"
}
