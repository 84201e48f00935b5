package cn.yinfeng.talent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import org.dhatim.fastexcel.Workbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The talents list as xlsx or csv, page by page as it streams. ID number and phone are masked unless the user holds
 * the grant; an export with full values says so in its audit row. Text a spreadsheet would run as a formula gets a
 * leading apostrophe. (The ledger's export writer is internal to that module, so this one is small and local.)
 */
@Service
class TalentExport {

    private final Talents talents;
    private final TalentPii pii;
    private final AuditLog audit;
    private final MessageSource messages;

    TalentExport(Talents talents, TalentPii pii, AuditLog audit, MessageSource messages) {
        this.talents = talents;
        this.pii = pii;
        this.audit = audit;
        this.messages = messages;
    }

    void talents(Talents.ListQuery query, Talents.Degree degree, String format, Locale locale, OutputStream out)
            throws IOException {
        boolean full = pii.granted();
        List<String> headers = List.of("talent.field.name", "talent.field.gender", "talent.field.birthYear",
                "talent.field.degree", "talent.field.major", "talent.field.university", "talent.field.sourceCity",
                "talent.field.employer", "field.region", "talent.field.introducedOn", "talent.field.campaign",
                "talent.field.benefits", "talent.field.idNumber", "talent.field.phone").stream()
                .map(k -> messages.getMessage(k, null, locale)).toList();
        Iterable<List<Object>> rows = () -> new java.util.Iterator<>() {
            int page = 0;
            java.util.Iterator<Talents.Talent> current = java.util.Collections.emptyIterator();
            boolean done;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !done) {
                    var p = talents.talents(new Talents.ListQuery(query.q(), query.regionId(), query.year(), "date",
                            "asc", page++, 200), degree);
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
                cells.add(id);
                cells.add(phone);
                return cells;
            }
        };
        long n = write(messages.getMessage("talent.talents", null, locale), headers, rows, format, out);
        audit.record("EXPORT", "talent", null, Outcome.SUCCESS,
                format + " " + n + " rows, personal data " + (full ? "in full (granted)" : "masked"));
    }

    static long write(String sheet, List<String> headers, Iterable<List<Object>> rows, String format,
            OutputStream out) throws IOException {
        long n = 0;
        if ("csv".equals(format)) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\ufeff');
            w.write(String.join(",", headers.stream().map(TalentExport::csv).toList()));
            w.write("\r\n");
            for (List<Object> row : rows) {
                w.write(String.join(",", row.stream().map(v -> v == null ? "" : v instanceof Number num
                        ? num.toString() : csv(neutralise(v.toString()))).toList()));
                w.write("\r\n");
                n++;
            }
            w.flush();
            return n;
        }
        Workbook wb = new Workbook(out, "Yinfeng", "1.0");
        var ws = wb.newWorksheet(sheet);
        for (int c = 0; c < headers.size(); c++) {
            ws.value(0, c, headers.get(c));
            ws.width(c, 16);
        }
        ws.range(0, 0, 0, headers.size() - 1).style().bold().fillColor("F2F2F2").set();
        int r = 1;
        for (List<Object> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof Number num) {
                    ws.value(r, c, num);
                } else if (v != null) {
                    ws.value(r, c, neutralise(v.toString()));
                }
            }
            r++;
            n++;
        }
        ws.freezePane(0, 1);
        wb.finish();
        return n;
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
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
