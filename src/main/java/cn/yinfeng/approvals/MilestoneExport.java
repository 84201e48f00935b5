package cn.yinfeng.approvals;

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
 * The approval milestones as the sheet a 项目调度会 reads: a title, the date and counts under it, one row per step by
 * county, project and step with its unit, leader, limit, dates, deadline, status and days over; a second sheet of
 * the counts per step with its 合计 row. The same filter and scope as the page; audited.
 */
@Service
class MilestoneExport {

    private static final List<String> COLUMNS = List.of(
            "no",
            "county",
            "project",
            "step",
            "unit",
            "leader",
            "limit",
            "planned",
            "started",
            "deadline",
            "done",
            "status",
            "daysOver",
            "note");
    private static final int[] WIDTHS = {6, 10, 34, 12, 22, 10, 8, 12, 12, 12, 12, 10, 9, 30};
    private static final List<String> STEP_COLUMNS =
            List.of("step", "limit", "total", "done", "doneLate", "overdue", "open", "average", "onTime");

    private final MilestoneList list;
    private final MessageSource messages;
    private final AuditLog audit;

    MilestoneExport(MilestoneList list, MessageSource messages, AuditLog audit) {
        this.list = list;
        this.messages = messages;
        this.audit = audit;
    }

    String fileName(Locale locale) {
        return msg("approval.export.title", locale) + "-" + LocalDate.now(Times.ZONE) + ".xlsx";
    }

    /** Writes the workbook; returns the number of milestones listed. */
    int write(MilestoneList.Filter f, Locale locale, OutputStream out) {
        List<MilestoneList.Row> rows = list.all(f);
        MilestoneList.Summary s = list.summary(f);
        boolean en = "en".equals(locale.getLanguage());
        try {
            Workbook wb = new Workbook(out, "Yinfeng", "1.0");
            Worksheet ws = wb.newWorksheet(msg("approval.export.sheet", locale));
            int last = COLUMNS.size() - 1;
            title(ws, last, locale, s);
            header(ws, COLUMNS, "approval.col.", locale);
            for (int c = 0; c <= last; c++) {
                ws.width(c, WIDTHS[c]);
            }
            int r = 3;
            for (MilestoneList.Row row : rows) {
                var reading = row.reading();
                ws.value(r, 0, r - 2);
                ws.value(r, 1, row.regionName());
                ws.value(r, 2, row.projectCode() + " " + row.projectName());
                ws.value(r, 3, en ? row.stepNameEn() : row.stepName());
                ws.value(r, 4, row.unit());
                ws.value(r, 5, row.leaderName());
                ws.value(r, 6, row.limitDays());
                ws.value(r, 7, text(row.plannedOn()));
                ws.value(r, 8, text(row.startedOn()));
                ws.value(r, 9, text(reading.deadline()));
                ws.value(r, 10, text(row.doneOn()));
                ws.value(r, 11, msg("approval.status." + reading.status(), locale));
                if (reading.daysOver() > 0) {
                    ws.value(r, 12, reading.daysOver());
                }
                ws.value(r, 13, row.note());
                ws.range(r, 0, r, last)
                        .style()
                        .wrapText(true)
                        .verticalAlignment("top")
                        .borderStyle(BorderStyle.THIN)
                        .set();
                r++;
            }
            Worksheet bySteps = wb.newWorksheet(msg("approval.export.stepSheet", locale));
            title(bySteps, STEP_COLUMNS.size() - 1, locale, s);
            header(bySteps, STEP_COLUMNS, "approval.stepCol.", locale);
            bySteps.width(0, 16);
            int sr = 3;
            for (MilestoneList.StepCount c : s.bySteps()) {
                bySteps.value(sr, 0, en ? c.nameEn() : c.name());
                bySteps.value(sr, 1, c.limitDays());
                counts(bySteps, sr, c.total(), c.done(), c.doneLate(), c.overdue(), c.open());
                if (c.averageDays() != null) {
                    bySteps.value(sr, 7, c.averageDays());
                }
                if (c.onTimeRate() != null) {
                    bySteps.value(sr, 8, c.onTimeRate());
                }
                sr++;
            }
            bySteps.value(sr, 0, msg("loss.total", locale));
            counts(bySteps, sr, s.total(), s.done(), s.doneLate(), s.overdue(), s.open());
            bySteps.range(sr, 0, sr, STEP_COLUMNS.size() - 1).style().bold().set();
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(
                "EXPORT",
                "project_milestone",
                null,
                Outcome.SUCCESS,
                "xlsx " + rows.size() + " milestones"
                        + (f.ids() == null ? "" : " selected " + f.ids().size()));
        return rows.size();
    }

    private void title(Worksheet ws, int last, Locale locale, MilestoneList.Summary s) {
        ws.value(0, 0, msg("approval.export.title", locale));
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
                        "approval.export.subtitle",
                        new Object[] {LocalDate.now(Times.ZONE), s.total(), s.overdue(), s.doneLate()},
                        locale));
        ws.range(1, 0, 1, last).merge();
    }

    private void header(Worksheet ws, List<String> columns, String prefix, Locale locale) {
        for (int c = 0; c < columns.size(); c++) {
            ws.value(2, c, msg(prefix + columns.get(c), locale));
        }
        ws.range(2, 0, 2, columns.size() - 1)
                .style()
                .bold()
                .fillColor("DDEBF7")
                .horizontalAlignment("center")
                .borderStyle(BorderStyle.THIN)
                .set();
    }

    private static void counts(Worksheet ws, int r, long total, long done, long late, long overdue, long open) {
        ws.value(r, 2, total);
        ws.value(r, 3, done);
        ws.value(r, 4, late);
        ws.value(r, 5, overdue);
        ws.value(r, 6, open);
    }

    private static String text(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
