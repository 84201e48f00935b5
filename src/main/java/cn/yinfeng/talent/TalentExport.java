package cn.yinfeng.talent;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.Position;
import org.dhatim.fastexcel.Workbook;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The talents list as xlsx or csv, page by page as it streams (checklist #24, #35, #17).
 * <ul>
 * <li>By default ID number and phone are masked, for every user, grant or not.</li>
 * <li>Full values leave only for a user holding the grant who states a purpose (a kind and a text) and confirms;
 * the audit row, written before the first value leaves, carries the purpose and the number of people.</li>
 * <li>Every file carries a watermark: who exported, when (Asia/Shanghai), masked or full, and the purpose — xlsx as
 * a first title row and the printed page header and footer, csv as a first {@code #} line.</li>
 * <li>ID number and phone stay text in spreadsheet programs: xlsx cells are strings in the text format ("@"); csv
 * fields start with a tab, which Excel and WPS read as text (no formula, so formula neutralisation is untouched).</li>
 * <li>Any other text a spreadsheet would run as a formula gets a leading apostrophe.</li>
 * </ul>
 */
@Service
class TalentExport {

    /** What a full export is for; the kind is stored with the free text in the audit row. */
    enum Purpose {
        POLICY,
        ARCHIVE,
        REPORT,
        VERIFY,
        OTHER
    }

    /** The stated purpose of a full export and the user's confirmation. */
    record FullRequest(Purpose kind, String purpose, boolean confirm) {

        static final int MIN = 4;
        static final int MAX = 200;

        /** The purpose on one line, trimmed: it goes into a file's title row and an audit row. */
        String text() {
            return purpose == null
                    ? ""
                    : purpose.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        }
    }

    /** A cell that must stay text in a spreadsheet (ID number, phone: digits, X and the mask's stars). */
    record Text(String value) {}

    private static final Pattern KEEP_AS_TEXT = Pattern.compile("[0-9Xx*]+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId SHANGHAI = cn.yinfeng.common.Times.ZONE;

    private final Talents talents;
    private final TalentPii pii;
    private final AuditLog audit;
    private final MessageSource messages;
    private final CurrentUser currentUser;
    private final Clock clock;

    TalentExport(
            Talents talents,
            TalentPii pii,
            AuditLog audit,
            MessageSource messages,
            CurrentUser currentUser,
            Clock clock) {
        this.talents = talents;
        this.pii = pii;
        this.audit = audit;
        this.messages = messages;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** How many talents the filter selects (what the confirmation step announces). */
    long count(ListQuery query, Talents.Degree degree) {
        return talents.talents(new ListQuery(query.q(), query.regionId(), query.year(), "date", "asc", 0, 1), degree)
                .total();
    }

    /**
     * Refuses a full export to a user without the grant (audited, as a refused reveal is). Called before the
     * confirmation step is shown and again before the file is written.
     */
    void requireGrant() {
        if (!pii.granted()) {
            audit.record("EXPORT", "talent", null, Outcome.DENIED, "personal data in full: no grant");
            throw new AccessDeniedException("no grant to export personal data");
        }
    }

    /** The problems of a full-export request: a purpose kind, a purpose text of 4 to 200 characters, confirmed. */
    static List<InvalidInputException.Problem> problems(FullRequest request) {
        var problems = new ArrayList<InvalidInputException.Problem>();
        if (request.kind() == null) {
            problems.add(new InvalidInputException.Problem("purposeKind", "talent.export.purposeKindRequired"));
        }
        String text = request.text();
        if (text.isEmpty()) {
            problems.add(
                    new InvalidInputException.Problem("purpose", "talent.export.purposeRequired", FullRequest.MIN));
        } else if (text.length() < FullRequest.MIN) {
            problems.add(
                    new InvalidInputException.Problem("purpose", "talent.export.purposeTooShort", FullRequest.MIN));
        } else if (text.length() > FullRequest.MAX) {
            problems.add(new InvalidInputException.Problem("purpose", "validation.tooLong", FullRequest.MAX));
        }
        if (!request.confirm()) {
            problems.add(new InvalidInputException.Problem("confirm", "talent.export.confirmRequired"));
        }
        return problems;
    }

    /** Checks grant and request before anything is written: a refusal here leaves the response untouched. */
    void checkFull(FullRequest request) {
        requireGrant();
        var problems = problems(request);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** The default export: ID number and phone masked, for every user. */
    void masked(ListQuery query, Talents.Degree degree, String format, Locale locale, OutputStream out)
            throws IOException {
        String mark = watermark(null, locale);
        long n = write(
                messages.getMessage("talent.talents", null, locale),
                mark,
                headers(locale),
                rows(query, degree, false, locale),
                format,
                out);
        audit.record("EXPORT", "talent", null, Outcome.SUCCESS, format + " " + n + " people, personal data masked");
    }

    /**
     * Full ID numbers and phones, for a granted user with a stated and confirmed purpose ({@link #checkFull} first).
     * The audit row with the purpose and the number of people is committed before the first value leaves.
     */
    void full(
            ListQuery query, Talents.Degree degree, String format, FullRequest request, Locale locale, OutputStream out)
            throws IOException {
        checkFull(request);
        long people = count(query, degree);
        audit.record(
                "EXPORT",
                "talent",
                null,
                Outcome.SUCCESS,
                format + " " + people + " people, personal data in full, purpose " + request.kind() + ": "
                        + request.text());
        write(
                messages.getMessage("talent.talents", null, locale),
                watermark(request, locale),
                headers(locale),
                rows(query, degree, true, locale),
                format,
                out);
    }

    /** 导出人 赵主任（talent） 时间 2026-12-02 09:30:00 个人信息 已脱敏 / 完整 用途 …: one line, no control characters. */
    String watermark(FullRequest request, Locale locale) {
        YinfengUser user = currentUser.require();
        String time = TIME.format(clock.instant().atZone(SHANGHAI));
        String line = request == null
                ? messages.getMessage(
                        "talent.export.watermarkMasked",
                        new Object[] {user.displayName(), user.username(), time},
                        locale)
                : messages.getMessage(
                        "talent.export.watermarkFull",
                        new Object[] {
                            user.displayName(),
                            user.username(),
                            time,
                            messages.getMessage("talent.export.purpose." + request.kind(), null, locale),
                            request.text()
                        },
                        locale);
        return line.replaceAll("\\p{Cntrl}", " ");
    }

    private List<String> headers(Locale locale) {
        return List.of(
                        "talent.field.name",
                        "talent.field.gender",
                        "talent.field.birthYear",
                        "talent.field.degree",
                        "talent.field.major",
                        "talent.field.university",
                        "talent.field.sourceCity",
                        "talent.field.employer",
                        "field.region",
                        "talent.field.introducedOn",
                        "talent.field.campaign",
                        "talent.field.benefits",
                        "talent.field.idNumber",
                        "talent.field.phone")
                .stream()
                .map(k -> messages.getMessage(k, null, locale))
                .toList();
    }

    private Iterable<List<Object>> rows(ListQuery query, Talents.Degree degree, boolean full, Locale locale) {
        return () -> new Iterator<>() {
            int page = 0;
            Iterator<Talents.Talent> current = Collections.emptyIterator();
            boolean done;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !done) {
                    var p = talents.talents(
                            new ListQuery(query.q(), query.regionId(), query.year(), "date", "asc", page++, 200),
                            degree);
                    current = p.rows().iterator();
                    done = !p.hasNext();
                }
                return current.hasNext();
            }

            @Override
            public List<Object> next() {
                Talents.Talent t = current.next();
                String id = t.idNumber();
                String phone = t.phone();
                if (full) {
                    String[] values = pii.fullValues(t.id());
                    id = values[0];
                    phone = values[1];
                }
                var cells = new ArrayList<Object>();
                cells.add(t.name());
                cells.add(t.gender() == null ? null : messages.getMessage("gender." + t.gender(), null, locale));
                cells.add(t.birthYear());
                cells.add(messages.getMessage("degree." + t.degree(), null, locale));
                cells.add(t.major());
                cells.add(t.university());
                cells.add(t.sourceCity());
                cells.add(t.employer());
                cells.add(t.regionName());
                cells.add(t.introducedOn().toString());
                cells.add(t.campaignName());
                cells.add(t.benefits());
                cells.add(id == null ? null : new Text(id));
                cells.add(phone == null ? null : new Text(phone));
                return cells;
            }
        };
    }

    static long write(
            String sheet,
            String watermark,
            List<String> headers,
            Iterable<List<Object>> rows,
            String format,
            OutputStream out)
            throws IOException {
        long n = 0;
        if ("csv".equals(format)) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\ufeff');
            w.write(csv("# " + watermark));
            w.write("\r\n");
            w.write(String.join(",", headers.stream().map(TalentExport::csv).toList()));
            w.write("\r\n");
            for (List<Object> row : rows) {
                w.write(String.join(",", row.stream().map(TalentExport::csvCell).toList()));
                w.write("\r\n");
                n++;
            }
            w.flush();
            return n;
        }
        Workbook wb = new Workbook(out, "Yinfeng", "1.0");
        var ws = wb.newWorksheet(sheet);
        // the watermark: a title row above the headers, and the header and footer of every printed page
        String printed = watermark.replace("&", "＆");
        ws.header(printed, Position.CENTER);
        ws.footer(printed, Position.LEFT);
        ws.value(0, 0, neutralise(watermark));
        ws.range(0, 0, 0, headers.size() - 1).merge();
        ws.range(0, 0, 0, headers.size() - 1).style().bold().fontColor("C00000").set();
        for (int c = 0; c < headers.size(); c++) {
            ws.value(1, c, headers.get(c));
            ws.width(c, 16);
        }
        ws.range(1, 0, 1, headers.size() - 1).style().bold().fillColor("F2F2F2").set();
        int r = 2;
        for (List<Object> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof Number num) {
                    ws.value(r, c, num);
                } else if (v instanceof Text text
                        && KEEP_AS_TEXT.matcher(text.value()).matches()) {
                    // a string cell in the text format: 18 digits never become 1.41E+17, and stay text when edited
                    ws.value(r, c, text.value());
                    ws.style(r, c).format("@").set();
                } else if (v instanceof Text text) {
                    ws.value(r, c, neutralise(text.value()));
                } else if (v != null) {
                    ws.value(r, c, neutralise(v.toString()));
                }
            }
            r++;
            n++;
        }
        ws.freezePane(0, 2);
        wb.finish();
        return n;
    }

    /**
     * One csv field. An ID number or phone gets a leading tab inside quotes: Excel and WPS then keep it as text
     * (no 1.41E+17, no lost digits) without a formula, so nothing here conflicts with {@link #neutralise}: the
     * tab is only ever followed by digits, X or the mask's stars.
     */
    static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number num) {
            return num.toString();
        }
        if (v instanceof Text text && KEEP_AS_TEXT.matcher(text.value()).matches()) {
            return "\"\t" + text.value() + "\"";
        }
        return csv(neutralise(v instanceof Text text ? text.value() : v.toString()));
    }

    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\""
                : s;
    }
}
