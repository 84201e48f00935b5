package cn.yinfeng.targets;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rule versions and their catalogues. A version is immutable: changing an indicator or a counting rule makes a
 * new version, a copy of the latest with the change, in force from its effective date (not before the latest's). The
 * version in force on a day is the latest whose effective date is on or before it; before the first, the first.
 * City staff and administrators make versions; everyone reads them.
 */
@Service
public class Catalogue {

    static final ZoneId ZONE = cn.yinfeng.common.Times.ZONE;

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;
    private final Accounts accounts;
    private final IndicatorRules rules;
    /** Versions never change once written: read each once. */
    private final Map<Integer, RuleVersion> cache = new ConcurrentHashMap<>();

    Catalogue(
            JdbcClient jdbc,
            CurrentUser currentUser,
            AuditLog audit,
            Clock clock,
            List<IndicatorSource> sources,
            Accounts accounts) {
        this.accounts = accounts;
        this.rules = new IndicatorRules(
                sources.stream().flatMap(s -> s.computations().stream()).toList());
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** The version in force today (Beijing time). */
    public RuleVersion current() {
        return inForce(LocalDate.now(clock.withZone(ZONE)));
    }

    /** The version in force on a day. */
    public RuleVersion inForce(LocalDate day) {
        Integer v = jdbc.sql("""
                select coalesce((select version from rule_version where effective_from <= :d
                                  order by effective_from desc, version desc limit 1),
                                (select min(version) from rule_version))
                """).param("d", day).query(Integer.class).single();
        return version(v);
    }

    /** The highest version, the one a change copies. */
    public RuleVersion latest() {
        return version(jdbc.sql("select max(version) from rule_version")
                .query(Integer.class)
                .single());
    }

    public RuleVersion version(int version) {
        return cache.computeIfAbsent(version, this::load);
    }

    /** Every version, newest first, each with its catalogue. */
    public List<RuleVersion> versions() {
        return jdbc.sql("select version from rule_version order by version desc").query(Integer.class).list().stream()
                .map(this::version)
                .toList();
    }

    private RuleVersion load(int version) {
        var thresholds = new LinkedHashMap<String, BigDecimal>();
        jdbc.sql("select project_type, min_total from rule_threshold where version = :v")
                .param("v", version)
                .query((rs, n) -> thresholds.put(
                        rs.getString(1) == null ? RuleVersion.ANY_TYPE : rs.getString(1), rs.getBigDecimal(2)))
                .list();
        List<Indicator> indicators = jdbc.sql(
                        "select * from indicator_definition where version = :v order by sort_order, code")
                .param("v", version)
                .query((rs, n) -> new Indicator(
                        rs.getString("code"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        Indicator.Unit.valueOf(rs.getString("unit")),
                        rs.getString("computation"),
                        rs.getBigDecimal("min_total"),
                        rs.getBigDecimal("max_total"),
                        strings(rs.getArray("fund_origins")),
                        strings(rs.getArray("project_types")),
                        rs.getBoolean("eligible_only"),
                        rs.getBoolean("key_only"),
                        rs.getInt("sort_order")))
                .list();
        return jdbc.sql("select * from rule_version where version = :v")
                .param("v", version)
                .query((rs, n) -> new RuleVersion(
                        version,
                        rs.getObject("effective_from", LocalDate.class),
                        rs.getBoolean("expansions_count"),
                        RuleVersion.Split.valueOf(rs.getString("split_mode")),
                        rs.getBigDecimal("split_share"),
                        strings(rs.getArray("excluded_types")),
                        thresholds,
                        rs.getString("note"),
                        creator(rs.getObject("created_by", Long.class)),
                        rs.getTimestamp("created_at").toInstant(),
                        indicators))
                .optional()
                .orElseThrow(() -> new NotFoundException("rule version", String.valueOf(version)));
    }

    private @Nullable String creator(@Nullable Long id) {
        return id == null ? null : accounts.displayNames(List.of(id)).get(id);
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** The computations a definition may name. */
    public List<String> computations() {
        return rules.computations();
    }

    public boolean canEdit() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.CITY_STAFF) || u.hasRole(Role.ADMIN))
                .orElse(false);
    }

    /** What a new version changes: the counting rules and one indicator (added or changed), or one retired. */
    public record Change(
            int basedOn,
            @Nullable LocalDate effectiveFrom,
            @Nullable String note,
            IndicatorRules.@Nullable Rules rules,
            IndicatorRules.@Nullable Definition indicator,
            @Nullable String retire) {}

    /** Everything wrong with a change, all at once; empty when it can be written. */
    public List<InvalidInputException.Problem> problems(Change change) {
        return problems(change, latest());
    }

    private List<InvalidInputException.Problem> problems(Change change, RuleVersion latest) {
        var problems = new ArrayList<InvalidInputException.Problem>();
        if (change.effectiveFrom() == null) {
            problems.add(new InvalidInputException.Problem("effectiveFrom", "validation.required"));
        } else if (change.effectiveFrom().isBefore(latest.effectiveFrom())) {
            problems.add(new InvalidInputException.Problem(
                    "effectiveFrom", "rules.effectiveFrom.beforeLatest", latest.version(), latest.effectiveFrom()));
        }
        if (change.note() == null || change.note().isBlank()) {
            problems.add(new InvalidInputException.Problem("note", "rules.note.required"));
        }
        InvalidInputException.checkLength(problems, "note", change.note(), 500);
        if (change.rules() != null) {
            problems.addAll(rules.check(change.rules()));
        }
        if (change.indicator() != null) {
            problems.addAll(rules.check(change.indicator()));
        }
        if (change.retire() != null && latest.indicator(change.retire()).isEmpty()) {
            problems.add(new InvalidInputException.Problem("retire", "rules.indicator.unknown", change.retire()));
        }
        return problems;
    }

    /**
     * Writes a new version: the latest with the change. {@code basedOn} is the version the user edited; another
     * version written since is a conflict (409), so that no change is made on rules the user has not seen.
     */
    @Transactional
    public RuleVersion change(Change change) {
        if (!canEdit()) {
            throw new AccessDeniedException("rule versions are made by city staff");
        }
        // one writer at a time: the next number is the latest's plus one
        jdbc.sql("lock table rule_version in share row exclusive mode").update();
        RuleVersion latest = latest();
        if (change.basedOn() != latest.version()) {
            var shown = new LinkedHashMap<String, Object>();
            shown.put("effectiveFrom", latest.effectiveFrom());
            shown.put("note", latest.note());
            throw new ConflictException("rule_version", change.basedOn(), latest.version(), shown);
        }
        var problems = problems(change, latest);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        IndicatorRules.Rules newRules = change.rules() == null ? IndicatorRules.Rules.of(latest) : change.rules();
        List<Indicator> indicators = new ArrayList<>(latest.indicators());
        if (change.indicator() != null) {
            Indicator ind = change.indicator().toIndicator();
            indicators.removeIf(i -> i.code().equals(ind.code()));
            indicators.add(ind);
        }
        if (change.retire() != null) {
            indicators.removeIf(i -> i.code().equals(change.retire()));
        }
        int version = latest.version() + 1;
        Long by = currentUser.get().map(u -> u.id()).orElse(null);
        jdbc.sql("""
                insert into rule_version (version, effective_from, expansions_count, split_mode, split_share,
                                          excluded_types, note, created_by)
                values (:v, :from, :exp, :split, :share, :excluded, :note, :by)
                """)
                .param("v", version)
                .param("from", change.effectiveFrom())
                .param("exp", newRules.expansionsCounted())
                .param("split", newRules.split().name())
                .param("share", newRules.split() == RuleVersion.Split.FIXED ? newRules.splitShare() : null)
                .param("excluded", newRules.excludedTypes().toArray(String[]::new))
                .param("note", change.note().trim())
                .param("by", by)
                .update();
        newRules.thresholds()
                .forEach((type, min) -> jdbc.sql(
                                "insert into rule_threshold (version, project_type, min_total) values (:v, :t, :m)")
                        .param("v", version)
                        .param("t", RuleVersion.ANY_TYPE.equals(type) ? null : type)
                        .param("m", min)
                        .update());
        for (Indicator i : indicators) {
            jdbc.sql("insert into indicator (code) values (:c) on conflict do nothing")
                    .param("c", i.code())
                    .update();
            jdbc.sql("""
                    insert into indicator_definition (version, code, name_zh, name_en, unit, computation, min_total,
                                                      max_total, fund_origins, project_types, eligible_only, key_only,
                                                      sort_order)
                    values (:v, :code, :zh, :en, :unit, :comp, :min, :max, :origins, :types, :elig, :key, :sort)
                    """)
                    .param("v", version)
                    .param("code", i.code())
                    .param("zh", i.nameZh())
                    .param("en", i.nameEn())
                    .param("unit", i.unit().name())
                    .param("comp", i.computation())
                    .param("min", i.minTotal())
                    .param("max", i.maxTotal())
                    .param("origins", i.fundOrigins().toArray(String[]::new))
                    .param("types", i.projectTypes().toArray(String[]::new))
                    .param("elig", i.eligibleOnly())
                    .param("key", i.keyOnly())
                    .param("sort", i.sortOrder())
                    .update();
        }
        String what = change.indicator() != null
                ? change.indicator().code()
                : change.retire() != null ? "-" + change.retire() : "rules";
        audit.record(
                "RULE_VERSION_CREATE",
                "rule_version",
                String.valueOf(version),
                Outcome.SUCCESS,
                what + " from " + change.effectiveFrom() + ": " + change.note().trim());
        return version(version);
    }
}
