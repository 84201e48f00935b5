package cn.yinfeng.stats;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.RuleVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A figure's list as a file, xlsx or csv (UTF-8 with BOM): a title line naming the indicator, region, period, as-of
 * instant and rule version; the header; the counted rows, then those left out with the reason in words (the user's
 * language); the total (a rate: its numerator, denominator and the rate). Rows are streamed from the database as they
 * are written, so the file has no row limit and memory stays flat. Text a spreadsheet would run as a formula is
 * written inert.
 */
@Component
class ExplanationExport {

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Stats stats;
    private final FigureExplanation explanation;
    private final TransactionTemplate readOnly;
    private final MessageSource messages;
    private final AuditLog audit;

    ExplanationExport(
            Stats stats,
            FigureExplanation explanation,
            PlatformTransactionManager transactions,
            MessageSource messages,
            AuditLog audit) {
        this.stats = stats;
        this.explanation = explanation;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.messages = messages;
        this.audit = audit;
    }

    /** The file name of an export: the indicator's name. */
    String fileName(String code, String format, YearMonth to, RuleBasis basis, Locale locale) {
        Indicator ind = indicator(code, to, basis);
        return messages.getMessage("explain.title", null, locale) + "-" + ind.name(locale) + "." + format;
    }

    /**
     * Writes the list of one figure of a region in the caller's scope (as {@link Stats#explain} scopes it) to
     * {@code out}; returns the number of record rows.
     */
    long write(
            @Nullable String regionCode,
            String code,
            YearMonth from,
            YearMonth to,
            @Nullable LocalDate asOf,
            RuleBasis basis,
            String format,
            Locale locale,
            OutputStream out) {
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", "stats.period.order");
        }
        if (!format.equals("xlsx") && !format.equals("csv")) {
            throw new InvalidInputException("format", "stats.export.format");
        }
        Region region = stats.region(regionCode);
        RuleVersion rules = stats.rules(basis, to);
        Indicator ind = indicator(code, to, basis);
        Instant at = stats.asOfInstant(asOf);
        Long n = readOnly.execute(status -> {
            try {
                Sheet sheet = format.equals("csv") ? new Csv(out) : new Xlsx(out, ind.code());
                long rows = write(sheet, region, ind, from, to, at, rules, locale);
                sheet.finish();
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        audit.record(
                "EXPORT",
                "stats_explain",
                null,
                Outcome.SUCCESS,
                ind.code() + " " + region.code() + " " + from + ".." + to + " " + format + " " + n + " rows");
        return n == null ? 0 : n;
    }

    private Indicator indicator(String code, YearMonth to, RuleBasis basis) {
        return stats.rules(basis, to).indicator(code).orElseThrow(() -> new NotFoundException("indicator", code));
    }

    private long write(
            Sheet sheet,
            Region region,
            Indicator ind,
            YearMonth from,
            YearMonth to,
            Instant at,
            RuleVersion rules,
            Locale locale)
            throws IOException {
        boolean rate = ind.unit() == Indicator.Unit.RATE;
        sheet.row(List.of(msg(
                "explain.export.title",
                locale,
                ind.name(locale),
                region.name(),
                from.toString(),
                to.toString(),
                AS_OF.format(at.atZone(cn.yinfeng.projects.Projects.ZONE)),
                rules.version(),
                rules.effectiveFrom().toString())));
        var header = new ArrayList<Object>();
        for (String col :
                List.of("kind", "record", "detail", "region", "date", "origin", "total", "weight", "adds", "reason")) {
            header.add(msg("explain.col." + col, locale));
        }
        if (rate) {
            header.add(msg("explain.col.part", locale));
        }
        sheet.row(header);
        var totals = new FigureExplanation.Totals();
        String counted = msg("explain.reason.COUNTED", locale);
        String unknown = msg("explain.unknown", locale);
        boolean supported = explanation.stream(region, ind, from, to, at, rules, i -> {
            totals.add(i);
            var cells = new ArrayList<@Nullable Object>();
            cells.add(msg("explain.kind." + i.kind(), locale));
            cells.add(i.label());
            cells.add(i.detail());
            cells.add(i.regionName());
            cells.add(i.date() == null ? null : i.date().toString());
            cells.add(
                    i.fundOrigin() == null
                            ? (i.kind().equals("PROJECT") || i.kind().equals("FUND") ? unknown : null)
                            : msg("origin." + i.fundOrigin(), locale));
            cells.add(i.totalInvestment());
            cells.add(i.weight());
            cells.add(i.reason() == null ? i.adds() : null);
            cells.add(i.reason() == null ? counted : msg("explain.reason." + i.reason(), locale));
            if (rate) {
                cells.add(msg("explain.part." + i.part(), locale));
            }
            try {
                sheet.row(cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!supported) {
            sheet.row(List.of(msg("explain.unsupported", locale)));
            return 0;
        }
        if (rate) {
            sheet.row(totalRow(msg("explain.numerator", locale), totals.numerator(ind)));
            sheet.row(totalRow(msg("explain.denominator", locale), totals.denominator(ind)));
        }
        sheet.row(totalRow(msg("explain.total", locale), totals.total(ind)));
        return totals.counted + totals.leftOut;
    }

    /** A total: its label in the first column, its value in the "adds" column. */
    private static List<@Nullable Object> totalRow(String label, @Nullable BigDecimal value) {
        var cells = new ArrayList<@Nullable Object>();
        cells.add(label);
        for (int c = 1; c < 8; c++) {
            cells.add(null);
        }
        cells.add(value);
        return cells;
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** A cell that a spreadsheet would run as a formula starts with an apostrophe (checklist #17). */
    static String inert(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    /** Where the rows go, one at a time. */
    private interface Sheet {
        void row(List<? extends @Nullable Object> cells) throws IOException;

        void finish() throws IOException;
    }

    private static final class Csv implements Sheet {
        private final Writer w;
        private long n;

        Csv(OutputStream out) throws IOException {
            w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\ufeff');
        }

        @Override
        public void row(List<? extends @Nullable Object> cells) throws IOException {
            var out = new ArrayList<String>();
            for (Object v : cells) {
                out.add(v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : quote(inert(v.toString())));
            }
            w.write(String.join(",", out));
            w.write("\r\n");
            if (++n % 1000 == 0) {
                w.flush();
            }
        }

        @Override
        public void finish() throws IOException {
            w.flush();
        }

        private static String quote(String s) {
            return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                    ? "\"" + s.replace("\"", "\"\"") + "\""
                    : s;
        }
    }

    private static final class Xlsx implements Sheet {
        private final Workbook wb;
        private final Worksheet ws;
        private int r;

        Xlsx(OutputStream out, String name) {
            wb = new Workbook(out, "Yinfeng", "1.0");
            ws = wb.newWorksheet(name);
            int[] widths = {10, 36, 28, 12, 12, 14, 14, 10, 14, 30, 12};
            for (int c = 0; c < widths.length; c++) {
                ws.width(c, widths[c]);
            }
        }

        @Override
        public void row(List<? extends @Nullable Object> cells) throws IOException {
            for (int c = 0; c < cells.size(); c++) {
                Object v = cells.get(c);
                if (v instanceof BigDecimal d) {
                    ws.value(r, c, d);
                } else if (v != null) {
                    // inline, not in the shared-strings table the writer would hold until the end
                    ws.inlineString(r, c, inert(v.toString()));
                }
            }
            if (r == 0) {
                ws.style(r, 0).bold().set();
            } else if (r == 1) {
                ws.range(1, 0, 1, cells.size() - 1)
                        .style()
                        .bold()
                        .fillColor("F2F2F2")
                        .set();
            }
            r++;
            if (r % 10_000 == 0) {
                ws.flush(); // rows written so far leave memory
            }
        }

        @Override
        public void finish() throws IOException {
            ws.freezePane(0, 2);
            wb.finish();
        }
    }
}
