package cn.yinfeng.reconcile;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.Like;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.RegionScope;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved checks: the text, its date and default region, the claims with their verdicts as they were when saved, an
 * optional link to the published monthly report the text was written from. Visible in the saver's region subtree.
 */
@Service
public class ReconcileChecks {

    /** A saved check in a list. */
    public record Row(
            long id,
            String title,
            LocalDate textDate,
            String regionName,
            int claimCount,
            int agrees,
            int disagrees,
            int cannotCheck,
            String createdBy,
            Instant createdAt,
            Long reportId,
            String reportLabel) {}

    /** A saved check with its text and result. */
    public record Saved(Row row, String body, String defaultRegion, ReconcileService.Result result, long version) {}

    /** A published monthly report a check may be linked to. */
    public record ReportOption(long id, String label) {}

    public record Search(String q, String sort, boolean desc, int page, int size) {

        public Search {
            q = q == null || q.isBlank() ? null : q.trim();
            sort = sort == null ? "created" : sort;
            page = Math.max(0, page);
            size = size <= 0 || size > 100 ? 20 : size;
        }
    }

    private static final Map<String, String> SORTS = Map.of(
            "created",
            "c.created_at",
            "title",
            "c.title",
            "date",
            "c.text_date",
            "disagrees",
            "c.disagrees",
            "claims",
            "c.claim_count");

    private static final String ROW = """
            select c.id, c.title, c.text_date, d.name as region_name, c.claim_count, c.agrees, c.disagrees,
                   c.cannot_check, c.created_by_name, c.created_at, c.report_id,
                   case when p.id is null then null
                        else pr.name || ' ' || p.year || '-' || lpad(p.month::text, 2, '0') end as report_label
              from reconcile_check c
              join region d on d.id = c.default_region_id
              left join published_report p on p.id = c.report_id
              left join region pr on pr.id = p.region_id
            """;

    private final JdbcClient jdbc;
    private final ReconcileService service;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final JsonMapper json;
    private final MessageSource messages;
    private final Clock clock;

    ReconcileChecks(
            JdbcClient jdbc,
            ReconcileService service,
            CurrentUser currentUser,
            AuditLog audit,
            JsonMapper json,
            MessageSource messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.service = service;
        this.currentUser = currentUser;
        this.audit = audit;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    /** Checks the text again (the stored verdicts are the server's, never the client's) and saves it. */
    @Transactional
    public long save(ReconcileService.Request request, Long reportId) {
        YinfengUser user = currentUser.require();
        RegionScope scope = currentUser.scope();
        ReconcileService.Result result = service.check(request);
        if (reportId != null) {
            requireReport(reportId, scope);
        }
        long defaultRegion = jdbc.sql("select id from region where code = :c")
                .param("c", result.region())
                .query(Long.class)
                .single();
        long id = jdbc.sql("""
                insert into reconcile_check (region_id, title, body, text_date, default_region_id, report_id, claims,
                       claim_count, agrees, disagrees, cannot_check, created_by, created_by_name, created_at)
                values (:region, :title, :body, :date, :defaultRegion, :report, cast(:claims as jsonb), :n, :a, :d,
                        :x, :user, :userName, :at)
                returning id
                """)
                .param("region", user.region())
                .param("title", title(request.text()))
                .param("body", request.text())
                .param("date", request.date())
                .param("defaultRegion", defaultRegion)
                .param("report", reportId)
                .param("claims", json.writeValueAsString(result))
                .param("n", result.claims().size())
                .param("a", result.agrees())
                .param("d", result.disagrees())
                .param("x", result.cannotCheck())
                .param("user", user.id())
                .param("userName", user.displayName())
                .param("at", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        audit.record(
                "RECONCILE_SAVE",
                "reconcile_check",
                id,
                Outcome.SUCCESS,
                "claims=" + result.claims().size() + " agrees=" + result.agrees() + " disagrees=" + result.disagrees()
                        + " cannot=" + result.cannotCheck());
        return id;
    }

    /** Links a saved check to a published report (or unlinks it with null); stale versions are a 409. */
    @Transactional
    public void linkReport(long id, Long reportId, long version) {
        RegionScope scope = currentUser.scope();
        Saved saved = find(id);
        if (saved.version() != version) {
            throw new ConflictException(
                    "reconcile_check",
                    version,
                    saved.version(),
                    Collections.singletonMap("reportId", saved.row().reportId()));
        }
        if (reportId != null) {
            requireReport(reportId, scope);
        }
        int n = scope.bind(jdbc.sql("update reconcile_check c set report_id = :report, version = version + 1 "
                        + "where c.id = :id and c.version = :version and " + scope.where("c.region_id")))
                .param("report", reportId)
                .param("id", id)
                .param("version", version)
                .update();
        if (n == 0) {
            throw new ConflictException("reconcile_check", version, version + 1, Map.of());
        }
        audit.record("RECONCILE_LINK_REPORT", "reconcile_check", id, Outcome.SUCCESS, "report=" + reportId);
    }

    private void requireReport(long reportId, RegionScope scope) {
        boolean visible = scope.bind(jdbc.sql("select count(*) from published_report p where p.id = :id and "
                                + scope.where("p.region_id")))
                        .param("id", reportId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!visible) {
            throw new InvalidInputException("reportId", "reconcile.report.unknown");
        }
    }

    public PageResult<Row> search(Search search) {
        RegionScope scope = currentUser.scope();
        String where = " where " + scope.where("c.region_id")
                + (search.q() == null ? "" : " and (c.title ilike :q or c.body ilike :q)");
        String like = search.q() == null ? null : Like.contains(search.q());
        var count = scope.bind(jdbc.sql("select count(*) from reconcile_check c" + where));
        if (like != null) {
            count = count.param("q", like);
        }
        long total = count.query(Long.class).single();
        String order = SORTS.getOrDefault(search.sort(), "c.created_at") + (search.desc() ? " desc" : " asc")
                + " nulls last, c.id desc";
        var rows = scope.bind(jdbc.sql(ROW + where + " order by " + order + " limit :limit offset :offset"))
                .param("limit", search.size())
                .param("offset", search.page() * search.size());
        if (like != null) {
            rows = rows.param("q", like);
        }
        return new PageResult<>(rows.query(ReconcileChecks::row).list(), total, search.page(), search.size());
    }

    /** A saved check inside the caller's scope; "not found" otherwise, whether or not it exists. */
    public Saved find(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql(ROW.replace(
                                "select c.id,",
                                "select c.body, c.claims::text as claims_json, "
                                        + "c.version, d.code as default_code, c.id,")
                        + " where c.id = :id and " + scope.where("c.region_id")))
                .param("id", id)
                .query((rs, n) -> new Saved(
                        row(rs, n),
                        rs.getString("body"),
                        rs.getString("default_code"),
                        json.readValue(rs.getString("claims_json"), ReconcileService.Result.class),
                        rs.getLong("version")))
                .optional()
                .orElseThrow(() -> new NotFoundException("reconcile_check", id));
    }

    /** Published reports in the caller's scope, newest first, for the link select. */
    public List<ReportOption> reports() {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select p.id, r.name, p.year, p.month, p.published_at from published_report p "
                        + "join region r on r.id = p.region_id where " + scope.where("p.region_id")
                        + " order by p.published_at desc limit 200"))
                .query((rs, n) -> new ReportOption(
                        rs.getLong("id"),
                        rs.getString("name") + " "
                                + rs.getInt("year") + "-" + String.format("%02d", rs.getInt("month")) + " ("
                                + rs.getTimestamp("published_at")
                                        .toInstant()
                                        .toString()
                                        .substring(0, 10) + ")"))
                .list();
    }

    /** The saved check as an xlsx workbook, one row per claim; audited. */
    public void export(long id, Locale locale, OutputStream out) throws IOException {
        Saved saved = find(id);
        Workbook wb = new Workbook(out, "Yinfeng", "1.0");
        var ws = wb.newWorksheet(msg("reconcile.export.sheet", locale));
        List<String> headers = List.of(
                "reconcile.col.no",
                "reconcile.col.sentence",
                "reconcile.col.written",
                "reconcile.col.indicator",
                "reconcile.col.region",
                "reconcile.col.period",
                "reconcile.col.claim",
                "reconcile.col.ledger",
                "reconcile.col.verdict",
                "reconcile.col.reason");
        for (int c = 0; c < headers.size(); c++) {
            ws.value(0, c, msg(headers.get(c), locale));
            ws.width(c, c == 1 ? 60 : 16);
        }
        ws.range(0, 0, 0, headers.size() - 1).style().bold().fillColor("F2F2F2").set();
        int r = 1;
        var sentences = saved.result().sentences();
        for (ReconcileService.Checked c : saved.result().claims()) {
            ws.value(r, 0, c.index() + 1);
            ws.value(r, 1, neutralise(sentences.get(c.sentence()).text()));
            ws.value(r, 2, neutralise(c.written()));
            ws.value(
                    r,
                    3,
                    neutralise(c.indicatorName() + (c.completion() ? " " + msg("reconcile.completion", locale) : "")));
            ws.value(r, 4, neutralise(c.regionName() == null ? c.regionCode() : c.regionName()));
            ws.value(r, 5, c.from() == null ? "" : c.from() + " ~ " + c.to());
            ws.value(r, 6, neutralise(c.claimShown()));
            ws.value(r, 7, neutralise(c.ledgerShown() == null ? "" : c.ledgerShown()));
            ws.value(r, 8, msg("reconcile.verdict." + c.verdict(), locale));
            ws.value(
                    r,
                    9,
                    neutralise(
                            c.reasonDetail() == null
                                    ? msg(c.reason(), locale)
                                    : messages.getMessage(
                                            c.reason(), new Object[] {c.reasonDetail()}, c.reason(), locale)));
            r++;
        }
        ws.freezePane(0, 1);
        wb.finish();
        audit.record("RECONCILE_EXPORT", "reconcile_check", id, Outcome.SUCCESS, "xlsx rows=" + (r - 1));
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** Text a spreadsheet would run as a formula gets a leading apostrophe. */
    static String neutralise(String v) {
        if (v == null || v.isEmpty()) {
            return v == null ? "" : v;
        }
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + v : v;
    }

    static String title(String text) {
        for (String line : TextLayout.normalise(text).split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                return t.length() > 60 ? t.substring(0, 60) + "…" : t;
            }
        }
        return "—";
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long report = rs.getLong("report_id");
        Long reportId = rs.wasNull() ? null : report;
        Date d = rs.getDate("text_date");
        return new Row(
                rs.getLong("id"),
                rs.getString("title"),
                d == null ? null : d.toLocalDate(),
                rs.getString("region_name"),
                rs.getInt("claim_count"),
                rs.getInt("agrees"),
                rs.getInt("disagrees"),
                rs.getInt("cannot_check"),
                rs.getString("created_by_name"),
                rs.getTimestamp("created_at").toInstant(),
                reportId,
                rs.getString("report_label"));
    }
}
