/// Word lists for realistic German case data: Berlin districts with their
/// postcodes, nationalities with name pools, services, note templates.
///
/// The names are common given and family names of the communities German
/// counselling services work with; combined at random they describe no real person.
enum GermanVocabulary {
    /// Berlin districts, their postcodes, and how often clients live there.
    static let districts: [(name: String, zips: [String], weight: Int)] = [
        ("Mitte", ["10115", "10117", "10119", "10178", "10179", "10551", "10553", "10555", "10557", "13347", "13349", "13351", "13353", "13355", "13357", "13359"], 14),
        ("Friedrichshain-Kreuzberg", ["10243", "10245", "10247", "10249", "10961", "10963", "10965", "10967", "10969", "10997", "10999"], 12),
        ("Pankow", ["10405", "10407", "10409", "10437", "10439", "13086", "13088", "13089", "13156", "13158", "13187", "13189"], 7),
        ("Charlottenburg-Wilmersdorf", ["10585", "10587", "10589", "10623", "10625", "10627", "10629", "10707", "10709", "10711", "10713", "14050"], 6),
        ("Spandau", ["13581", "13583", "13585", "13587", "13589", "13591", "13593", "13595", "13597", "13599"], 8),
        ("Steglitz-Zehlendorf", ["12157", "12161", "12163", "12165", "12167", "12169", "12203", "12205", "12207", "14163", "14165", "14167"], 4),
        ("Tempelhof-Schöneberg", ["10777", "10779", "10781", "10783", "10823", "10825", "10827", "10829", "12099", "12101", "12103", "12105", "12107", "12109"], 9),
        ("Neukölln", ["12043", "12045", "12047", "12049", "12051", "12053", "12055", "12057", "12059", "12347", "12349", "12351", "12353", "12355", "12357", "12359"], 16),
        ("Treptow-Köpenick", ["12435", "12437", "12439", "12459", "12487", "12489", "12524", "12526", "12527", "12555", "12557", "12559"], 4),
        ("Marzahn-Hellersdorf", ["12619", "12621", "12623", "12627", "12629", "12679", "12681", "12683", "12685", "12687", "12689"], 7),
        ("Lichtenberg", ["10315", "10317", "10318", "10319", "10365", "10367", "10369", "13051", "13053", "13055", "13057", "13059"], 7),
        ("Reinickendorf", ["13403", "13405", "13407", "13409", "13435", "13437", "13439", "13465", "13467", "13469", "13503", "13505"], 6),
    ]

    /// A pool of names used by one or more nationalities.
    struct NamePool {
        let female: [String]
        let male: [String]
        let family: [String]
    }

    static let german = NamePool(
        female: ["Anna", "Sabine", "Katrin", "Julia", "Monika", "Petra", "Laura", "Lea", "Sandra", "Claudia", "Ursula", "Jana", "Nicole", "Stefanie", "Marie", "Sophie", "Heike", "Birgit", "Lena", "Karin"],
        male: ["Thomas", "Michael", "Andreas", "Stefan", "Jan", "Lukas", "Peter", "Frank", "Klaus", "Jürgen", "Tobias", "Daniel", "Markus", "Uwe", "Felix", "Sebastian", "Dieter", "Paul", "Jonas", "Matthias"],
        family: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Walter", "Böhm"])
    static let turkish = NamePool(
        female: ["Ayşe", "Fatma", "Emine", "Zeynep", "Elif", "Merve", "Hatice", "Büşra", "Esra", "Derya", "Songül", "Gül"],
        male: ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Emre", "Murat", "Yusuf", "Kemal", "Cem"],
        family: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Koç"])
    static let arabic = NamePool(
        female: ["Fatima", "Aisha", "Mariam", "Noor", "Rana", "Huda", "Layla", "Amira", "Rasha", "Yasmin", "Salma", "Hanan"],
        male: ["Mohammed", "Ahmad", "Omar", "Khaled", "Mahmoud", "Hassan", "Ali", "Youssef", "Ibrahim", "Abdullah", "Samir", "Tarek"],
        family: ["Al-Ahmad", "Haddad", "Khalil", "Hussein", "Ibrahim", "Saleh", "Nasser", "Mansour", "Darwish", "Hamdan", "Al-Hassan", "Othman", "Suleiman", "Kassem"])
    static let eastSlavic = NamePool(
        female: ["Olena", "Iryna", "Natalia", "Tetiana", "Oksana", "Yulia", "Svetlana", "Anastasia", "Kateryna", "Olga", "Maria", "Viktoria"],
        male: ["Oleksandr", "Andrii", "Serhii", "Dmytro", "Volodymyr", "Ivan", "Mykola", "Sergei", "Alexei", "Dmitri", "Yurii", "Vasyl"],
        family: ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Ivanov", "Petrov", "Smirnov", "Popova", "Boyko", "Marchenko", "Lysenko", "Rudenko"])
    static let polish = NamePool(
        female: ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Joanna", "Magdalena", "Zofia", "Monika"],
        male: ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Marcin", "Michał", "Grzegorz", "Jakub", "Łukasz"],
        family: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski"])
    static let southEastEuropean = NamePool(
        female: ["Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Ivanka", "Desislava", "Milica", "Jelena", "Gabriela", "Cristina", "Daniela"],
        male: ["Ion", "Gheorghe", "Constantin", "Mihai", "Andrei", "Georgi", "Dimitar", "Nikola", "Marko", "Stefan", "Vasile", "Florin"],
        family: ["Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Georgiev", "Dimitrov", "Petrović", "Jovanović", "Nikolić", "Constantin", "Stoica"])
    static let afghan = NamePool(
        female: ["Zahra", "Fatima", "Maryam", "Shabnam", "Farida", "Nargis", "Parwana", "Sima", "Laila", "Mina"],
        male: ["Ahmad", "Mohammad", "Mustafa", "Ali", "Hamid", "Rahim", "Jawad", "Farid", "Nasir", "Wahid"],
        family: ["Ahmadi", "Rahimi", "Hakimi", "Karimi", "Sultani", "Hashimi", "Popal", "Noori", "Sadat", "Haidari"])
    static let eritrean = NamePool(
        female: ["Helen", "Senait", "Selam", "Mebrat", "Tsega", "Hiwet", "Luwam", "Feven"],
        male: ["Tesfay", "Yonas", "Dawit", "Mehari", "Tekle", "Samuel", "Filmon", "Biniam"],
        family: ["Tesfamariam", "Gebremedhin", "Haile", "Berhane", "Kidane", "Woldu", "Asmerom", "Tekeste"])
    static let italian = NamePool(
        female: ["Giulia", "Francesca", "Chiara", "Sara", "Valentina", "Alessandra"],
        male: ["Marco", "Luca", "Giuseppe", "Alessandro", "Francesco", "Matteo"],
        family: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"])
    static let vietnamese = NamePool(
        female: ["Thi Lan", "Thu Trang", "Ngoc Anh", "Thi Hoa", "Mai", "Huong"],
        male: ["Van Minh", "Duc Anh", "Quang", "Van Hung", "Tuan", "Thanh"],
        family: ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"])

    /// Nationalities (as German case files write them), their name pool and weight.
    static let nationalities: [(name: String, pool: NamePool, weight: Int)] = [
        ("deutsch", german, 44), ("türkisch", turkish, 10), ("syrisch", arabic, 9), ("ukrainisch", eastSlavic, 7),
        ("polnisch", polish, 5), ("rumänisch", southEastEuropean, 4), ("afghanisch", afghan, 4),
        ("irakisch", arabic, 3), ("bulgarisch", southEastEuropean, 3), ("russisch", eastSlavic, 3),
        ("eritreisch", eritrean, 2), ("italienisch", italian, 2), ("vietnamesisch", vietnamese, 2),
        ("serbisch", southEastEuropean, 1), ("libanesisch", arabic, 1),
    ]

    /// Counselling services and how often they are used.
    static let services: [(String, Int)] = [
        ("Sozialberatung", 20), ("Migrationsberatung", 15), ("Schuldnerberatung", 15),
        ("Wohnungsnotfallhilfe", 10), ("Familienberatung", 10), ("Suchtberatung", 8),
        ("Erziehungsberatung", 8), ("Schwangerschaftsberatung", 7), ("Arbeitsmarktberatung", 7),
    ]

    /// Note sentences without personal data.
    static let plainNotes = [
        "Erstgespräch geführt, Unterlagen zur Mietschuld besprochen.",
        "Bescheid vom Jobcenter geprüft; Widerspruch vorbereitet.",
        "Termin verschoben, nächster Termin in zwei Wochen.",
        "Dolmetscherin für das nächste Gespräch angefragt.",
        "Antrag auf Wohngeld gemeinsam ausgefüllt.",
        "Haushaltsplan erstellt, Ratenzahlung mit Gläubiger besprochen.",
        "Kita-Platz-Suche begonnen, Unterlagen fehlen noch.",
        "Weitervermittlung an Fachstelle besprochen.",
        "Klient:in wirkt belastet; Angebot der psychosozialen Beratung gemacht.",
        "Unterlagen vollständig, Antrag abgeschickt.",
        "Kontakt zur Vermieterin aufgenommen, Räumung vorerst abgewendet.",
        "Sprachkurs-Anmeldung unterstützt.",
        "Telefonische Rücksprache, Situation stabil.",
        "Schufa-Auskunft angefordert.",
    ]
}
