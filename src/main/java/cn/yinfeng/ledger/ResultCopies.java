package cn.yinfeng.ledger;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.ledger.ImportBatches.Status;
import cn.yinfeng.ledger.Imports.Report;
import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.ledger.sheet.AnnotatedCopy;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** The copy of a previewed file with its results, for the clerk to fix their own file in their own layout. */
@Service
public class ResultCopies {

    private final ImportBatches batches;
    private final ImportRunner runner;
    private final CurrentUser currentUser;
    private final MessageSource messages;
    private final Parses parses;

    ResultCopies(
            ImportBatches batches,
            ImportRunner runner,
            CurrentUser currentUser,
            MessageSource messages,
            Parses parses) {
        this.batches = batches;
        this.runner = runner;
        this.currentUser = currentUser;
        this.messages = messages;
        this.parses = parses;
    }

    /** Where a file goes once it is known to exist: the response is only made an attachment then. */
    @FunctionalInterface
    public interface Target {
        /** @param format the file's format, as its extension: xlsx, xls or csv */
        OutputStream open(String format) throws IOException;
    }

    /**
     * The clerk's own file back, in its own format and layout, with a 导入结果 column after the last: each data row's
     * outcome and reasons, and why a 合计 or footer row was skipped (see {@link AnnotatedCopy}). A batch that is not
     * the caller's, is missing or has no report (any more) is not found before {@code target} is opened, so the
     * answer is a plain 404.
     */
    public void write(long batchId, Locale locale, Target target) throws IOException {
        var row = batches.owned(batchId, currentUser.require().id(), Status.PREVIEWED)
                .orElseThrow(() -> new NotFoundException("import", batchId));
        ImportKind kind = row.kind();
        byte[] file = row.file();
        Report report = runner.run(
                kind, file, locale, false, null, ImportProgress.NONE, false, row.options(), row.fileName(), null);
        var read = runner.read(kind, file, row.options(), false);
        var texts = new HashMap<Integer, String>();
        for (RowResult r : report.results()) {
            String outcome = messages.getMessage("import.outcome." + r.outcome(), null, locale);
            var notes = new ArrayList<String>();
            String blank = messages.getMessage("ledger.blank", null, locale);
            r.changes()
                    .forEach(c -> notes.add(messages.getMessage(
                            "ledger.change",
                            new Object[] {
                                c.column(), c.from().isEmpty() ? blank : c.from(), c.to().isEmpty() ? blank : c.to()
                            },
                            locale)));
            notes.addAll(r.problems());
            texts.put(r.rowNumber(), notes.isEmpty() ? outcome : outcome + "：" + String.join("；", notes));
        }
        byte[] copy = parses.run(
                false,
                () -> AnnotatedCopy.of(
                        file,
                        read.sheet(),
                        read.width(),
                        messages.getMessage("import.resultColumn", null, locale),
                        read.headerFirstRow(),
                        texts,
                        List.of()));
        try (OutputStream out = target.open(read.format())) {
            out.write(copy);
        }
    }
}
