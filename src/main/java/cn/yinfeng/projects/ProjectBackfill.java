package cn.yinfeng.projects;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Back-filled history (补录): a project loaded from an old ledger records facts that happened before it was entered.
 * Its first approved version, and the funds approved with it, then stand for the time before they were recorded, so
 * a figure "as of" a past date reads them instead of nothing (and says it did). A county marks what its back-fill
 * import writes, before approval; city staff may mark or unmark any project they can read, approved or not.
 */
@Service
public class ProjectBackfill {

    private final ProjectWrites writes;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    ProjectBackfill(ProjectWrites writes, JdbcClient jdbc, AuditLog audit) {
        this.writes = writes;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Marks the projects a back-fill import wrote, among those the caller may write and that were never approved (an
     * approved project's record began at its approval: city staff decide with {@link #mark}). Returns how many.
     */
    @Transactional
    public int markImported(Collection<Long> ids, String source) {
        writes.requireWriter();
        if (ids.isEmpty()) {
            return 0;
        }
        writes.requireWritable(ids);
        int n = jdbc.sql("update project p set backfilled = true where p.id = any(:ids) and not p.backfilled "
                        + "and not exists (select 1 from project_approved a where a.project_id = p.id)")
                .param("ids", ids.toArray(Long[]::new))
                .update();
        if (n > 0) {
            audit.record("PROJECT_BACKFILL", "import", null, Outcome.SUCCESS, n + " projects, " + source);
        }
        return n;
    }

    /**
     * City staff say whether a project's first record describes the past, at the version they saw (409 when stale).
     * If it is approved, its first approved version and the funds approved with it follow.
     */
    @Transactional
    public void mark(long id, long version, boolean backfilled) {
        writes.requireReviewer();
        Project p = writes.lockForReview(id, version);
        if (p.backfilled() == backfilled) {
            return;
        }
        writes.setReview(id, p.reviewStatus(), "backfilled = :b", Map.of("b", backfilled));
        jdbc.sql("""
                update project_approved set backfilled = :b
                 where project_id = :id and valid_from = (select min(valid_from) from project_approved where project_id = :id)
                """).param("b", backfilled).param("id", id).update();
        jdbc.sql("""
                update project_fund set backfilled = :b
                 where project_id = :id
                   and approved_at = (select min(valid_from) from project_approved where project_id = :id)
                """).param("b", backfilled).param("id", id).update();
        audit.record(backfilled ? "PROJECT_BACKFILL" : "PROJECT_BACKFILL_UNDO", "project", id, Outcome.SUCCESS, null);
        writes.changed(id);
    }
}
