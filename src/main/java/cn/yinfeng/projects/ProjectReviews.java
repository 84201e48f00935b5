package cn.yinfeng.projects;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** One project of a batch, at the version the user saw. */
    public record BatchItem(Long id, Long version) {}

    /** What became of one project of a batch: its new review status and version. */
    public record BatchResult(long id, String code, String name, ReviewStatus reviewStatus, long version) {}

    /** The most projects one batch takes. */
    static final int BATCH_MAX = 500;

    /**
     * Submits (county), approves or returns (city) several projects in one transaction: all or nothing. Every id must
     * be in the caller's scope (write scope to submit, read scope to review) and at the version given, else nothing is
     * written (403/404, 409 naming the project, 400 naming it when its status does not allow the step). The rows are
     * changed and approved versions snapshotted set-based; each project still gets its own review row, audit entry and
     * {@link ProjectReviewed} event.
     */
    @Transactional
    public List<BatchResult> batch(String action, String opinion, List<BatchItem> items) {
        String act = action == null ? "" : action;
        if (!List.of("SUBMIT", "APPROVE", "RETURN").contains(act)) {
            throw new InvalidInputException("action", "validation.invalid");
        }
        if (items == null || items.isEmpty()) {
            throw new InvalidInputException("items", "review.batchEmpty");
        }
        if (items.size() > BATCH_MAX) {
            throw new InvalidInputException("items", "review.batchTooMany");
        }
        var versions = new LinkedHashMap<Long, Long>();
        for (BatchItem it : items) {
            if (it == null || it.id() == null || it.version() == null) {
                throw new InvalidInputException("items", "validation.required");
            }
            if (versions.put(it.id(), it.version()) != null) {
                throw new InvalidInputException("items", "review.batchDuplicate");
            }
        }
        String text = ProjectWrites.blank(opinion);
        if (act.equals("RETURN") && text == null) {
            throw new InvalidInputException("opinion", "review.opinionRequired");
        }
        YinfengUser user = act.equals("SUBMIT") ? writes.requireWriter() : writes.requireReviewer();
        Map<Long, Project> locked = writes.lockAll(versions, act.equals("SUBMIT"));
        for (Project p : locked.values()) {
            boolean allowed = act.equals("SUBMIT")
                    ? p.reviewStatus() == ReviewStatus.DRAFT || p.reviewStatus() == ReviewStatus.RETURNED
                    : p.reviewStatus() == ReviewStatus.SUBMITTED;
            if (!allowed) {
                throw new InvalidInputException(
                        "items",
                        act.equals("SUBMIT") ? "review.batchNotDraft" : "review.batchNotSubmitted",
                        p.code() + " " + p.name());
            }
        }
        Long[] ids = versions.keySet().toArray(Long[]::new);
        ReviewStatus to = switch (act) {
            case "SUBMIT" -> ReviewStatus.SUBMITTED;
            case "APPROVE" -> ReviewStatus.APPROVED;
            default -> ReviewStatus.RETURNED;
        };
        Map<Long, Long> submitters = act.equals("SUBMIT") ? Map.of() : lastSubmitters(ids);
        jdbc.sql(
                        "update project set review_status = :s, version = version + 1, updated_at = now() where id = any(:ids)")
                .param("s", to.name())
                .param("ids", ids)
                .update();
        if (act.equals("APPROVE")) {
            snapshotApproved(ids, user.id(), clock.instant());
            credits.requestIfNew(versions.keySet());
        }
        jdbc.sql("insert into project_review (project_id, action, actor_id, opinion, version)"
                        + " select id, :a, :u, :o, version from project where id = any(:ids)")
                .param("a", act)
                .param("u", user.id())
                .param("o", text)
                .param("ids", ids)
                .update();
        var out = new ArrayList<BatchResult>();
        for (Long id : versions.keySet()) {
            Project p = locked.get(id);
            audit.record("PROJECT_" + act, "project", id, Outcome.SUCCESS, text);
            writes.changed(id);
            Long submitter = act.equals("SUBMIT") ? Long.valueOf(user.id()) : submitters.get(id);
            events.publishEvent(new ProjectReviewed(
                    p.id(), p.code(), p.name(), p.regionId(), p.regionName(), act, user.id(), text, submitter));
            out.add(new BatchResult(id, p.code(), p.name(), to, p.version() + 1));
        }
        return out;
    }

    /** Who last submitted each project, in one statement. */
    private Map<Long, Long> lastSubmitters(Long[] ids) {
        var out = new HashMap<Long, Long>();
        jdbc.sql("select distinct on (project_id) project_id, actor_id from project_review"
                        + " where project_id = any(:ids) and action = 'SUBMIT' order by project_id, id desc")
                .param("ids", ids)
                .query((rs, n) -> out.put(rs.getLong("project_id"), rs.getLong("actor_id")))
                .list();
        return out;
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
        snapshotApproved(new Long[] {id}, approver, at);
    }

    /** {@link #snapshotApproved(long, Long, Instant)} for several projects, in three set-based statements. */
    private void snapshotApproved(Long[] ids, Long approver, Instant at) {
        Timestamp ts = Timestamp.from(at);
        jdbc.sql("update project_approved set valid_to = :at where project_id = any(:ids) and valid_to is null")
                .param("at", ts)
                .param("ids", ids)
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
                  from project p where id = any(:ids)
                """).param("at", ts).param("by", approver).param("ids", ids).update();
        // the funds approved with a back-filled first version are history like it
        jdbc.sql("""
                update project_fund f set approved_at = :at, backfilled = f.backfilled or coalesce((select a.backfilled
                       from project_approved a where a.project_id = f.project_id and a.valid_from = :at), false)
                 where f.project_id = any(:ids) and f.approved_at is null and f.deleted_at is null
                """).param("at", ts).param("ids", ids).update();
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
