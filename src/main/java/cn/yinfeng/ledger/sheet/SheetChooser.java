package cn.yinfeng.ledger.sheet;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Picks the sheet of a workbook that looks like the kind's ledger — the one whose header the kind recognises best,
 * the first of equals — so a 汇总 sheet before the data sheet is passed over. The user may name another.
 */
public final class SheetChooser {

    public record Choice(int sheet, String name, Header header) {}

    private SheetChooser() {}

    public static Optional<Choice> choose(WorkbookReader reader, Function<String, String> fieldOf, String keyField) {
        Choice best = null;
        int bestScore = 0;
        for (int s = 0; s < reader.sheetNames().size(); s++) {
            var head = reader.head(s, HeaderFinder.SCAN + 3);
            var header = HeaderFinder.find(head, fieldOf, keyField);
            if (header.isEmpty()) {
                continue;
            }
            int score = (int) header.get().columns().stream()
                    .map(c -> fieldOf.apply(c.name()))
                    .filter(Objects::nonNull)
                    .distinct()
                    .count();
            if (score > bestScore) {
                best = new Choice(s, reader.sheetNames().get(s), header.get());
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The header of the sheet the user named; empty when the kind finds none there. */
    public static Optional<Choice> in(
            WorkbookReader reader, int sheet, Function<String, String> fieldOf, String keyField) {
        return HeaderFinder.find(reader.head(sheet, HeaderFinder.SCAN + 3), fieldOf, keyField)
                .map(h -> new Choice(sheet, reader.sheetNames().get(sheet), h));
    }
}
