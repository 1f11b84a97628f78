import CivicModels

extension Publication {
    /// What publishing `input` with these settings would do, without writing anything:
    /// the publication runs in full (anonymisation and audit), and only column names,
    /// level names and counts are kept (see ``PublicationPreview``).
    ///
    /// - Throws: what ``run(_:inputName:progress:)`` throws, so a preview fails
    ///   exactly where the publication would.
    public func preview(_ input: Table, inputName: String) throws -> PublicationPreview {
        PublicationPreview(try run(input, inputName: inputName), input: input)
    }
}
