import CivicModels

extension EncodedQuasiIdentifiers {
    /// Quasi-identifier `q` of every row at `level`, as the text column to publish:
    /// `*` for the rows of a suppressed class, else the row's generalised value.
    ///
    /// `bottom` holds the classes of the untransformed data and each row's class
    /// among them; `isSuppressed[b]` says whether bottom class `b` is suppressed.
    /// Each bottom class gets its value once, and a row costs one array lookup.
    /// The column's dictionary numbers the values in order of first appearance in
    /// the rows, as a column built row by row from the texts would: bottom classes
    /// are numbered by their first row, so their order gives the same numbering.
    func generalizedColumn(_ q: Int, at level: Int, bottom: BottomClasses,
                           isSuppressed: [Bool]) -> ColumnData {
        let labels = self.labels[q][level]
        // The suppressed rows' `*` is the level's own `*` where it has one.
        let star = labels.firstIndex(of: "*") ?? labels.count
        // The bottom's codes are level-0 codes; this takes them to `level`.
        let generalize = levelMap[q][0][level]
        let notYet = UInt32.max
        var columnCode = [UInt32](repeating: notYet, count: labels.count + 1)
        var texts: [String] = []
        let codeOfBottom = (0..<bottom.snapshot.count).map { b -> UInt32 in
            let label = isSuppressed[b] ? star : Int(generalize[Int(bottom.snapshot.code(of: b, in: q))])
            if columnCode[label] == notYet {
                columnCode[label] = UInt32(texts.count)
                texts.append(label < labels.count ? labels[label] : "*")
            }
            return columnCode[label]
        }
        var codes = [UInt32](repeating: 0, count: rowCount)
        bottom.classOfRow.withUnsafeBufferPointer { classOfRow in
            codeOfBottom.withUnsafeBufferPointer { codeOfBottom in
                codes.withUnsafeMutableBufferPointer { codes in
                    for row in 0..<codes.count { codes[row] = codeOfBottom[Int(classOfRow[row])] }
                }
            }
        }
        return ColumnData(storage: .text(codes: codes, dictionary: TextDictionary(texts)), missing: MissingMask(count: rowCount))
    }
}
