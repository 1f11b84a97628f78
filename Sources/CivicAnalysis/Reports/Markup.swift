/// `text` made safe inside HTML or XML: as element content and as an attribute
/// value in either kind of quotes. The reports, the charts' SVG and the pages of
/// apps that build HTML (civic-studio) all escape through this one function.
///
/// ```swift
/// let cell = "<td>\(escapeMarkup("Müller & Söhne <GmbH>"))</td>"
/// // <td>Müller &amp; Söhne &lt;GmbH&gt;</td>
/// ```
public func escapeMarkup(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}
