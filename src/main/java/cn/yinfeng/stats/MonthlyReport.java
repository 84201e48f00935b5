package cn.yinfeng.stats;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.targets.Catalogue;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.RuleVersion;
import cn.yinfeng.targets.Targets;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly report in the government layout: one row per unit plus the total, the period "1-N月", amounts in 亿元,
 * rates as percentages; as a printable page, an Excel workbook, and a briefing paragraph in the style of the city's
 * reports. Publishing freezes the figures so a later correction shows as a change, not a silent rewrite.
 */
@Service
public class MonthlyReport {

    /** Columns of the report, in order. */
    static final List<String> COLUMNS = List.of(
            "SIGNED_COUNT",
            "SIGNED_AMOUNT",
            "SIGNED_1YI_COUNT",
            "FUNDS",
            "STARTED_COUNT",
            "PRODUCING_COUNT",
            "PERFORMANCE_RATE",
            "START_RATE");

    public record Row(
            String regionCode,
            String regionName,
            boolean total,
            Map<String, BigDecimal> values,
            BigDecimal signedAmountPrevious,
            BigDecimal signedAmountYoy,
            BigDecimal signedAmountTarget,
            BigDecimal signedAmountCompletion,
            Stats.Light light) {}

    public record Report(
            Region region, int year, int month, Instant asOf, List<Row> rows, String briefing, int ruleVersion) {}

    /** A publication: its figures as published, the instant they were read as of and the rule version. */
    public record Published(
            long id,
            Instant publishedAt,
            String publishedBy,
            Map<String, BigDecimal> figures,
            Instant asOf,
            int ruleVersion) {}

    /** A figure that differs from the published one. */
    public record Change(String code, BigDecimal published, BigDecimal now) {}

    private final StatsEngine engine;
    private final Stats stats;
    private final Targets targets;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Accounts accounts;
    private final Catalogue catalogue;

    MonthlyReport(
            StatsEngine engine,
            Stats stats,
            Targets targets,
            Regions regions,
            CurrentUser currentUser,
            JdbcClient jdbc,
            AuditLog audit,
            Clock clock,
            Accounts accounts,
            Catalogue catalogue) {
        this.catalogue = catalogue;
        this.engine = engine;
        this.stats = stats;
        this.targets = targets;
        this.regions = regions;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.accounts = accounts;
    }

    @Transactional(readOnly = true) // on the replica when one is configured
    public Report build(String regionCode, int year, int month, Instant asOf) {
        return build(regionCode, year, month, asOf, null);
    }

    /** The report under a rule version ({@code null}: the one in force today). */
    @Transactional(readOnly = true)
    public Report build(String regionCode, int year, int month, Instant asOf, Integer ruleVersion) {
        Region region = stats.region(regionCode);
        Instant at = asOf == null ? clock.instant() : asOf;
        RuleVersion rules = ruleVersion == null ? catalogue.current() : catalogue.version(ruleVersion);
        List<Indicator> indicators = rules.indicators().stream()
                .filter(i -> COLUMNS.contains(i.code()) || i.code().equals("SIGNED_AMOUNT"))
                .toList();
        List<Region> units = new ArrayList<>(regions.visible(currentUser.scope()).stream()
                .filter(r -> r.parentId() != null && r.parentId() == region.id())
                .toList());
        var groups = new ArrayList<Region>(units);
        groups.add(region);
        YearMonth to = YearMonth.of(year, month);
        var now = engine.compute(groups, indicators, to.withMonth(1).atDay(1), to.atEndOfMonth(), asOf, rules);
        var before = engine.compute(
                groups,
                indicators,
                to.minusYears(1).withMonth(1).atDay(1),
                to.minusYears(1).atEndOfMonth(),
                asOf,
                rules);
        var rows = new ArrayList<Row>();
        for (Region g : groups) {
            Map<String, BigDecimal> v = now.get(g.id());
            BigDecimal amount = v.get("SIGNED_AMOUNT");
            BigDecimal prev = before.get(g.id()).get("SIGNED_AMOUNT");
            BigDecimal yoy = prev == null || prev.signum() == 0
                    ? null
                    : amount.subtract(prev).divide(prev, 4, RoundingMode.HALF_UP);
            BigDecimal target = targets.targets(g.id(), year).get("SIGNED_AMOUNT");
            BigDecimal completion =
                    target == null || target.signum() == 0 ? null : amount.divide(target, 4, RoundingMode.HALF_UP);
            Stats.Light light = target == null
                    ? null
                    : stats.lightFor(
                            amount,
                            target.multiply(BigDecimal.valueOf(month))
                                    .divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP));
            rows.add(new Row(g.code(), g.name(), g.id() == region.id(), v, prev, yoy, target, completion, light));
        }
        Row total = rows.get(rows.size() - 1);
        return new Report(
                region,
                year,
                month,
                at,
                rows,
                briefing(region, month, total, before.get(region.id())),
                rules.version());
    }

    /**
     * A row of the report as a statistics summary of its unit for the months 1-N: the report's own (frozen) figures,
     * 同比 and completion of the signed amount with its 序时进度, for checking a text written from the report (the
     * reconcile checker reads summaries).
     */
    public Stats.Summary asSummary(Report report, Row row) {
        RuleVersion rules = catalogue.version(report.ruleVersion());
        var lines = new ArrayList<Stats.Line>();
        for (Indicator ind : rules.indicators()) {
            if (!row.values().containsKey(ind.code())) {
                continue;
            }
            boolean amount = ind.code().equals("SIGNED_AMOUNT");
            lines.add(stats.line(
                    ind,
                    row.values().get(ind.code()),
                    amount ? row.signedAmountPrevious() : null,
                    amount ? row.signedAmountTarget() : null,
                    report.month()));
        }
        YearMonth to = YearMonth.of(report.year(), report.month());
        return new Stats.Summary(
                row.regionCode(),
                row.regionName(),
                to.withMonth(1),
                to,
                report.asOf(),
                lines,
                new Stats.RulesUsed(rules.version(), rules.effectiveFrom(), RuleBasis.Kind.VERSION, rules.note()),
                null,
                null);
    }

    /** "1-10月份，全市招商引资签约项目117个，签约金额941.5亿元……" */
    static String briefing(Region region, int month, Row total, Map<String, BigDecimal> previous) {
        String who = region.parentId() == null ? "全市" : region.name();
        Map<String, BigDecimal> v = total.values();
        var text = new StringBuilder();
        text.append(month == 1 ? "1月份，" : "1-" + month + "月份，")
                .append(who)
                .append("招商引资签约项目")
                .append(count(v.get("SIGNED_COUNT")))
                .append("个，签约金额")
                .append(yi(v.get("SIGNED_AMOUNT")))
                .append("亿元");
        switch (YearOnYear.of(v.get("SIGNED_AMOUNT"), total.signedAmountPrevious(), total.signedAmountYoy())) {
            case NONE_BEFORE -> text.append("，上年同期无签约金额");
            case TINY_BASE -> text.append("，上年同期基数较小，不作同比");
            case UP ->
                text.append("，同比增长")
                        .append(YearOnYear.percent(total.signedAmountYoy()).toPlainString())
                        .append('%');
            case DOWN ->
                text.append("，同比下降")
                        .append(YearOnYear.percent(total.signedAmountYoy().negate())
                                .toPlainString())
                        .append('%');
            case FLAT -> text.append("，与上年同期持平");
        }
        text.append("；其中亿元以上项目").append(count(v.get("SIGNED_1YI_COUNT"))).append("个。");
        text.append("到位资金")
                .append(yi(v.get("FUNDS")))
                .append("亿元，新开工项目")
                .append(count(v.get("STARTED_COUNT")))
                .append("个，新投产项目")
                .append(count(v.get("PRODUCING_COUNT")))
                .append("个");
        if (total.signedAmountCompletion() != null) {
            text.append("；签约金额完成年度目标的")
                    .append(total.signedAmountCompletion()
                            .movePointRight(2)
                            .setScale(1, RoundingMode.HALF_UP)
                            .toPlainString())
                    .append("%");
        }
        text.append("。");
        return text.toString();
    }

    /** 万元 as 亿元 for prose: one place, no trailing zero ("941.5", "76"). */
    public static String yi(BigDecimal wan) {
        if (wan == null) {
            return "0";
        }
        return wan.movePointLeft(4)
                .setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    public static String count(BigDecimal n) {
        return n == null ? "0" : n.stripTrailingZeros().toPlainString();
    }

    /** Streams the report as an xlsx workbook ({@link ReportWorkbook}) and audits the export. */
    public void writeXlsx(Report report, OutputStream out) throws IOException {
        ReportWorkbook.write(report, clock.instant(), out);
        audit.record(
                "REPORT_EXPORT",
                "report",
                report.region().code() + "/" + report.year() + "-" + report.month(),
                Outcome.SUCCESS,
                "xlsx");
    }

    // ------------------------------------------------------------------ publishing

    @Transactional
    public long publish(String regionCode, int year, int month) {
        var user = currentUser.require();
        if (!user.hasRole(Role.CITY_STAFF)) {
            throw new AccessDeniedException("reports are published by city staff");
        }
        Report report = build(regionCode, year, month, null);
        Row total = report.rows().get(report.rows().size() - 1);
        var text = new StringBuilder();
        total.values()
                .forEach((k, v) -> text.append(k)
                        .append('=')
                        .append(v == null ? "" : v.toPlainString())
                        .append(';'));
        long id = jdbc.sql("insert into published_report (region_id, year, month, as_of, published_by, figures, "
                        + "rule_version) values (:r, :y, :m, :a, :u, :f, :v) returning id")
                .param("r", report.region().id())
                .param("y", year)
                .param("m", month)
                .param("a", Timestamp.from(report.asOf()))
                .param("u", user.id())
                .param("f", text.toString())
                .param("v", report.ruleVersion())
                .query(Long.class)
                .single();
        audit.record(
                "REPORT_PUBLISH", "report", id, Outcome.SUCCESS, report.region().code() + " " + year + "-" + month);
        return id;
    }

    /** The 简报's 期号: the months of the year published for the region up to this one (numbered per year). */
    public int issueNumber(Region region, int year, int month) {
        return jdbc.sql("select count(distinct month) from published_report where region_id = :r and year = :y "
                        + "and month <= :m")
                .param("r", region.id())
                .param("y", year)
                .param("m", month)
                .query(Integer.class)
                .single();
    }

    public List<Published> published(String regionCode, int year, int month) {
        Region region = stats.region(regionCode);
        var publishers = new HashMap<Long, Long>(); // report id -> the user who published it
        var rows = jdbc.sql("select * from published_report where region_id = :r and year = :y and month = :m "
                        + "order by id desc")
                .param("r", region.id())
                .param("y", year)
                .param("m", month)
                .query((rs, n) -> {
                    Long by = rs.getObject("published_by", Long.class);
                    if (by != null) {
                        publishers.put(rs.getLong("id"), by);
                    }
                    return new Published(
                            rs.getLong("id"),
                            rs.getTimestamp("published_at").toInstant(),
                            null,
                            parse(rs.getString("figures")),
                            rs.getTimestamp("as_of").toInstant(),
                            rs.getInt("rule_version"));
                })
                .list();
        Map<Long, String> names = accounts.displayNames(publishers.values());
        return rows.stream()
                .map(p -> new Published(
                        p.id(),
                        p.publishedAt(),
                        names.get(publishers.get(p.id())),
                        p.figures(),
                        p.asOf(),
                        p.ruleVersion()))
                .toList();
    }

    /**
     * A publication computed again as it was made: as of the instant it read and under the rule version it used.
     * Its figures equal the published ones unless the history itself was rewritten.
     */
    public Report reproduce(String regionCode, Published published, int year, int month) {
        return build(regionCode, year, month, published.asOf(), published.ruleVersion());
    }

    /** The figures of the latest publication that differ from today's. */
    public List<Change> changesSince(Published published, Report now) {
        var out = new ArrayList<Change>();
        Map<String, BigDecimal> current = now.rows().get(now.rows().size() - 1).values();
        published.figures().forEach((code, old) -> {
            BigDecimal cur = current.get(code);
            boolean same = old == null ? cur == null : cur != null && old.compareTo(cur) == 0;
            if (!same) {
                out.add(new Change(code, old, cur));
            }
        });
        return out;
    }

    static Map<String, BigDecimal> parse(String text) {
        var out = new LinkedHashMap<String, BigDecimal>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String v = pair.substring(eq + 1);
                out.put(pair.substring(0, eq), v.isEmpty() ? null : new BigDecimal(v));
            }
        }
        return out;
    }
}
