package cn.yinfeng.talent;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What every write of a talent record goes through: only the talent office writes, in its own scope; an update
 * carries the version it was read at and answers 409 with what is stored now when someone saved first; every
 * write is audited.
 */
@Component
class TalentWrites {

    /** A stored record with a region and a version, as the update rules need it. */
    interface Stored {
        long regionId();

        long version();
    }

    /** Who creates, and the region the new record goes in. */
    record Creating(long by, long region) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    TalentWrites(JdbcClient jdbc, CurrentUser currentUser, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(cn.yinfeng.common.Times.ZONE));
    }

    /** Only the talent office records and edits. */
    boolean canWrite() {
        return currentUser.get().map(u -> u.hasRole(Role.TALENT_OFFICER)).orElse(false);
    }

    YinfengUser requireWriter() {
        YinfengUser u = currentUser.require();
        if (!u.hasRole(Role.TALENT_OFFICER)) {
            throw new AccessDeniedException("talent records are kept by the talent office");
        }
        return u;
    }

    /** A new record: the writer, and the region asked for, inside the writer's scope. */
    Creating creating(Long regionId) {
        YinfengUser user = requireWriter();
        return new Creating(user.id(), checkRegion(regionId));
    }

    /** Adding to or changing a stored record: the writer must be allowed to write in its region. */
    void requireWritable(long regionId) {
        currentUser.requireWritable(regionId);
    }

    /** An update of {@code before}: its region writable, and the region asked for (none keeps it) in scope. */
    long regionForUpdate(Stored before, Long regionId) {
        requireWritable(before.regionId());
        return checkRegion(regionId == null ? before.regionId() : regionId);
    }

    private long checkRegion(Long regionId) {
        return currentUser.checkRegion(regionId, "talent.region.outOfScope");
    }

    /**
     * After {@code update ... where id = :id and version = :version}: no row changed means the version was stale,
     * a 409 naming what is stored now ({@code shown} as name, value pairs).
     */
    <T extends Stored> void requireUpdated(
            int rows, String table, Long expected, Supplier<T> now, Function<T, Object[]> shown) {
        ConflictException.unlessUpdated(rows, table, TalentChecks.version(expected), () -> {
            T current = now.get();
            Object[] pairs = shown.apply(current);
            var m = new LinkedHashMap<String, Object>();
            for (int i = 0; i < pairs.length; i += 2) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
            return new ConflictException.Stored(current.version(), m);
        });
    }

    /** A part added to or changed under a record (a position, a session) is a new version of the record. */
    void bump(String table, long id) {
        // table names come from the talent classes only
        jdbc.sql("update " + table + " set version = version + 1 where id = :id")
                .param("id", id)
                .update();
    }

    void audit(String action, String table, long id, String detail) {
        audit.record(action, table, id, Outcome.SUCCESS, detail);
    }
}
