import Foundation

extension DecodingError {
    /// Where in a JSON or YAML document decoding failed, in one line for people
    /// (`missing 'privacy'`, `wrong kind of value at 'privacy.k'`).
    public var summary: String {
        func path(_ context: Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)'" + (context.codingPath.isEmpty ? "" : " in '\(path(context))'")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong kind of value at '\(path(context))'"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not readable (\(context.debugDescription))"
                : "'\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "\(self)"
        }
    }
}
