package cn.yinfeng.supervision;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.Times;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The problem list as the sheet a 项目调度会 works from: a title over the columns, the date and the counts under it,
 * one row per problem by county, category and deadline, with the unit, the leader, the deadline, the state and the
 * latest answer. The same filter and scope as the page; audited.
 */
@Service
class ProblemExport {

    private static final List<String> COLUMNS = List.of(
            "no",
            "code",
            "county",
            "project",
            "category",
            "title",
            "description",
            "unit",
            "leader",
            "deadline",
            "status",
            "answer",
            "raisedBy",
            "raisedAt");
    private static final int[] WIDTHS = {6, 13, 10, 30, 10, 24, 40, 18, 10, 12, 12, 40, 10, 12};

    private final ProblemList list;
    private final MessageSource messages;
    private final AuditLog audit;

    ProblemExport(ProblemList list, MessageSource messages, AuditLog audit) {
        this.list = list;
        this.messages = messages;
        this.audit = audit;
    }

    String fileName(Locale locale) {
        return msg("problem.meeting.title", locale) + "-" + LocalDate.now(Times.ZONE) + ".xlsx";
    }

    /** Writes the workbook; returns the number of problems listed. */
    int write(ProblemList.Filter f, Locale locale, OutputStream out) {
        List<ProblemList.Row> rows = list.meeting(f);
        ProblemList.Summary s = list.summary(f);
        try {
            Workbook wb = new Workbook(out, "Yinfeng", "1.0");
            Worksheet ws = wb.newWorksheet(msg("problem.meeting.sheet", locale));
            int last = COLUMNS.size() - 1;
            ws.value(0, 0, msg("problem.meeting.title", locale));
            ws.range(0, 0, 0, last).merge();
            ws.range(0, 0, 0, last)
                    .style()
                    .bold()
                    .fontSize(16)
                    .horizontalAlignment("center")
                    .set();
            ws.value(
                    1,
                    0,
                    messages.getMessage(
                            "problem.meeting.subtitle",
                            new Object[] {LocalDate.now(Times.ZONE), s.total(), s.open(), s.overdue()},
                            locale));
            ws.range(1, 0, 1, last).merge();
            for (int c = 0; c <= last; c++) {
                ws.value(2, c, msg("problem.col." + COLUMNS.get(c), locale));
                ws.width(c, WIDTHS[c]);
            }
            ws.range(2, 0, 2, last)
                    .style()
                    .bold()
                    .fillColor("DDEBF7")
                    .horizontalAlignment("center")
                    .borderStyle(BorderStyle.THIN)
                    .set();
            int r = 3;
            for (ProblemList.Row row : rows) {
                ws.value(r, 0, r - 2);
                ws.value(r, 1, row.code());
                ws.value(r, 2, row.countyName());
                ws.value(r, 3, row.projectCode() + " " + row.projectName());
                ws.value(r, 4, msg("problem.category." + row.category(), locale));
                ws.value(r, 5, row.title());
                ws.value(r, 6, row.description());
                ws.value(r, 7, row.unit());
                ws.value(r, 8, row.leaderName());
                ws.value(r, 9, row.deadline().toString());
                ws.value(
                        r,
                        10,
                        msg("task.status." + row.status(), locale)
                                + (row.overdue() ? "（" + msg("task.overdue", locale) + "）" : ""));
                ws.value(r, 11, row.answer());
                ws.value(r, 12, row.issuerName());
                ws.value(r, 13, Times.format(row.createdAt(), "yyyy-MM-dd"));
                ws.range(r, 0, r, last)
                        .style()
                        .wrapText(true)
                        .verticalAlignment("top")
                        .borderStyle(BorderStyle.THIN)
                        .set();
                r++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(
                "EXPORT",
                "supervision_problem",
                null,
                Outcome.SUCCESS,
                "xlsx " + rows.size() + " problems"
                        + (f.ids() == null ? "" : " selected " + f.ids().size()));
        return rows.size();
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
