package cn.yinfeng.activities;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.ConflictException.Stored;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.RegionScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * What trips, delegations, talks and events share: who may write and where, the checks every form makes, the scoped
 * read of one record, and the update guarded by the version read (a stale one is a 409 showing what is stored now).
 */
@Component
class ActivitySupport {

    /** The stored state shown with a conflict: the version now and the fields the user should compare. */
    private final JdbcClient jdbc;

    private final CurrentUser currentUser;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    ActivitySupport(JdbcClient jdbc, CurrentUser currentUser, Accounts accounts, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    RegionScope scope() {
        return currentUser.scope();
    }

    boolean canWrite() {
        return currentUser.isStaff();
    }

    YinfengUser requireWriter() {
        return currentUser.requireStaff("activities need county or city staff");
    }

    /** A write to a record of a region outside the caller's scope is a 403. */
    void requireWritable(long regionId) {
        currentUser.requireWritable(regionId);
    }

    /** The region a new record names (the caller's own when none), which must be in scope: else a field error. */
    long checkRegion(Long regionId) {
        return currentUser.checkRegion(regionId, "project.region.outOfScope");
    }

    /** An edit of a record held by {@code held}: writable there, and moved (if at all) only inside the scope. */
    long regionToUpdate(long held, Long requested) {
        requireWritable(held);
        return checkRegion(requested == null ? held : requested);
    }

    /** Checks of a form, collected so the user sees every problem at once. */
    Checks checks() {
        return new Checks(today());
    }

    /** An enabled leader of the caller's region tree or above: the trip-leader picker's list, no other id. */
    boolean isLeader(long userId) {
        return accounts.selectableLeader(userId, currentUser.scope());
    }

    String userName(long userId) {
        String name = accounts.displayNames(List.of(userId)).get(userId);
        if (name == null) {
            throw new NotFoundException("user", userId);
        }
        return name;
    }

    /**
     * One record of a kind in the caller's scope, or the 404 of a missing one. {@code select} reads from the kind's
     * table under {@code alias}, whose {@code region_id} is scoped.
     */
    <T> T findScoped(String what, long id, String select, String alias, RowMapper<T> mapper) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql(select + " where " + alias + ".id = :id and " + scope.where(alias + ".region_id")))
                .param("id", id)
                .query(mapper)
                .optional()
                .orElseThrow(() -> new NotFoundException(what, id));
    }

    /**
     * Runs an update written with {@code and version = :version}: when no row changed, someone saved since the
     * version was read, and the answer is a conflict with what is stored now; never a silent overwrite.
     */
    void updateVersioned(StatementSpec update, String what, Long version, Supplier<Stored> current) {
        ConflictException.unlessUpdated(
                update.param("version", version(version)).update(), what, version(version), current);
    }

    void audit(String action, String what, long id, String detail) {
        audit.record(action, what, id, Outcome.SUCCESS, detail);
    }

    static ActivityStatus status(ActivityStatus s) {
        return s == null ? ActivityStatus.DONE : s;
    }

    static long version(Long v) {
        return v == null ? -1 : v;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    /** Names given as a list: blanks dropped, trimmed, each once. */
    static List<String> names(List<String> names) {
        return names == null
                ? List.of()
                : names.stream()
                        .filter(s -> !blank(s))
                        .map(String::trim)
                        .distinct()
                        .toList();
    }

    static LocalDate date(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }

    /** The problems of one form, in the order the fields are checked; {@link #orThrow()} ends the checks. */
    static final class Checks {

        private final LocalDate today;
        private final List<Problem> problems = new ArrayList<>();

        private Checks(LocalDate today) {
            this.today = today;
        }

        Checks required(String field, Object value) {
            return when(value == null || value instanceof String s && s.isBlank(), field, "validation.required");
        }

        Checks when(boolean broken, String field, String messageKey, Object... args) {
            if (broken) {
                problems.add(new Problem(field, messageKey, args));
            }
            return this;
        }

        /** A done activity cannot lie ahead: one not held yet is planned. */
        Checks planned(String field, ActivityStatus status, LocalDate date) {
            return when(
                    date != null && status(status) == ActivityStatus.DONE && date.isAfter(today),
                    field,
                    "activity.futureNotPlanned");
        }

        void orThrow() {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
    }
}
