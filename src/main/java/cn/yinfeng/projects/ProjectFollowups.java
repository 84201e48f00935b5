package cn.yinfeng.projects;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-ups (跟进): what was done for a project on a day, the next step and when it is due. A follow-up does not
 * change the working copy (no new version, no review), but the rules that watch follow-ups see it at once.
 */
@Service
public class ProjectFollowups {

    public record Followup(
            long id, LocalDate on, String user, String content, String nextStep, LocalDate due, Instant at) {}

    private final ProjectWrites writes;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    ProjectFollowups(ProjectWrites writes, JdbcClient jdbc, AuditLog audit) {
        this.writes = writes;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public long addFollowup(long id, LocalDate on, String content, String nextStep, LocalDate due) {
        YinfengUser user = writes.requireWriter();
        writes.requireWritable(id);
        var problems = new ArrayList<Problem>();
        if (on == null) {
            problems.add(new Problem("on", "validation.required"));
        } else if (on.isAfter(writes.today())) {
            problems.add(new Problem("on", "stage.dateFuture"));
        }
        if (content == null || content.isBlank()) {
            problems.add(new Problem("content", "validation.required"));
        }
        if (due != null && on != null && due.isBefore(on)) {
            problems.add(new Problem("due", "followup.dueBeforeDate"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        // one writer of a project's follow-ups at a time, so exactly one of them is the latest
        jdbc.sql("select id from project where id = :p for update")
                .param("p", id)
                .query(Long.class)
                .single();
        jdbc.sql("update project_followup set latest = false where project_id = :p and latest")
                .param("p", id)
                .update();
        long fid = jdbc.sql("insert into project_followup (project_id, on_date, user_id, content, next_step, due_date, "
                        + "latest) values (:p, :on, :u, :c, :n, :d, true) returning id")
                .param("p", id)
                .param("on", on)
                .param("u", user.id())
                .param("c", content.trim())
                .param("n", ProjectWrites.blank(nextStep))
                .param("d", due)
                .query(Long.class)
                .single();
        audit.record("PROJECT_FOLLOWUP", "project", id, Outcome.SUCCESS, null);
        writes.changed(id);
        return fid;
    }
}
