package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.regions.RegionScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The path every change of a project takes, whichever class makes it: who may write, the row locked at the version
 * the change was based on (a conflict rather than an overwrite), the working copy back to draft with its version
 * bumped, and {@link ProjectChanged} published for the modules that react.
 */
@Component
class ProjectWrites {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final ProjectRecords records;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectWrites(
            JdbcClient jdbc,
            CurrentUser currentUser,
            ProjectRecords records,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.records = records;
        this.events = events;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    YinfengUser requireWriter() {
        return currentUser.requireStaff("project edits need county or city staff");
    }

    YinfengUser requireReviewer() {
        YinfengUser u = currentUser.require();
        if (!u.hasRole(Role.CITY_STAFF)) {
            throw new AccessDeniedException("reviews need city staff");
        }
        return u;
    }

    /** The project locked for a change by a writer of its landing region, at {@code version}. */
    Project lockForWrite(long id, long version) {
        RegionScope scope = currentUser.scope();
        Project p = records.load(List.of(id), ProjectRecords.writable(scope), scope, true)
                .get(id);
        if (p == null) {
            throw outsideWriteScope(id, scope);
        }
        checkVersion(p, version);
        return p;
    }

    /** The project locked for a review step by a reader of it (city staff review what they can read), at version. */
    Project lockForReview(long id, long version) {
        RegionScope scope = currentUser.scope();
        Project p = records.load(List.of(id), ProjectRecords.readable(scope), scope, true)
                .get(id);
        if (p == null) {
            throw new NotFoundException("project", id);
        }
        checkVersion(p, version);
        return p;
    }

    /**
     * Several projects locked at once for a batch step, each at its version ({@code versions}: id to version), in id
     * order: in the caller's write scope when {@code write}, else read scope (review). One outside it refuses the
     * whole batch (404 or 403), one stale is a 409 whose current values name the project.
     */
    Map<Long, Project> lockAll(Map<Long, Long> versions, boolean write) {
        RegionScope scope = currentUser.scope();
        var ids = new java.util.TreeSet<>(versions.keySet());
        Map<Long, Project> found =
                records.load(ids, write ? ProjectRecords.writable(scope) : ProjectRecords.readable(scope), scope, true);
        for (Long id : ids) {
            Project p = found.get(id);
            if (p == null) {
                throw write ? outsideWriteScope(id, scope) : new NotFoundException("project", id);
            }
            if (p.version() != versions.get(id)) {
                var current = new LinkedHashMap<String, Object>();
                current.put("id", p.id());
                current.put("code", p.code());
                current.put("name", p.name());
                current.put("reviewStatus", p.reviewStatus());
                current.put("updatedAt", p.updatedAt());
                throw new ConflictException("project", versions.get(id), p.version(), current);
            }
        }
        return found;
    }

    /** Refuses a change of a project the caller may not write: not found when unreadable, denied when only read. */
    void requireWritable(long id) {
        RegionScope scope = currentUser.scope();
        if (!records.exists(id, ProjectRecords.writable(scope), scope)) {
            throw outsideWriteScope(id, scope);
        }
    }

    /** Refuses a change of several projects unless the caller may write every one, in one statement. */
    void requireWritable(Collection<Long> ids) {
        RegionScope scope = currentUser.scope();
        long writable = scope.bind(jdbc.sql(
                        "select count(*) from project p where p.id = any(:ids) and " + ProjectRecords.writable(scope)))
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class)
                .single();
        if (writable != new HashSet<>(ids).size()) {
            throw new AccessDeniedException("some of the projects land outside the caller's region");
        }
    }

    private RuntimeException outsideWriteScope(long id, RegionScope scope) {
        if (!records.exists(id, ProjectRecords.readable(scope), scope)) {
            return new NotFoundException("project", id);
        }
        // readable but not writable is a denial, not a miss
        return new AccessDeniedException("project " + id + " lands outside the caller's region");
    }

    private static void checkVersion(Project p, long version) {
        if (p.version() != version) {
            var current = new LinkedHashMap<String, Object>();
            current.put("name", p.name());
            current.put("stage", p.stage());
            current.put("totalInvestment", p.totalInvestment());
            current.put("contractAmount", p.contractAmount());
            current.put("reviewStatus", p.reviewStatus());
            current.put("updatedAt", p.updatedAt());
            throw new ConflictException("project", version, p.version(), current);
        }
    }

    /** Sets {@code assignments} (SQL, may be empty) and takes the project back to draft as a new version. */
    void backToDraft(long id, String assignments, Map<String, ?> params) {
        setReview(id, ReviewStatus.DRAFT, assignments, params);
    }

    /**
     * The one statement that changes a project row: {@code assignments} (SQL with named parameters, may be empty),
     * the review status, a new version and the time of the change.
     */
    void setReview(long id, ReviewStatus status, String assignments, Map<String, ?> params) {
        String set = assignments.isEmpty() ? "" : assignments + ", ";
        jdbc.sql("update project set " + set
                        + "review_status = :reviewStatus, version = version + 1, updated_at = now() where id = :id")
                .params(params)
                .param("reviewStatus", status.name())
                .param("id", id)
                .update();
    }

    void recordTransition(long id, Stage from, Stage to, LocalDate on, YinfengUser user, String note) {
        recordTransition(id, from, to, on, user, note, null);
    }

    /** A transition with the reason of a hold or a termination (a code of {@link LossReasons}). */
    void recordTransition(long id, Stage from, Stage to, LocalDate on, YinfengUser user, String note, String reason) {
        jdbc.sql("insert into project_transition (project_id, from_stage, to_stage, on_date, actor_id, note, reason) "
                        + "values (:p, :f, :t, :on, :u, :n, :r)")
                .param("r", reason)
                .param("p", id)
                .param("f", from == null ? null : from.name())
                .param("t", to.name())
                .param("on", on)
                .param("u", user.id())
                .param("n", blank(note))
                .update();
    }

    /** Tells the other modules that the project changed; they see it once the change has committed. */
    void changed(long id) {
        events.publishEvent(new ProjectChanged(id));
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static void requireDate(LocalDate on, LocalDate today) {
        if (on == null) {
            throw new InvalidInputException("date", "validation.required");
        }
        if (on.isAfter(today)) {
            throw new InvalidInputException("date", "stage.dateFuture");
        }
    }
}
