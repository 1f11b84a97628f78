import CivicModels

/// The words the name recogniser knows: given and family names common among the
/// people German counselling services work with, titles ("Frau", "Mr"), labels
/// ("Name:", "Klientin:"), names that are also ordinary words ("Koch", "Mai"), and
/// frequent capitalised words of case notes that never continue a name.
///
/// Lookups take a word's bytes and allocate nothing.
struct NameLexicon: Sendable {
    struct Roles: OptionSet, Sendable {
        let rawValue: UInt8
        static let givenName = Roles(rawValue: 1)
        static let familyName = Roles(rawValue: 2)
        /// A name that is also an ordinary word: a name only next to another name or a title.
        static let ambiguous = Roles(rawValue: 4)
        /// A capitalised word that is not part of a name.
        static let notAName = Roles(rawValue: 8)
        static let title = Roles(rawValue: 16)
        static let label = Roles(rawValue: 32)
        /// On the organisation's allow-list: never redacted.
        static let allowed = Roles(rawValue: 64)

        static let anyName: Roles = [.givenName, .familyName]
    }

    private var words = TextDictionary()
    private var roles: [Roles] = []

    /// The built-in lexicon, plus an organisation's own names and allowed words.
    init(additionalNames: [String] = [], allowList: [String] = []) {
        add(list: Self.givenNames, as: .givenName)
        add(list: Self.familyNames, as: .familyName)
        add(list: Self.ambiguousNames, as: .ambiguous)
        add(list: Self.notNames, as: .notAName)
        add(list: Self.titles, as: .title)
        add(list: Self.labels, as: [.label, .notAName])
        for name in additionalNames {
            for part in name.split(whereSeparator: \.isWhitespace) { add(String(part), as: .anyName) }
        }
        for word in allowList { add(word, as: .allowed) }
    }

    private mutating func add(list: String, as role: Roles) {
        for word in list.split(whereSeparator: \.isWhitespace) { add(String(word), as: role) }
    }

    private mutating func add(_ word: String, as role: Roles) {
        let code = Int(words.code(for: word))
        if code == roles.count { roles.append(role) } else { roles[code].formUnion(role) }
    }

    /// What the word with these bytes is; empty for an unknown word.
    func roles(of word: UnsafeBufferPointer<UInt8>) -> Roles {
        words.existingCode(forUTF8: word).map { roles[Int($0)] } ?? []
    }

    static let titles = "Herr Herrn Frau Hr Fr Mr Mrs Ms Miss Mister Dr Prof Familie"

    static let labels = """
        Name Klient Klientin Client Patient Patientin Kontaktperson Ansprechpartner Ansprechpartnerin Betreuer
        Betreuerin Vermieter Vermieterin Ehemann Ehefrau Partner Partnerin Sohn Tochter Mutter Vater
        """

    static let givenNames = """
        Anna Sabine Katrin Julia Monika Petra Laura Lea Sandra Claudia Ursula Jana Nicole Stefanie Marie Sophie Heike
        Birgit Lena Karin Maria Andrea Susanne Christina Martina Kerstin Silke Anja Tanja Melanie Katharina Johanna Emma
        Mia Hannah Emilia Lina Clara Leonie Charlotte Ida Greta Helga Renate Ingrid Gisela Brigitte Elke Gabriele Barbara
        Christa Thomas Michael Andreas Stefan Jan Lukas Peter Klaus Jürgen Tobias Daniel Markus Uwe Felix Sebastian Dieter
        Paul Jonas Matthias Alexander Christian Martin Florian Wolfgang Hans Günter Horst Manfred Bernd Rainer Holger
        Thorsten Torsten Sven Dirk Jens Kai Lars Nils Tim Tom Max Moritz Leon Finn Noah Elias Ben Luca Niklas Philipp
        Simon David Julian Fabian Dennis Marcel Kevin Patrick Oliver Robert Joachim Heinz Karl Friedrich Georg
        Ayşe Fatma Emine Zeynep Elif Merve Hatice Büşra Esra Derya Songül Gül Özlem Hülya Sevgi Aylin Selin Melek Dilek
        Sibel Leyla Yasemin Tuğba Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Emre Murat Yusuf Kemal Cem Burak
        Serkan Volkan Osman Ömer Halil Recep Ramazan Erdem Okan Kaan Deniz Tarkan Orhan Ayse Huseyin Omer
        Fatima Aisha Mariam Noor Rana Huda Layla Amira Rasha Yasmin Salma Hanan Nour Dina Reem Samira Zainab Mohammed
        Mohamed Muhammad Ahmad Ahmed Omar Khaled Khalid Mahmoud Hassan Youssef Yousef Ibrahim Abdullah Samir Tarek
        Karim Bilal Hamza Walid Nabil Jamal Faisal Rami Fadi Ziad Majid Mazen Anas
        Olena Iryna Natalia Nataliya Tetiana Oksana Yulia Svetlana Anastasia Kateryna Olga Viktoria Ludmila Galina
        Tatjana Irina Elena Marina Oleksandr Andrii Serhii Dmytro Volodymyr Ivan Mykola Sergei Sergej Alexei Dmitri
        Yurii Vasyl Igor Oleg Pavel Nikolai Viktor Vladimir Anatolij Bogdan Taras Maksym Artem Denys
        Katarzyna Małgorzata Agnieszka Ewa Joanna Magdalena Zofia Aleksandra Dorota Beata Piotr Krzysztof Andrzej Tomasz
        Paweł Marcin Michał Grzegorz Jakub Łukasz Wojciech Marek Kamil
        Ioana Andreea Mihaela Ivanka Desislava Milica Jelena Gabriela Cristina Daniela Alina Roxana Gheorghe Constantin
        Mihai Andrei Georgi Dimitar Nikola Marko Vasile Florin Adrian Dragan Goran Zoran Emir Amir Edin
        Zahra Maryam Shabnam Farida Nargis Parwana Sima Laila Mina Fereshteh Parisa Mohammad Hamid Rahim Jawad Farid
        Nasir Wahid Reza Hossein Mehdi Sayed
        Helen Senait Selam Mebrat Tsega Hiwet Luwam Feven Tesfay Yonas Dawit Mehari Tekle Samuel Filmon Biniam Abraham
        Giulia Francesca Chiara Sara Valentina Alessandra Marco Giuseppe Alessandro Francesco Matteo Giovanni Antonio
        Lan Trang Ngoc Anh Hoa Huong Minh Duc Quang Hung Tuan Thanh Thi Linh
        John James Mary Sarah Emily William George Jack Amelia Jessica
        """

    static let familyNames = """
        Müller Schmidt Meyer Meier Wagner Becker Schulz Hoffmann Schröder Neumann Zimmermann Krüger Hartmann Werner
        Krause Lehmann Köhler Walter Böhm Schmitz Schulze Maier Mayer Huber Peters Scholz Möller Schubert Friedrich
        Günther Berger Winkler Beck Lorenz Baumann Franke Albrecht Ludwig Böhme Kraus Schumacher Krämer Vogt Otto Seidel
        Heinrich Brandt Schulte Dietrich Ziegler Kuhn Kühn Pohl Bergmann Voigt Arnold Wolff Pfeiffer
        Yılmaz Yilmaz Kaya Demir Şahin Sahin Çelik Celik Yıldız Yildiz Yıldırım Yildirim Öztürk Ozturk Aydın Aydin Özdemir
        Ozdemir Arslan Doğan Dogan Kılıç Kilic Aslan Koç Koc Özkan Şimşek Polat Korkmaz Çakır Erdoğan Aksoy
        Tekin Karaca Acar Avcı Güler Ateş Keskin
        Al-Ahmad Haddad Khalil Hussein Saleh Nasser Mansour Darwish Hamdan Al-Hassan Othman Suleiman Kassem Abdallah
        Khoury Najjar Hamoud Sabbagh Al-Khatib Al-Masri Aziz Rahman Jaber Shaker
        Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Ivanov Ivanova Petrov Petrova Smirnov Smirnova Popov
        Popova Boyko Marchenko Lysenko Rudenko Kuznetsov Kuznetsova Sokolov Volkov Morozov Novikov Savchenko Oliynyk
        Koval Shevchuk Polishchuk Kravets
        Nowak Kowalski Kowalska Wiśniewski Wiśniewska Wójcik Kowalczyk Kamiński Kamińska Lewandowski Lewandowska
        Zieliński Zielińska Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski
        Grabowski
        Popescu Ionescu Popa Dumitru Georgiev Dimitrov Petrović Jovanović Nikolić Stoica Stanciu Munteanu Matei Radu
        Todorov Ivanović Marković Đorđević Hodžić Hadžić Begić Kovačević
        Ahmadi Rahimi Hakimi Karimi Sultani Hashimi Popal Noori Sadat Haidari Mohammadi Hosseini Rezaei Jafari Azizi
        Nazari Amiri Safi Stanekzai Wardak
        Tesfamariam Gebremedhin Haile Berhane Kidane Woldu Asmerom Tekeste Tesfaye Gebru Habte Yohannes
        Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Gallo Conti
        Nguyen Pham Hoang Dang Bui Ngo Duong
        Smith Jones Williams Brown Taylor Davies Evans Wilson Johnson Roberts
        """

    /// Names that are also German or English words: "Koch" (cook), "Mai" (May),
    /// "Will". Alone they are words; next to a name or after a title, names.
    static let ambiguousNames = """
        Mai May June Will Mark Grace Hope Rose Bill Can Nur Van Ion Stan Hai Le Do Ly Vu Tran
        Lange Klein Wolf Koch Braun Schwarz Richter Bauer Fischer Schneider Weber Walter Frank Ernst Kaiser König
        Vogel Fuchs Hahn Sommer Winter Graf Engel Horn Busch Stein Jung Groß Lang Weiß Jäger Sauer Schreiber Schuster
        Keller Roth Haas Martin Simon Thomas Bruno Kurt Marin Constantin
        """

    /// Capitalised words frequent in case notes that never continue a name.
    static let notNames = """
        Termin Termine Beratung Gespräch Erstgespräch Antrag Anträge Jobcenter Miete Mietschuld Schulden Kinder Kind
        Familie Wohnung Arbeit Unterlagen Bescheid Widerspruch Woche Wochen Monat Monate Jahr Jahre Tag Tage Montag
        Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar März April Juni Juli August September
        Oktober November Dezember Uhr Euro EUR Konto Kontoverbindung Rückruf Kontakt Telefon Handy Mail E-Mail Adresse
        Anschrift Straße Bank Sparkasse Amt Ausländerbehörde Sozialamt Krankenkasse Arzt Ärztin Schule Kita Deutsch
        Deutschkurs Sprachkurs Integrationskurs Wohngeld Kindergeld Bürgergeld Rente Gläubiger Dolmetscher
        Dolmetscherin Situation Hilfe Unterstützung Bitte Danke Heute Morgen Gestern Ende Anfang Nachricht Brief
        Schreiben Post Unterschrift Vollmacht Steuer-ID Steuer Versicherung Nummer IBAN Geburtsdatum Geburtstag Rechnung
        Zahlung Ratenzahlung Vereinbarung Zusage Absage Frist Vertrag Kündigung Umzug Wohngeldantrag Praxis Klinik
        Appointment Client Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June
        July August October December The A An He She They We I It This That And But Der Die Das Den Dem Des Ein Eine
        Einen Er Sie Wir Es Ich Am Im In Mit Von Vom Zu Zum Zur Bei Beim Nach Für Auf An Aus Und Oder Aber Wegen
        Laut Per Über Unter Vor Seit Bis Heute Noch Auch Nur Sehr Kein Keine Alle Ist Hat Wurde Wird Soll Kann
        """
}
