package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The investment-lost analysis as the xlsx a bureau sends: a summary sheet (by reason, county, chain and year, each
 * with its 合计 row) and the list of projects behind it, both for the same filter and scope as the page. Audited.
 */
@Service
class ProjectLossExport {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ProjectLosses losses;
    private final LossReasons reasons;
    private final MessageSource messages;
    private final CurrentUser currentUser;
    private final AuditLog audit;

    ProjectLossExport(
            ProjectLosses losses,
            LossReasons reasons,
            MessageSource messages,
            CurrentUser currentUser,
            AuditLog audit) {
        this.losses = losses;
        this.reasons = reasons;
        this.messages = messages;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    String fileName(Locale locale) {
        return msg("loss.title", locale) + ".xlsx";
    }

    /** Writes the workbook; returns the number of projects listed. */
    long write(ProjectLosses.Filter f, Locale locale, OutputStream out) {
        Map<String, String> names = reasons.names(locale);
        ProjectLosses.Summary s = losses.summary(f);
        long[] n = {0};
        try {
            Workbook wb = new Workbook(out, "Yinfeng", "1.0");
            Worksheet sum = wb.newWorksheet(msg("loss.sheet.summary", locale));
            String title = msg("loss.title", locale) + " — "
                    + currentUser.require().displayName() + " " + AT.format(ZonedDateTime.now(Projects.ZONE));
            sum.value(0, 0, title);
            int r = 2;
            r = groups(
                    sum,
                    r,
                    msg("loss.byReason", locale),
                    s.byReason(),
                    g -> names.getOrDefault(g.key(), g.key()),
                    locale);
            r = groups(sum, r, msg("loss.byRegion", locale), s.byRegion(), ProjectLosses.Group::name, locale);
            r = groups(
                    sum,
                    r,
                    msg("loss.byChain", locale),
                    s.byChain(),
                    g -> g.name() == null ? msg("loss.noChain", locale) : g.name(),
                    locale);
            groups(
                    sum,
                    r,
                    msg("loss.byYear", locale),
                    s.byYear(),
                    g -> g.key() == null ? msg("loss.noDate", locale) : g.key(),
                    locale);
            sum.width(0, 28);
            sum.width(1, 12);
            sum.width(2, 16);

            Worksheet list = wb.newWorksheet(msg("loss.sheet.projects", locale));
            List<String> header =
                    List.of("code", "name", "region", "chain", "stage", "reason", "note", "lostOn", "total");
            for (int c = 0; c < header.size(); c++) {
                list.value(0, c, msg("loss.col." + header.get(c), locale));
                list.style(0, c).bold().fillColor("DDEBF7").set();
            }
            losses.each(f, row -> {
                int i = (int) ++n[0];
                list.value(i, 0, row.code());
                list.value(i, 1, row.name());
                list.value(i, 2, row.regionName());
                list.value(i, 3, row.chainName());
                list.value(i, 4, msg("stage." + row.stage(), locale));
                list.value(
                        i,
                        5,
                        row.reason() == null
                                ? msg("loss.unexplained", locale)
                                : names.getOrDefault(row.reason(), row.reason()));
                list.value(i, 6, row.note());
                if (row.lostOn() != null) {
                    list.value(i, 7, row.lostOn().toString());
                }
                list.value(i, 8, row.totalInvestment());
                list.style(i, 8).format("#,##0.00").set();
            });
            int last = (int) n[0] + 1;
            list.value(last, 1, msg("loss.total", locale));
            list.value(last, 8, s.investment());
            list.style(last, 8).format("#,##0.00").bold().set();
            list.width(1, 36);
            list.width(6, 30);
            list.width(8, 16);
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record("EXPORT", "project_loss", null, Outcome.SUCCESS, "xlsx " + n[0] + " projects " + describe(f));
        return n[0];
    }

    private int groups(
            Worksheet ws,
            int r,
            String heading,
            List<ProjectLosses.Group> groups,
            Function<ProjectLosses.Group, String> label,
            Locale locale) {
        ws.value(r, 0, heading);
        ws.value(r, 1, msg("loss.col.projects", locale));
        ws.value(r, 2, msg("loss.col.total", locale));
        ws.range(r, 0, r, 2).style().bold().fillColor("DDEBF7").set();
        long count = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (var g : groups) {
            r++;
            ws.value(r, 0, label.apply(g));
            ws.value(r, 1, g.projects());
            ws.value(r, 2, g.investment());
            ws.style(r, 2).format("#,##0.00").set();
            count += g.projects();
            sum = sum.add(g.investment());
        }
        r++;
        ws.value(r, 0, msg("loss.total", locale));
        ws.value(r, 1, count);
        ws.value(r, 2, sum);
        ws.range(r, 0, r, 2).style().bold().set();
        ws.style(r, 2).format("#,##0.00").bold().set();
        return r + 2;
    }

    private static String describe(ProjectLosses.Filter f) {
        return "year=" + f.year() + " region=" + f.regionId() + " chain=" + f.chainId() + " kind=" + f.kind()
                + " reason=" + f.reason();
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
