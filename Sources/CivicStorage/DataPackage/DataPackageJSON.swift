import CivicModels
import Foundation

/// The JSON shape of `datapackage.json` (Frictionless Data Package v1 and Table
/// Schema), kept apart from the model so that the model stays typed and the JSON
/// stays exactly what the specification says.
enum DataPackageJSON {
    struct Package: Codable {
        var name: String
        var profile: String?
        var title: String?
        var description: String?
        var created: String?
        var licenses: [DataPackage.License]?
        var sources: [DataPackage.Source]?
        var contributors: [DataPackage.Contributor]?
        var resources: [Resource]

        init(_ package: DataPackage) {
            name = package.name
            profile = package.profile
            title = package.title
            description = package.description
            created = package.created
            licenses = package.licenses.isEmpty ? nil : package.licenses
            sources = package.sources.isEmpty ? nil : package.sources
            contributors = package.contributors.isEmpty ? nil : package.contributors
            resources = package.resources.map(Resource.init)
        }

        func model() throws -> DataPackage {
            DataPackage(name: name, title: title, description: description, created: created,
                        profile: profile ?? "data-package", licenses: licenses ?? [], sources: sources ?? [],
                        contributors: contributors ?? [], resources: try resources.map { try $0.model() })
        }
    }

    struct Resource: Codable {
        var name: String
        var path: String
        var profile: String?
        var title: String?
        var description: String?
        var format: String?
        var mediatype: String?
        var encoding: String?
        var dialect: Dialect?
        var schema: TableSchema

        init(_ resource: DataPackage.Resource) {
            name = resource.name
            path = resource.path
            profile = "tabular-data-resource"
            title = resource.title
            description = resource.description
            format = "csv"
            mediatype = "text/csv"
            encoding = resource.dialect.encoding.rawValue
            dialect = Dialect(resource.dialect)
            schema = TableSchema(resource.schema)
        }

        func model() throws -> DataPackage.Resource {
            var csvDialect = dialect?.model() ?? .standard
            if let encoding, let known = TextEncoding(rawValue: encoding.lowercased()) { csvDialect.encoding = known }
            return DataPackage.Resource(name: name, path: path, title: title, description: description,
                                        dialect: csvDialect, schema: try schema.model())
        }
    }

    struct Dialect: Codable {
        var delimiter: String?
        var quoteChar: String?
        var header: Bool?
        var lineTerminator: String?

        init(_ dialect: CSVDialect) {
            delimiter = String(UnicodeScalar(dialect.separator))
            quoteChar = String(UnicodeScalar(dialect.quote))
            header = dialect.hasHeader
            lineTerminator = dialect.lineEnding == .crlf ? "\r\n" : "\n"
        }

        func model() -> CSVDialect {
            var dialect = CSVDialect.standard
            if let byte = delimiter?.utf8.first { dialect.separator = byte }
            if let byte = quoteChar?.utf8.first { dialect.quote = byte }
            if let header { dialect.hasHeader = header }
            if lineTerminator == "\r\n" { dialect.lineEnding = .crlf }
            return dialect
        }
    }

    struct TableSchema: Codable {
        var fields: [FieldJSON]
        var missingValues: [String]?
        var primaryKey: [String]?

        init(_ schema: Schema) {
            fields = schema.fields.map(FieldJSON.init)
            missingValues = schema.missingValues
            primaryKey = schema.primaryKey.isEmpty ? nil : schema.primaryKey
        }

        func model() throws -> Schema {
            Schema(fields: try fields.map { try $0.model() }, missingValues: missingValues ?? [""],
                   primaryKey: primaryKey ?? [])
        }
    }

    struct FieldJSON: Codable {
        var name: String
        var type: String?
        var format: String?
        var title: String?
        var description: String?
        var constraints: Constraints?
        /// CivicDataKit's privacy role; other tools ignore unknown properties.
        var role: String?

        init(_ field: Field) {
            name = field.name
            type = field.type.rawValue
            format = field.format
            title = field.title
            description = field.description
            constraints = field.constraints.isEmpty ? nil : Constraints(field.constraints)
            role = field.role.rawValue
        }

        func model() throws -> Field {
            let fieldType: FieldType
            if let type {
                guard let known = FieldType(rawValue: type) else {
                    throw DataPackageError(file: nil, reason: .invalid("field '\(name)' has the unsupported type '\(type)'"))
                }
                fieldType = known
            } else {
                fieldType = .string  // the Table Schema default
            }
            var fieldRole = AttributeRole.insensitive
            if let role {
                guard let known = AttributeRole(rawValue: role) else {
                    throw DataPackageError(file: nil, reason: .invalid("field '\(name)' has the unknown role '\(role)'"))
                }
                fieldRole = known
            }
            return Field(name, type: fieldType, role: fieldRole, format: format, title: title,
                         description: description, constraints: constraints?.model() ?? .none)
        }
    }

    struct Constraints: Codable {
        var required: Bool?
        var unique: Bool?
        var minimum: Scalar?
        var maximum: Scalar?
        var `enum`: [Scalar]?
        var pattern: String?
        var minLength: Int?
        var maxLength: Int?

        init(_ constraints: FieldConstraints) {
            required = constraints.required ? true : nil
            unique = constraints.unique ? true : nil
            minimum = constraints.minimum.map(Scalar.init)
            maximum = constraints.maximum.map(Scalar.init)
            self.enum = constraints.allowedValues?.map(Scalar.init)
            pattern = constraints.pattern
            minLength = constraints.minLength
            maxLength = constraints.maxLength
        }

        func model() -> FieldConstraints {
            FieldConstraints(required: required ?? false, unique: unique ?? false, minimum: minimum?.value,
                             maximum: maximum?.value, allowedValues: self.enum?.map(\.value), pattern: pattern,
                             minLength: minLength, maxLength: maxLength)
        }
    }

    /// A constraint value: JSON number, string or boolean. Dates are strings in
    /// JSON and come back as dates when they have the ISO form.
    struct Scalar: Codable {
        var value: Value

        init(_ value: Value) { self.value = value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let integer = try? container.decode(Int64.self) { value = .integer(integer) }
            else if let number = try? container.decode(Double.self) { value = .number(number) }
            else if let boolean = try? container.decode(Bool.self) { value = .boolean(boolean) }
            else {
                let text = try container.decode(String.self)
                let date = Array(text.utf8).withUnsafeBufferPointer { CSVValueParser().date($0) }
                value = date.map(Value.date) ?? .text(text)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch value {
            case .integer(let v): try container.encode(v)
            case .number(let v): try container.encode(v)
            case .boolean(let v): try container.encode(v)
            case .date(let v): try container.encode(v.isoString)
            case .text(let v): try container.encode(v)
            case .missing: try container.encodeNil()
            }
        }
    }
}
