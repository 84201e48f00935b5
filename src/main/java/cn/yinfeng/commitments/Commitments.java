package cn.yinfeng.commitments;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.commitments.CommitmentRule.Kind;
import cn.yinfeng.commitments.CommitmentRule.Reading;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.Times;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.Projects;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's contract commitments and its yearly actuals: recorded by the writers of the project's county, read by
 * whoever may read the project. Every problem of a form at once, under its field; 409 on a stale version; audited.
 * A commitment falls due on or after the signing; a year's actuals close on 1 April of the next year, after which
 * only city staff change them (the city's approval of a late correction).
 */
@Service
public class Commitments {

    /** A commitment as typed; {@code amount} empty for START and PRODUCTION. */
    public record Form(
            @Nullable String kind,
            @Nullable LocalDate dueOn,
            @Nullable BigDecimal amount,
            @Nullable String clause,
            @Nullable String note,
            @Nullable Long version) {}

    /** A year's actual of one kind; {@code version} as read when it changes an actual already recorded. */
    public record ActualForm(
            @Nullable String kind,
            @Nullable Integer year,
            @Nullable BigDecimal amount,
            @Nullable String note,
            @Nullable Long version) {}

    public record Commitment(
            long id,
            long projectId,
            Kind kind,
            LocalDate dueOn,
            @Nullable BigDecimal amount,
            @Nullable String clause,
            @Nullable String note,
            long version,
            Reading reading) {}

    public record Actual(
            long id,
            long projectId,
            Kind kind,
            int year,
            BigDecimal amount,
            @Nullable String note,
            long version,
            boolean closed) {}

    /** A project's commitments and actuals with its 履约率 (kept of those due, percent; null when none is due). */
    public record Card(
            List<Commitment> commitments,
            List<Actual> actuals,
            long due,
            long kept,
            @Nullable BigDecimal rate) {}

    private final JdbcClient jdbc;
    private final Projects projects;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    Commitments(JdbcClient jdbc, Projects projects, CurrentUser currentUser, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    /** The first day a year's actuals are closed: 1 April of the next year. */
    static LocalDate closesOn(int year) {
        return LocalDate.of(year + 1, 4, 1);
    }

    public boolean canWrite(Project p) {
        return projects.canWrite(p);
    }

    private boolean city() {
        return currentUser.get().map(u -> u.hasRole(Role.CITY_STAFF)).orElse(false);
    }

    /** The project's card; the project must be readable (404 otherwise). */
    public Card card(long projectId) {
        Project p = projects.find(projectId);
        LocalDate today = today();
        List<Actual> actuals = jdbc.sql("select id, project_id, kind, year, amount, note, version from project_actual "
                        + "where project_id = :p order by kind, year")
                .param("p", projectId)
                .query((rs, n) -> new Actual(
                        rs.getLong("id"),
                        rs.getLong("project_id"),
                        Kind.valueOf(rs.getString("kind")),
                        rs.getInt("year"),
                        rs.getBigDecimal("amount"),
                        rs.getString("note"),
                        rs.getLong("version"),
                        !today.isBefore(closesOn(rs.getInt("year")))))
                .list();
        var byKind = new EnumMap<Kind, Map<Integer, BigDecimal>>(Kind.class);
        actuals.forEach(
                a -> byKind.computeIfAbsent(a.kind(), k -> new HashMap<>()).put(a.year(), a.amount()));
        List<Commitment> commitments = jdbc.sql("select id, project_id, kind, due_on, amount, clause, note, version "
                        + "from project_commitment where project_id = :p order by due_on, kind")
                .param("p", projectId)
                .query((rs, n) -> map(rs, p, byKind, today))
                .list();
        long due = commitments.stream()
                .filter(c -> c.reading().status() != CommitmentRule.Status.PENDING)
                .count();
        long kept =
                commitments.stream().filter(c -> c.reading().status().kept()).count();
        return new Card(
                commitments,
                actuals,
                due,
                kept,
                due == 0 ? null : CommitmentRule.share(BigDecimal.valueOf(kept), BigDecimal.valueOf(due)));
    }

    public Commitment find(long id) {
        long projectId = jdbc.sql("select project_id from project_commitment where id = :id")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("project_commitment", id));
        return card(projectId).commitments().stream()
                .filter(c -> c.id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("project_commitment", id));
    }

    @Transactional
    public Commitment add(long projectId, Form f) {
        return add(projectId, f, List.of());
    }

    /** {@code typed}: the problems found reading the form's text (a date or amount that is none), reported too. */
    @Transactional
    Commitment add(long projectId, Form f, List<Problem> typed) {
        Project p = writable(projectId);
        var problems = InvalidInputException.merge(typed, check(p, f));
        Kind kind = kindOf(f.kind());
        if (problems.isEmpty() && taken(projectId, kind, f.dueOn(), null)) {
            problems.add(new Problem("dueOn", "commitment.taken", f.dueOn()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id;
        try {
            id = jdbc.sql("""
                    insert into project_commitment (project_id, kind, due_on, amount, clause, note, updated_by, updated_at)
                    values (:p, :k, :d, :a, :c, :n, :by, :at) returning id
                    """)
                    .param("p", projectId)
                    .param("k", kind.name())
                    .param("d", f.dueOn())
                    .param("a", f.amount())
                    .param("c", blank(f.clause()))
                    .param("n", blank(f.note()))
                    .param("by", currentUser.require().id())
                    .param("at", Timestamp.from(clock.instant()))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException raced) {
            throw new InvalidInputException("dueOn", "commitment.taken", f.dueOn());
        }
        audit.record("COMMITMENT_CREATE", "project", projectId, Outcome.SUCCESS, p.code() + " " + describe(kind, f));
        return find(id);
    }

    @Transactional
    public Commitment update(long id, Form f) {
        return update(id, f, List.of());
    }

    @Transactional
    Commitment update(long id, Form f, List<Problem> typed) {
        Commitment now = find(id);
        Project p = writable(now.projectId());
        var problems = InvalidInputException.merge(typed, check(p, f));
        if (f.version() == null) {
            problems.add(new Problem("version", "validation.required"));
        }
        Kind kind = kindOf(f.kind());
        if (problems.isEmpty() && taken(now.projectId(), kind, f.dueOn(), id)) {
            problems.add(new Problem("dueOn", "commitment.taken", f.dueOn()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int rows = jdbc.sql("""
                update project_commitment set kind = :k, due_on = :d, amount = :a, clause = :c, note = :n,
                       updated_by = :by, updated_at = :at, version = version + 1
                 where id = :id and version = :v
                """)
                .param("k", kind.name())
                .param("d", f.dueOn())
                .param("a", f.amount())
                .param("c", blank(f.clause()))
                .param("n", blank(f.note()))
                .param("by", currentUser.require().id())
                .param("at", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("v", f.version())
                .update();
        ConflictException.unlessUpdated(rows, "project_commitment", f.version(), () -> stored(find(id)));
        audit.record("COMMITMENT_UPDATE", "project", now.projectId(), Outcome.SUCCESS, describe(kind, f));
        return find(id);
    }

    @Transactional
    public void delete(long id, @Nullable Long version) {
        Commitment now = find(id);
        writable(now.projectId());
        if (version == null) {
            throw new InvalidInputException("version", "validation.required");
        }
        int rows = jdbc.sql("delete from project_commitment where id = :id and version = :v")
                .param("id", id)
                .param("v", version)
                .update();
        ConflictException.unlessUpdated(rows, "project_commitment", version, () -> stored(find(id)));
        audit.record(
                "COMMITMENT_DELETE",
                "project",
                now.projectId(),
                Outcome.SUCCESS,
                now.kind() + " " + now.dueOn() + " " + now.amount());
    }

    /**
     * Records a year's actual of a kind, or changes the one recorded (at the version read). A closed year (from 1
     * April of the next) is the city's to change.
     */
    @Transactional
    public Actual record(long projectId, ActualForm f) {
        return record(projectId, f, List.of());
    }

    @Transactional
    Actual record(long projectId, ActualForm f, List<Problem> typed) {
        Project p = writable(projectId);
        var problems = new ArrayList<Problem>();
        Kind kind = null;
        if (f.kind() == null || f.kind().isBlank()) {
            problems.add(new Problem("kind", "commitment.kindRequired"));
        } else {
            kind = kindOf(f.kind());
            if (kind == null || !kind.hasAmount()) {
                problems.add(new Problem(
                        "kind", "commitment.actualKindUnknown", f.kind().trim()));
                kind = null;
            }
        }
        LocalDate today = today();
        if (f.year() == null) {
            problems.add(new Problem("year", "commitment.yearRequired"));
        } else if (f.year() > today.getYear()) {
            problems.add(new Problem(
                    "year", "commitment.yearFuture", String.valueOf(f.year()), String.valueOf(today.getYear())));
        } else if (f.year() < 2000) {
            problems.add(new Problem("year", "validation.invalid"));
        } else if (!today.isBefore(closesOn(f.year())) && !city()) {
            problems.add(new Problem("year", "commitment.yearClosed", String.valueOf(f.year()), closesOn(f.year())));
        }
        checkAmount(problems, kind, f.amount(), true);
        InvalidInputException.checkLength(problems, "note", f.note(), 500);
        Actual existing = kind == null || f.year() == null ? null : actual(projectId, kind, f.year());
        if (existing != null && f.version() == null) {
            problems.add(new Problem("version", "commitment.actualExists", String.valueOf(f.year())));
        }
        var all = InvalidInputException.merge(typed, problems);
        if (!all.isEmpty()) {
            throw new InvalidInputException(all);
        }
        Timestamp at = Timestamp.from(clock.instant());
        long by = currentUser.require().id();
        if (existing == null) {
            try {
                jdbc.sql("insert into project_actual (project_id, kind, year, amount, note, recorded_by, recorded_at) "
                                + "values (:p, :k, :y, :a, :n, :by, :at)")
                        .param("p", projectId)
                        .param("k", kind.name())
                        .param("y", f.year())
                        .param("a", f.amount())
                        .param("n", blank(f.note()))
                        .param("by", by)
                        .param("at", at)
                        .update();
            } catch (DuplicateKeyException raced) {
                throw new InvalidInputException("version", "commitment.actualExists", String.valueOf(f.year()));
            }
        } else {
            int rows = jdbc.sql(
                            "update project_actual set amount = :a, note = :n, recorded_by = :by, recorded_at = :at, "
                                    + "version = version + 1 where id = :id and version = :v")
                    .param("a", f.amount())
                    .param("n", blank(f.note()))
                    .param("by", by)
                    .param("at", at)
                    .param("id", existing.id())
                    .param("v", f.version())
                    .update();
            Actual before = existing;
            ConflictException.unlessUpdated(rows, "project_actual", f.version(), () -> {
                Actual a = actual(projectId, before.kind(), before.year());
                return new ConflictException.Stored(a.version(), Map.of("amount", a.amount()));
            });
        }
        audit.record(
                existing == null ? "ACTUAL_RECORD" : "ACTUAL_UPDATE",
                "project",
                projectId,
                Outcome.SUCCESS,
                p.code() + " " + kind + " " + f.year() + ": "
                        + (existing == null ? "" : existing.amount().toPlainString() + " -> ")
                        + f.amount().toPlainString());
        return actual(projectId, kind, f.year());
    }

    private @Nullable Actual actual(long projectId, Kind kind, int year) {
        LocalDate today = today();
        return jdbc.sql("select id, project_id, kind, year, amount, note, version from project_actual "
                        + "where project_id = :p and kind = :k and year = :y")
                .param("p", projectId)
                .param("k", kind.name())
                .param("y", year)
                .query((rs, n) -> new Actual(
                        rs.getLong("id"),
                        projectId,
                        kind,
                        year,
                        rs.getBigDecimal("amount"),
                        rs.getString("note"),
                        rs.getLong("version"),
                        !today.isBefore(closesOn(year))))
                .optional()
                .orElse(null);
    }

    private List<Problem> check(Project p, Form f) {
        var problems = new ArrayList<Problem>();
        Kind kind = null;
        if (f.kind() == null || f.kind().isBlank()) {
            problems.add(new Problem("kind", "commitment.kindRequired"));
        } else {
            kind = kindOf(f.kind());
            if (kind == null) {
                problems.add(
                        new Problem("kind", "commitment.kindUnknown", f.kind().trim()));
            }
        }
        LocalDate signed = p.dates().signedOn();
        if (f.dueOn() == null) {
            problems.add(new Problem("dueOn", "commitment.dueRequired"));
        } else if (signed == null) {
            problems.add(new Problem("dueOn", "commitment.notSigned"));
        } else if (f.dueOn().isBefore(signed)) {
            problems.add(new Problem("dueOn", "commitment.beforeSigning", f.dueOn(), signed));
        }
        if (kind != null && !kind.hasAmount()) {
            if (f.amount() != null) {
                problems.add(new Problem("amount", "commitment.noAmountForDate"));
            }
        } else {
            checkAmount(problems, kind, f.amount(), false);
        }
        InvalidInputException.checkLength(problems, "clause", f.clause(), 100);
        InvalidInputException.checkLength(problems, "note", f.note(), 500);
        return problems;
    }

    /** An amount: given, positive (zero allowed for an actual), two decimals, 14 digits; jobs in whole persons. */
    private static void checkAmount(
            List<Problem> problems, @Nullable Kind kind, @Nullable BigDecimal amount, boolean zeroOk) {
        if (amount == null) {
            problems.add(new Problem("amount", "commitment.amountRequired"));
        } else if (amount.signum() < 0 || (!zeroOk && amount.signum() == 0)) {
            problems.add(new Problem("amount", zeroOk ? "validation.notNegative" : "validation.positive"));
        } else if (kind == Kind.JOBS && amount.stripTrailingZeros().scale() > 0) {
            problems.add(new Problem("amount", "commitment.jobsWhole", amount.toPlainString()));
        } else if (amount.stripTrailingZeros().scale() > 2) {
            problems.add(new Problem("amount", "validation.twoDecimals"));
        } else if (amount.precision() - amount.scale() > 14) {
            problems.add(new Problem("amount", "validation.amountTooLarge"));
        }
    }

    static @Nullable Kind kindOf(@Nullable String typed) {
        if (typed == null) {
            return null;
        }
        try {
            return Kind.valueOf(typed.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean taken(long projectId, Kind kind, LocalDate dueOn, @Nullable Long except) {
        return jdbc.sql("select count(*) from project_commitment where project_id = :p and kind = :k and due_on = :d "
                                + "and id <> :x")
                        .param("p", projectId)
                        .param("k", kind.name())
                        .param("d", dueOn)
                        .param("x", except == null ? -1L : except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private Project writable(long projectId) {
        Project p = projects.find(projectId);
        if (!projects.canWrite(p)) {
            throw new AccessDeniedException("not a writer of the project's region");
        }
        return p;
    }

    private static Commitment map(ResultSet rs, Project p, Map<Kind, Map<Integer, BigDecimal>> actuals, LocalDate today)
            throws SQLException {
        Kind kind = Kind.valueOf(rs.getString("kind"));
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        BigDecimal amount = rs.getBigDecimal("amount");
        LocalDate reached = switch (kind) {
            case START -> p.dates().startedOn();
            case PRODUCTION -> p.dates().producingOn();
            default -> null;
        };
        return new Commitment(
                rs.getLong("id"),
                rs.getLong("project_id"),
                kind,
                due,
                amount,
                rs.getString("clause"),
                rs.getString("note"),
                rs.getLong("version"),
                CommitmentRule.read(kind, due, amount, actuals.getOrDefault(kind, Map.of()), reached, today));
    }

    private static ConflictException.Stored stored(Commitment c) {
        var shown = new LinkedHashMap<String, Object>();
        shown.put("kind", c.kind());
        shown.put("dueOn", c.dueOn());
        shown.put("amount", c.amount());
        return new ConflictException.Stored(c.version(), shown);
    }

    private static String describe(Kind kind, Form f) {
        return kind + " " + f.dueOn() + " "
                + (f.amount() == null ? "" : f.amount().toPlainString()) + (f.clause() == null ? "" : " " + f.clause());
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
