package cn.yinfeng.projects;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review by the city: a county submits its working copy, city staff approve it (it becomes the approved version that
 * "as of" figures read, with the funds recorded so far) or return it with an opinion. Each step is kept with the
 * version it concerned.
 */
@Service
public class ProjectReviews {

    public record Review(long id, String action, String actor, String opinion, long version, Instant at) {}

    private final ProjectWrites writes;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ProjectCredits credits;
    private final ApplicationEventPublisher events;

    ProjectReviews(
            ProjectWrites writes,
            JdbcClient jdbc,
            AuditLog audit,
            Clock clock,
            ProjectCredits credits,
            ApplicationEventPublisher events) {
        this.credits = credits;
        this.events = events;
        this.writes = writes;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void submit(long id, long version) {
        YinfengUser user = writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        if (p.reviewStatus() != ReviewStatus.DRAFT && p.reviewStatus() != ReviewStatus.RETURNED) {
            throw new InvalidInputException(null, "review.notDraft");
        }
        writes.setReview(id, ReviewStatus.SUBMITTED, "", Map.of());
        recordReview(id, "SUBMIT", user, null, version + 1);
        audit.record("PROJECT_SUBMIT", "project", id, Outcome.SUCCESS, null);
        writes.changed(id);
        published(p, "SUBMIT", user, null);
    }

    /** City staff accept the submitted version: it becomes the official one from now on. */
    @Transactional
    public void approve(long id, long version, String opinion) {
        YinfengUser user = writes.requireReviewer();
        Project p = lockSubmitted(id, version);
        writes.setReview(id, ReviewStatus.APPROVED, "", Map.of());
        snapshotApproved(id, user.id(), clock.instant());
        credits.requestIfNew(id);
        recordReview(id, "APPROVE", user, opinion, version + 1);
        audit.record("PROJECT_APPROVE", "project", id, Outcome.SUCCESS, opinion);
        writes.changed(id);
        published(p, "APPROVE", user, opinion);
    }

    @Transactional
    public void returnForChanges(long id, long version, String opinion) {
        YinfengUser user = writes.requireReviewer();
        Project p = lockSubmitted(id, version);
        if (opinion == null || opinion.isBlank()) {
            throw new InvalidInputException("opinion", "review.opinionRequired");
        }
        writes.setReview(id, ReviewStatus.RETURNED, "", Map.of());
        recordReview(id, "RETURN", user, opinion.trim(), version + 1);
        audit.record("PROJECT_RETURN", "project", id, Outcome.SUCCESS, opinion);
        writes.changed(id);
        published(p, "RETURN", user, opinion.trim());
    }

    /** The project locked for a city step: it must be waiting for review, at the version the reviewer saw. */
    private Project lockSubmitted(long id, long version) {
        Project p = writes.lockForReview(id, version);
        if (p.reviewStatus() != ReviewStatus.SUBMITTED) {
            throw new InvalidInputException(null, "review.notSubmitted");
        }
        return p;
    }

    private void published(Project p, String action, YinfengUser actor, String opinion) {
        Long submitter = action.equals("SUBMIT")
                ? Long.valueOf(actor.id())
                : jdbc.sql("select actor_id from project_review where project_id = :p and action = 'SUBMIT'"
                                + " order by id desc limit 1")
                        .param("p", p.id())
                        .query(Long.class)
                        .optional()
                        .orElse(null);
        events.publishEvent(new ProjectReviewed(
                p.id(), p.code(), p.name(), p.regionId(), p.regionName(), action, actor.id(), opinion, submitter));
    }

    /**
     * Writes the current working copy as the approved version valid from {@code at}; funds so far are approved. The
     * first approved version of a back-filled project is marked so ({@link ProjectBackfill}).
     */
    private void snapshotApproved(long id, Long approver, Instant at) {
        Timestamp ts = Timestamp.from(at);
        jdbc.sql("update project_approved set valid_to = :at where project_id = :id and valid_to is null")
                .param("at", ts)
                .param("id", id)
                .update();
        jdbc.sql("""
                insert into project_approved (project_id, valid_from, name, region_id, attracting_region_id,
                       attracting_share, chain_id, project_type, total_investment, contract_amount, fund_origin,
                       fund_origin_derived, out_of_province_amount, key_project, leader_user_id, counted,
                       expansion_of_id, stage, signed_on, registered_on, started_on, producing_on,
                       full_production_on, approved_by, project_version, foreign_currency, foreign_amount,
                       exchange_rate, backfilled)
                select id, :at, name, region_id, attracting_region_id, attracting_share, chain_id, project_type,
                       total_investment, contract_amount, fund_origin, fund_origin_derived, out_of_province_amount,
                       key_project, leader_user_id, counted,
                       expansion_of_id, stage, signed_on, registered_on, started_on, producing_on,
                       full_production_on, :by, version, foreign_currency, foreign_amount, exchange_rate,
                       backfilled and not exists (select 1 from project_approved x where x.project_id = p.id)
                  from project p where id = :id
                """).param("at", ts).param("by", approver).param("id", id).update();
        // the funds approved with a back-filled first version are history like it
        jdbc.sql("""
                update project_fund set approved_at = :at, backfilled = backfilled or coalesce((select a.backfilled
                       from project_approved a where a.project_id = :id and a.valid_from = :at), false)
                 where project_id = :id and approved_at is null and deleted_at is null
                """).param("at", ts).param("id", id).update();
    }

    private void recordReview(long id, String action, YinfengUser user, String opinion, long version) {
        jdbc.sql("insert into project_review (project_id, action, actor_id, opinion, version) values "
                        + "(:p, :a, :u, :o, :v)")
                .param("p", id)
                .param("a", action)
                .param("u", user.id())
                .param("o", ProjectWrites.blank(opinion))
                .param("v", version)
                .update();
    }
}
