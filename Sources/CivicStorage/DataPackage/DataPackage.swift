import CivicModels
import Foundation

/// A Frictionless data package: the `datapackage.json` that describes published
/// data (title, licence, sources, and for each resource its file and Table Schema).
///
/// Frictionless is the open standard for describing datasets
/// (<https://specs.frictionlessdata.io>); portals such as GovData and CKAN read it.
///
/// ```swift
/// var package = DataPackage(name: "beratungsfaelle-2025", title: "Beratungsfälle 2025")
/// package.licenses = [.ccBy4]
/// package.resources = [DataPackage.Resource(name: "cases", path: "data/cases.csv", schema: table.schema)]
/// try package.write(to: folder.appendingPathComponent("datapackage.json"))
/// ```
///
/// ## Topics
/// - ``Resource``
/// - ``License``
/// - ``Source``
/// - ``read(from:)``
/// - ``write(to:)``
public struct DataPackage: Sendable, Equatable {
    /// A machine name: lower case, digits, `-`, `_`, `.`.
    public var name: String
    /// The package profile; `tabular-data-package` when every resource is a table.
    public var profile: String
    /// A human title.
    public var title: String?
    /// What the data is and how it was made.
    public var description: String?
    /// When the package was made (ISO 8601).
    public var created: String?
    /// Under which licences the data may be used.
    public var licenses: [License]
    /// Where the data comes from.
    public var sources: [Source]
    /// Who made it.
    public var contributors: [Contributor]
    /// The data files.
    public var resources: [Resource]

    /// Creates a package.
    public init(name: String, title: String? = nil, description: String? = nil, created: String? = nil,
                profile: String = "tabular-data-package", licenses: [License] = [], sources: [Source] = [],
                contributors: [Contributor] = [], resources: [Resource] = []) {
        self.name = name
        self.profile = profile
        self.title = title
        self.description = description
        self.created = created
        self.licenses = licenses
        self.sources = sources
        self.contributors = contributors
        self.resources = resources
    }

    /// A licence, by its SPDX-style name.
    public struct License: Codable, Sendable, Equatable {
        /// The identifier (`CC-BY-4.0`, `ODbL-1.0`, `dl-de-by-2.0`).
        public var name: String
        /// Where the licence text is.
        public var path: String?
        /// Its human name.
        public var title: String?

        /// Creates a licence entry.
        public init(name: String, path: String? = nil, title: String? = nil) {
            self.name = name
            self.path = path
            self.title = title
        }

        /// Creative Commons Attribution 4.0.
        public static let ccBy4 = License(name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/",
                                          title: "Creative Commons Attribution 4.0")
        /// Open Data Commons Open Database License 1.0.
        public static let odbl = License(name: "ODbL-1.0", path: "https://opendatacommons.org/licenses/odbl/1-0/",
                                         title: "Open Data Commons Open Database License 1.0")
        /// Datenlizenz Deutschland – Namensnennung – Version 2.0.
        public static let dlDeBy2 = License(name: "dl-de-by-2.0", path: "https://www.govdata.de/dl-de/by-2-0",
                                            title: "Datenlizenz Deutschland – Namensnennung – Version 2.0")
    }

    /// Where data comes from.
    public struct Source: Codable, Sendable, Equatable {
        /// A name for the source.
        public var title: String
        /// A link, if there is one.
        public var path: String?

        /// Creates a source entry.
        public init(title: String, path: String? = nil) {
            self.title = title
            self.path = path
        }
    }

    /// A person or organisation that made the package.
    public struct Contributor: Codable, Sendable, Equatable {
        /// The name.
        public var title: String
        /// Their role (`publisher`, `author`, ...).
        public var role: String?

        /// Creates a contributor entry.
        public init(title: String, role: String? = nil) {
            self.title = title
            self.role = role
        }
    }

    /// One data file of the package with its schema.
    public struct Resource: Sendable, Equatable {
        /// A machine name.
        public var name: String
        /// The file, relative to `datapackage.json`.
        public var path: String
        /// A human title.
        public var title: String?
        /// What the file holds.
        public var description: String?
        /// The CSV dialect of the file.
        public var dialect: CSVDialect
        /// The Table Schema of the file.
        public var schema: Schema

        /// Creates a tabular resource.
        public init(name: String, path: String, title: String? = nil, description: String? = nil,
                    dialect: CSVDialect = .standard, schema: Schema) {
            self.name = name
            self.path = path
            self.title = title
            self.description = description
            self.dialect = dialect
            self.schema = schema
        }
    }
}

extension DataPackage {
    /// Reads a `datapackage.json`.
    ///
    /// - Throws: ``DataPackageError`` when the file is missing, is not JSON, or does
    ///   not describe a package.
    public static func read(from url: URL) throws -> DataPackage {
        let bytes: Foundation.Data
        do { bytes = try Foundation.Data(contentsOf: url) } catch {
            throw DataPackageError(file: url.path, reason: .unreadable("\(error.localizedDescription)"))
        }
        do {
            return try JSONDecoder().decode(DataPackageJSON.Package.self, from: bytes).model()
        } catch let error as DataPackageError {
            throw DataPackageError(file: url.path, reason: error.reason)
        } catch let error as DecodingError {
            throw DataPackageError(file: url.path, reason: .invalid(error.summary))
        } catch {
            throw DataPackageError(file: url.path, reason: .invalid("\(error)"))
        }
    }

    /// The package as JSON text (sorted keys, indented, a stable diff).
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(DataPackageJSON.Package(self)), as: UTF8.self)
    }

    /// Writes `datapackage.json` atomically.
    public func write(to url: URL) throws {
        let file = try AtomicFile(destination: url)
        try file.write(Array(try jsonString().utf8) + [10])
        try file.commit()
    }
}

/// Why a `datapackage.json` could not be read.
public struct DataPackageError: Error, Equatable, Sendable {
    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be read.
        case unreadable(String)
        /// The JSON does not describe a valid package; the text says where.
        case invalid(String)
    }

    /// The file.
    public var file: String?
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(file: String?, reason: Reason) {
        self.file = file
        self.reason = reason
    }
}

extension DataPackageError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        let prefix = file.map { "\($0): " } ?? ""
        switch reason {
        case .unreadable(let detail):
            return prefix + language.pick(de: "Datei nicht lesbar (\(detail)).", en: "cannot read the file (\(detail)).")
        case .invalid(let detail):
            return prefix + language.pick(de: "kein gültiges Datenpaket: \(detail)", en: "not a valid data package: \(detail)")
        }
    }
}
