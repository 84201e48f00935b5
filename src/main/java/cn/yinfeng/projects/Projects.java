package cn.yinfeng.projects;

import static cn.yinfeng.common.InvalidInputException.checkLength;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.enterprises.EnterprisesMerged;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The project ledger's rules: who may read and write which project (by region scope, in the SQL), the lifecycle,
 * the review flow with its approved history, funds and follow-ups. Every change checks the version it was based
 * on and fails with a conflict rather than overwrite.
 */
@Service
public class Projects {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public record Transition(long id, Stage from, Stage to, LocalDate on, String actor, String note, Instant at) {}

    public record Followup(
            long id, LocalDate on, String user, String content, String nextStep, LocalDate due, Instant at) {}

    public record Fund(
            long id,
            YearMonth month,
            FundOrigin origin,
            BigDecimal amount,
            String note,
            Instant approvedAt,
            Instant recordedAt) {}

    public record Review(long id, String action, String actor, String opinion, long version, Instant at) {}

    /**
     * One line of a project's timeline: what happened, when, by whom. {@code code} is the review action or fund
     * origin; stage lines carry {@code from}/{@code to}; {@code on} is the business date.
     */
    public record TimelineEntry(
            Instant at, String kind, String code, Stage from, Stage to, LocalDate on, String detail, String actor) {}

    static final String SELECT = """
            select p.*, r.name as region_name, ar.name as attracting_region_name, c.name as chain_name,
                   u.display_name as leader_name,
                   (u.id is not null and not (u.enabled and exists (select 1 from user_role lr
                     where lr.user_id = u.id and lr.role = 'LEADER'))) as leader_disabled
              from project p
              join region r on r.id = p.region_id
              left join region ar on ar.id = p.attracting_region_id
              left join chain c on c.id = p.chain_id
              left join app_user u on u.id = p.leader_user_id
            """;

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final Enterprises enterprises;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final cn.yinfeng.accounts.Accounts accounts;
    private final cn.yinfeng.chains.Chains chains;

    Projects(
            JdbcClient jdbc,
            CurrentUser currentUser,
            Regions regions,
            Enterprises enterprises,
            AuditLog audit,
            Clock clock,
            org.springframework.jdbc.core.JdbcTemplate template,
            cn.yinfeng.accounts.Accounts accounts,
            cn.yinfeng.chains.Chains chains) {
        this.accounts = accounts;
        this.chains = chains;
        this.template = template;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.regions = regions;
        this.enterprises = enterprises;
        this.audit = audit;
        this.clock = clock;
    }

    String code(long seq) {
        return "P" + today().getYear() + "-" + String.format("%05d", seq);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** Read scope: projects landing in, or attracted by, a region of the caller's tree. */
    static String readable(RegionScope scope) {
        return "(" + scope.where("p.region_id") + " or " + scope.where("p.attracting_region_id") + ")";
    }

    public Project find(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql(SELECT + " where p.id = :id and " + readable(scope)))
                .param("id", id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("project", id));
    }

    /**
     * The projects among {@code ids} that the caller may read, with their investors, in two statements (imports
     * match many rows at once); ids outside the caller's scope are simply absent.
     */
    public Map<Long, Project> findAll(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Long[] idArray = ids.toArray(Long[]::new);
        var investors = new HashMap<Long, List<Project.Investor>>();
        jdbc.sql("select pi.project_id, e.id, e.name, e.credit_code from project_investor pi join enterprise e "
                        + "on e.id = pi.enterprise_id where pi.project_id = any(:ids) order by e.name")
                .param("ids", idArray)
                .query(rs -> {
                    investors
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Project.Investor(rs.getLong(2), rs.getString(3), rs.getString(4)));
                });
        RegionScope scope = currentUser.scope();
        var out = new HashMap<Long, Project>();
        scope.bind(jdbc.sql(SELECT + " where p.id = any(:ids) and " + readable(scope)))
                .param("ids", idArray)
                .query((rs, n) -> map(rs, investors.getOrDefault(rs.getLong("id"), List.of())))
                .list()
                .forEach(p -> out.put(p.id(), p));
        return out;
    }

    public boolean canWrite() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.COUNTY_STAFF) || u.hasRole(Role.CITY_STAFF))
                .orElse(false);
    }

    public boolean canReview() {
        return currentUser.get().map(u -> u.hasRole(Role.CITY_STAFF)).orElse(false);
    }

    /** Whether the caller may change this project: a writer whose own region tree holds its landing region. */
    public boolean canWrite(Project p) {
        return canWrite()
                && currentUser.scope().covers(regions.find(p.regionId()).orElseThrow());
    }

    // ---------------------------------------------------------------- create and edit

    @Transactional
    public long create(ProjectForm form) {
        YinfengUser user = requireWriter();
        Long regionId = form.regionId() == null ? user.region() : form.regionId();
        Stage stage = form.stage() == null ? Stage.RESERVE : form.stage();
        var problems = checkNew(
                form, regionId, currentUser.scope(), this::regionById, this::isLeader, new java.util.HashSet<>());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String code = code(
                jdbc.sql("select nextval('project_code_seq')").query(Long.class).single());
        var params = fields(form, regionId);
        params.put("code", code);
        params.put("stage", stage.name());
        params.put("createdBy", user.id());
        putDates(params, form.dates());
        long id = jdbc.sql("""
                insert into project (code, name, name_key, region_id, attracting_region_id, attracting_share,
                       chain_id, chain_node_id, project_type, total_investment, contract_amount, out_of_province_amount,
                       foreign_currency, foreign_amount, exchange_rate, fund_origin, fund_origin_derived, key_project,
                       leader_user_id, responsible_unit, contact_name, contact_phone, counted, not_counted_reason,
                       expansion_of_id, stage, signed_on, registered_on, started_on, producing_on, full_production_on,
                       created_by)
                values (:code, :name, :nameKey, :regionId, :attractingRegionId, :attractingShare, :chainId,
                       :chainNodeId, :projectType, :totalInvestment, :contractAmount, :outOfProvinceAmount,
                       :foreignCurrency, :foreignAmount, :exchangeRate, :fundOrigin, :fundOriginDerived, :keyProject,
                       :leaderUserId, :responsibleUnit, :contactName, :contactPhone, :counted, :notCountedReason,
                       :expansionOfId, :stage, :signedOn, :registeredOn, :startedOn, :producingOn, :fullProductionOn,
                       :createdBy)
                returning id
                """).params(params).query(Long.class).single();
        jdbc.sql("insert into project_transition (project_id, from_stage, to_stage, on_date, actor_id, note) "
                        + "values (:id, null, :stage, :on, :actor, 'created')")
                .param("id", id)
                .param("stage", stage.name())
                .param("on", Objects.requireNonNullElse(latestDate(form.dates()), today()))
                .param("actor", user.id())
                .update();
        replaceInvestors(id, form);
        audit.record("PROJECT_CREATE", "project", id, Outcome.SUCCESS, code + " " + form.name());
        return id;
    }

    /**
     * The rules a new project must meet (fields, region scope, stage and its dates), with the look-ups given so that
     * a batch can remember them; {@link #create} and {@link ProjectBatch} both use it.
     */
    List<Problem> checkNew(
            ProjectForm form,
            Long regionId,
            RegionScope scope,
            java.util.function.LongFunction<java.util.Optional<Region>> regionById,
            java.util.function.LongPredicate isLeader,
            java.util.Set<String> referencesSeen) {
        Stage stage = form.stage() == null ? Stage.RESERVE : form.stage();
        requireReferences(form, null, referencesSeen);
        var problems = validate(form, regionId, scope, regionById, isLeader);
        if (!stage.onMainLine()) {
            problems.add(new Problem("stage", "stage.notActive"));
        } else {
            problems.addAll(Lifecycle.checkState(stage, form.dates(), today()));
        }
        return problems;
    }

    /**
     * A batch of new projects checked one by one with the rules of {@link #create} and written together (COPY), for
     * imports of many rows. Must be written inside the caller's transaction.
     */
    public ProjectBatch batch() {
        return new ProjectBatch(this, jdbc, template, enterprises, audit, requireWriter(), currentUser.scope());
    }

    @Transactional
    public void update(long id, ProjectForm form) {
        requireWriter();
        RegionScope scope = currentUser.scope();
        Project before = lockForWrite(id, form.version() == null ? -1 : form.version());
        Long regionId = form.regionId() == null ? before.regionId() : form.regionId();
        requireReferences(form, before, new java.util.HashSet<>());
        if (form.expansionOfId() != null && form.expansionOfId() == id) {
            throw new InvalidInputException("expansionOfId", "reference.expansion.self");
        }
        // a leader the project already has stays (history), even when since disabled; a new one must be selectable
        var problems = validate(
                form, regionId, scope, this::regionById, u -> Objects.equals(u, before.leaderUserId()) || isLeader(u));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var params = fields(form, regionId);
        if (form.fundOriginDerived() == null && form.fundOrigin() == before.fundOrigin()) {
            // a form that does not say (the page, the API) keeps how the unchanged origin was known
            params.put("fundOriginDerived", before.fundOriginDerived());
        }
        params.put("id", id);
        jdbc.sql("""
                update project set name = :name, name_key = :nameKey, region_id = :regionId,
                       attracting_region_id = :attractingRegionId, attracting_share = :attractingShare,
                       chain_id = :chainId, chain_node_id = :chainNodeId, project_type = :projectType,
                       total_investment = :totalInvestment, contract_amount = :contractAmount,
                       out_of_province_amount = :outOfProvinceAmount, fund_origin_derived = :fundOriginDerived,
                       foreign_currency = :foreignCurrency, foreign_amount = :foreignAmount,
                       exchange_rate = :exchangeRate, fund_origin = :fundOrigin, key_project = :keyProject,
                       leader_user_id = :leaderUserId, responsible_unit = :responsibleUnit,
                       contact_name = :contactName, contact_phone = :contactPhone, counted = :counted,
                       not_counted_reason = :notCountedReason, expansion_of_id = :expansionOfId,
                       review_status = 'DRAFT', version = version + 1, updated_at = now()
                 where id = :id
                """).params(params).update();
        replaceInvestors(id, form);
        audit.record("PROJECT_UPDATE", "project", id, Outcome.SUCCESS, diff(before, form));
    }

    // ---------------------------------------------------------------- lifecycle

    /** Moves the project one stage forward on the main line, with the date it happened. */
    @Transactional
    public void advance(long id, long version, Stage target, LocalDate on, String note) {
        YinfengUser user = requireWriter();
        Project p = lockForWrite(id, version);
        var problems = Lifecycle.checkAdvance(p.stage(), p.dates(), target, on, today());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String dateSet = target.dated() ? ", " + target.dateColumn() + " = :on" : "";
        jdbc.sql("update project set stage = :stage" + dateSet + ", review_status = 'DRAFT', version = version + 1, "
                        + "updated_at = now() where id = :id")
                .param("stage", target.name())
                .param("on", on)
                .param("id", id)
                .update();
        recordTransition(id, p.stage(), target, on, user, note);
        audit.record("PROJECT_STAGE", "project", id, Outcome.SUCCESS, p.stage() + " -> " + target + " on " + on);
    }

    /**
     * Corrects the dates of stages the project has already reached (a ledger that says it was signed on another day):
     * a date given for a stage it has not reached, a missing one, one in the future or out of order is the field's
     * error, as on the form. Back to draft like every change; audited with old and new dates.
     */
    @Transactional
    public void correctDates(long id, long version, StageDates dates) {
        requireWriter();
        Project p = lockForWrite(id, version);
        Stage line = p.stage().onMainLine() ? p.stage() : p.heldStage() != null ? p.heldStage() : p.stage();
        var problems = Lifecycle.checkState(line, dates, today());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var params = new HashMap<String, Object>();
        putDates(params, dates);
        params.put("id", id);
        jdbc.sql("""
                update project set signed_on = :signedOn, registered_on = :registeredOn, started_on = :startedOn,
                       producing_on = :producingOn, full_production_on = :fullProductionOn, review_status = 'DRAFT',
                       version = version + 1, updated_at = now()
                 where id = :id
                """).params(params).update();
        audit.record("PROJECT_DATES", "project", id, Outcome.SUCCESS, p.dates() + " -> " + dates);
    }

    /** 暂缓: the project waits; {@link #resume} brings it back to the stage it had. */
    @Transactional
    public void hold(long id, long version, LocalDate on, String reason) {
        YinfengUser user = requireWriter();
        Project p = lockForWrite(id, version);
        requireReason(reason);
        if (!p.stage().onMainLine()) {
            throw new InvalidInputException("stage", "stage.notActive");
        }
        requireDate(on);
        jdbc.sql(
                        "update project set held_stage = stage, stage = 'SUSPENDED', hold_reason = :r, review_status = 'DRAFT', "
                                + "version = version + 1, updated_at = now() where id = :id")
                .param("r", reason.trim())
                .param("id", id)
                .update();
        recordTransition(id, p.stage(), Stage.SUSPENDED, on, user, reason);
        audit.record("PROJECT_STAGE", "project", id, Outcome.SUCCESS, p.stage() + " -> SUSPENDED: " + reason);
    }

    @Transactional
    public void resume(long id, long version, LocalDate on, String note) {
        YinfengUser user = requireWriter();
        Project p = lockForWrite(id, version);
        if (p.stage() != Stage.SUSPENDED || p.heldStage() == null) {
            throw new InvalidInputException("stage", "stage.notSuspended");
        }
        requireDate(on);
        jdbc.sql(
                        "update project set stage = held_stage, held_stage = null, hold_reason = null, review_status = 'DRAFT', "
                                + "version = version + 1, updated_at = now() where id = :id")
                .param("id", id)
                .update();
        recordTransition(id, Stage.SUSPENDED, p.heldStage(), on, user, note);
        audit.record("PROJECT_STAGE", "project", id, Outcome.SUCCESS, "SUSPENDED -> " + p.heldStage());
    }

    /** 终止: final; the reason is kept. */
    @Transactional
    public void terminate(long id, long version, LocalDate on, String reason) {
        YinfengUser user = requireWriter();
        Project p = lockForWrite(id, version);
        requireReason(reason);
        if (p.stage() == Stage.TERMINATED) {
            throw new InvalidInputException("stage", "stage.terminated");
        }
        requireDate(on);
        jdbc.sql(
                        "update project set held_stage = null, stage = 'TERMINATED', hold_reason = :r, review_status = 'DRAFT', "
                                + "version = version + 1, updated_at = now() where id = :id")
                .param("r", reason.trim())
                .param("id", id)
                .update();
        recordTransition(id, p.stage(), Stage.TERMINATED, on, user, reason);
        audit.record("PROJECT_STAGE", "project", id, Outcome.SUCCESS, p.stage() + " -> TERMINATED: " + reason);
    }

    // ---------------------------------------------------------------- review

    @Transactional
    public void submit(long id, long version) {
        YinfengUser user = requireWriter();
        Project p = lockForWrite(id, version);
        if (p.reviewStatus() != ReviewStatus.DRAFT && p.reviewStatus() != ReviewStatus.RETURNED) {
            throw new InvalidInputException(null, "review.notDraft");
        }
        setReview(id, ReviewStatus.SUBMITTED);
        recordReview(id, "SUBMIT", user, null, version + 1);
        audit.record("PROJECT_SUBMIT", "project", id, Outcome.SUCCESS, null);
    }

    /** City staff accept the submitted version: it becomes the official one from now on. */
    @Transactional
    public void approve(long id, long version, String opinion) {
        YinfengUser user = requireReviewer();
        Project p = lockForReview(id, version);
        if (p.reviewStatus() != ReviewStatus.SUBMITTED) {
            throw new InvalidInputException(null, "review.notSubmitted");
        }
        setReview(id, ReviewStatus.APPROVED);
        snapshotApproved(id, user.id(), clock.instant());
        recordReview(id, "APPROVE", user, opinion, version + 1);
        audit.record("PROJECT_APPROVE", "project", id, Outcome.SUCCESS, opinion);
    }

    @Transactional
    public void returnForChanges(long id, long version, String opinion) {
        YinfengUser user = requireReviewer();
        Project p = lockForReview(id, version);
        if (p.reviewStatus() != ReviewStatus.SUBMITTED) {
            throw new InvalidInputException(null, "review.notSubmitted");
        }
        if (opinion == null || opinion.isBlank()) {
            throw new InvalidInputException("opinion", "review.opinionRequired");
        }
        setReview(id, ReviewStatus.RETURNED);
        recordReview(id, "RETURN", user, opinion.trim(), version + 1);
        audit.record("PROJECT_RETURN", "project", id, Outcome.SUCCESS, opinion);
    }

    /** Writes the current working copy as the approved version valid from {@code at}; funds so far are approved. */
    void snapshotApproved(long id, Long approver, Instant at) {
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
                       full_production_on, approved_by, project_version)
                select id, :at, name, region_id, attracting_region_id, attracting_share, chain_id, project_type,
                       total_investment, contract_amount, fund_origin, fund_origin_derived, out_of_province_amount,
                       key_project, leader_user_id, counted,
                       expansion_of_id, stage, signed_on, registered_on, started_on, producing_on,
                       full_production_on, :by, version
                  from project where id = :id
                """).param("at", ts).param("by", approver).param("id", id).update();
        jdbc.sql("update project_fund set approved_at = :at where project_id = :id and approved_at is null "
                        + "and deleted_at is null")
                .param("at", ts)
                .param("id", id)
                .update();
    }

    // ---------------------------------------------------------------- follow-ups and funds

    @Transactional
    public long addFollowup(long id, LocalDate on, String content, String nextStep, LocalDate due) {
        YinfengUser user = requireWriter();
        find(id);
        requireWritable(id);
        var problems = new ArrayList<Problem>();
        if (on == null) {
            problems.add(new Problem("on", "validation.required"));
        } else if (on.isAfter(today())) {
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
        long fid = jdbc.sql("insert into project_followup (project_id, on_date, user_id, content, next_step, due_date) "
                        + "values (:p, :on, :u, :c, :n, :d) returning id")
                .param("p", id)
                .param("on", on)
                .param("u", user.id())
                .param("c", content.trim())
                .param("n", blank(nextStep))
                .param("d", due)
                .query(Long.class)
                .single();
        audit.record("PROJECT_FOLLOWUP", "project", id, Outcome.SUCCESS, null);
        return fid;
    }

    /** Records funds arrived in a month; they count once the project's next version is approved. */
    @Transactional
    public long addFund(long id, YearMonth month, FundOrigin origin, BigDecimal amount, String note) {
        YinfengUser user = requireWriter();
        find(id);
        requireWritable(id);
        var problems = new ArrayList<Problem>();
        if (month == null) {
            problems.add(new Problem("month", "validation.required"));
        } else if (month.isAfter(YearMonth.from(today()))) {
            problems.add(new Problem("month", "stage.dateFuture"));
        }
        if (origin == null) {
            problems.add(new Problem("origin", "validation.required"));
        }
        if (amount == null || amount.signum() <= 0) {
            problems.add(new Problem("amount", "validation.positive"));
        } else if (amount.scale() > 2) {
            problems.add(new Problem("amount", "validation.twoDecimals"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long fid = jdbc.sql("insert into project_fund (project_id, month, origin, amount, note, recorded_by) values "
                        + "(:p, :m, :o, :a, :n, :u) returning id")
                .param("p", id)
                .param("m", month.atDay(1))
                .param("o", origin.name())
                .param("a", amount)
                .param("n", blank(note))
                .param("u", user.id())
                .query(Long.class)
                .single();
        jdbc.sql("update project set review_status = 'DRAFT', version = version + 1, updated_at = now() where id = :id")
                .param("id", id)
                .update();
        audit.record("PROJECT_FUND_ADD", "project", id, Outcome.SUCCESS, month + " " + origin + " " + amount);
        return fid;
    }

    @Transactional
    public void deleteFund(long id, long fundId) {
        requireWriter();
        find(id);
        requireWritable(id);
        // an approved record is kept for "as of" figures and marked deleted; a never-approved one goes
        int n = jdbc.sql("update project_fund set deleted_at = now() where id = :f and project_id = :p "
                        + "and approved_at is not null and deleted_at is null")
                .param("f", fundId)
                .param("p", id)
                .update();
        n += jdbc.sql("delete from project_fund where id = :f and project_id = :p and approved_at is null")
                .param("f", fundId)
                .param("p", id)
                .update();
        if (n == 0) {
            throw new NotFoundException("fund", fundId);
        }
        jdbc.sql("update project set review_status = 'DRAFT', version = version + 1, updated_at = now() where id = :id")
                .param("id", id)
                .update();
        audit.record("PROJECT_FUND_DELETE", "project", id, Outcome.SUCCESS, "fund " + fundId);
    }

    @EventListener
    void onMerge(EnterprisesMerged event) {
        jdbc.sql("""
                insert into project_investor (project_id, enterprise_id)
                select project_id, :into from project_investor where enterprise_id = :from
                on conflict do nothing
                """)
                .param("into", event.intoId())
                .param("from", event.fromId())
                .update();
        jdbc.sql("delete from project_investor where enterprise_id = :from")
                .param("from", event.fromId())
                .update();
    }

    // ---------------------------------------------------------------- internals

    private Project lockForWrite(long id, long version) {
        RegionScope scope = currentUser.scope();
        Project p = scope.bind(
                        jdbc.sql(SELECT + " where p.id = :id and " + scope.where("p.region_id") + " for update of p"))
                .param("id", id)
                .query(this::map)
                .optional()
                .orElse(null);
        if (p == null) {
            find(id); // readable but not writable is a denial, not a miss
            throw new AccessDeniedException("project " + id + " lands outside the caller's region");
        }
        checkVersion(p, version);
        return p;
    }

    private Project lockForReview(long id, long version) {
        RegionScope scope = currentUser.scope();
        Project p = scope.bind(jdbc.sql(SELECT + " where p.id = :id and " + readable(scope) + " for update of p"))
                .param("id", id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("project", id));
        checkVersion(p, version);
        return p;
    }

    private void requireWritable(long id) {
        RegionScope scope = currentUser.scope();
        boolean ok = scope.bind(jdbc.sql(
                                "select count(*) from project p where p.id = :id and " + scope.where("p.region_id")))
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
        if (!ok) {
            throw new AccessDeniedException("project " + id + " lands outside the caller's region");
        }
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

    private void setReview(long id, ReviewStatus status) {
        jdbc.sql("update project set review_status = :s, version = version + 1, updated_at = now() where id = :id")
                .param("s", status.name())
                .param("id", id)
                .update();
    }

    private void recordReview(long id, String action, YinfengUser user, String opinion, long version) {
        jdbc.sql("insert into project_review (project_id, action, actor_id, opinion, version) values "
                        + "(:p, :a, :u, :o, :v)")
                .param("p", id)
                .param("a", action)
                .param("u", user.id())
                .param("o", blank(opinion))
                .param("v", version)
                .update();
    }

    private void recordTransition(long id, Stage from, Stage to, LocalDate on, YinfengUser user, String note) {
        jdbc.sql("insert into project_transition (project_id, from_stage, to_stage, on_date, actor_id, note) "
                        + "values (:p, :f, :t, :on, :u, :n)")
                .param("p", id)
                .param("f", from.name())
                .param("t", to.name())
                .param("on", on)
                .param("u", user.id())
                .param("n", blank(note))
                .update();
    }

    private YinfengUser requireWriter() {
        YinfengUser u = currentUser.require();
        if (!u.hasRole(Role.COUNTY_STAFF) && !u.hasRole(Role.CITY_STAFF)) {
            throw new AccessDeniedException("project edits need county or city staff");
        }
        return u;
    }

    private YinfengUser requireReviewer() {
        YinfengUser u = currentUser.require();
        if (!u.hasRole(Role.CITY_STAFF)) {
            throw new AccessDeniedException("reviews need city staff");
        }
        return u;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "validation.required");
        }
    }

    private void requireDate(LocalDate on) {
        if (on == null) {
            throw new InvalidInputException("date", "validation.required");
        }
        if (on.isAfter(today())) {
            throw new InvalidInputException("date", "stage.dateFuture");
        }
    }

    java.util.Optional<Region> regionById(long id) {
        return regions.find(id);
    }

    /**
     * Whether {@code userId} may be named as 包联 leader by the caller: an enabled leader of the caller's region tree
     * or of a region above it (the same list the picker offers). Any other id, existing or not, is the same field
     * error.
     */
    boolean isLeader(long userId) {
        return accounts.selectableLeader(userId, currentUser.scope());
    }

    /**
     * Every id the form names (the project it expands, the investors, the chain and its node) must be one the
     * caller can read, and is answered exactly like a read of it when not: a 404, the same for another county's
     * record as for none. A value the project already holds ({@code before}) is kept without a check (history).
     * {@code seen}: references that passed for this caller already (a batch of many rows checks each chain once).
     */
    private void requireReferences(ProjectForm f, Project before, java.util.Set<String> seen) {
        // a reference is remembered once it passed: one that failed is checked (and fails) again on the next row
        if (f.expansionOfId() != null
                && (before == null || !f.expansionOfId().equals(before.expansionOfId()))
                && !seen.contains("project:" + f.expansionOfId())) {
            find(f.expansionOfId());
            seen.add("project:" + f.expansionOfId());
        }
        if (f.chainId() != null
                && (before == null || !f.chainId().equals(before.chainId()))
                && !seen.contains("chain:" + f.chainId())) {
            chains.find(f.chainId());
            seen.add("chain:" + f.chainId());
        }
        if (f.chainNodeId() != null
                && (before == null || !f.chainNodeId().equals(before.chainNodeId()))
                && !seen.contains("node:" + f.chainNodeId())) {
            chains.node(f.chainNodeId());
            seen.add("node:" + f.chainNodeId());
        }
        if (f.investors() != null) {
            var held = before == null
                    ? java.util.Set.<Long>of()
                    : before.investors().stream()
                            .map(Project.Investor::id)
                            .collect(java.util.stream.Collectors.toSet());
            for (Long e : f.investors()) {
                if (e == null) {
                    throw new InvalidInputException("investors", "validation.invalid");
                }
                if (!held.contains(e) && !seen.contains("enterprise:" + e)) {
                    enterprises.resolve(e);
                    seen.add("enterprise:" + e);
                }
            }
        }
    }

    private List<Problem> validate(
            ProjectForm f,
            Long regionId,
            RegionScope scope,
            java.util.function.LongFunction<java.util.Optional<Region>> regionById,
            java.util.function.LongPredicate isLeader) {
        var problems = new ArrayList<Problem>();
        if (f.name() == null || f.name().isBlank()) {
            problems.add(new Problem("name", "validation.required"));
        } else if (f.name().trim().length() > 200) {
            problems.add(new Problem("name", "validation.tooLong", 200));
        }
        Region region = regionId == null ? null : regionById.apply(regionId).orElse(null);
        if (region == null || !scope.covers(region)) {
            problems.add(new Problem("regionId", "project.region.outOfScope"));
        }
        if (f.attractingRegionId() != null
                && regionById.apply(f.attractingRegionId()).isEmpty()) {
            problems.add(new Problem("attractingRegionId", "validation.invalid"));
        }
        if (f.attractingShare() != null
                && (f.attractingShare().signum() < 0 || f.attractingShare().compareTo(BigDecimal.valueOf(100)) > 0)) {
            problems.add(new Problem("attractingShare", "project.share.range"));
        }
        if (f.attractingRegionId() != null && Objects.equals(f.attractingRegionId(), regionId)) {
            problems.add(new Problem("attractingRegionId", "project.attracting.same"));
        }
        if (f.attractingRegionId() != null
                && !Objects.equals(f.attractingRegionId(), regionId)
                && f.attractingShare() == null) {
            problems.add(new Problem("attractingShare", "project.share.required"));
        }
        if (f.totalInvestment() == null) {
            problems.add(new Problem("totalInvestment", "validation.required"));
        } else if (f.totalInvestment().signum() < 0) {
            problems.add(new Problem("totalInvestment", "validation.notNegative"));
        } else if (f.totalInvestment().scale() > 2) {
            problems.add(new Problem("totalInvestment", "validation.twoDecimals"));
        } else if (tooLarge(f.totalInvestment())) {
            problems.add(new Problem("totalInvestment", "validation.amountTooLarge"));
        }
        if (f.contractAmount() != null
                && (f.contractAmount().signum() < 0 || f.contractAmount().scale() > 2)) {
            problems.add(new Problem("contractAmount", "validation.twoDecimals"));
        } else if (f.contractAmount() != null && tooLarge(f.contractAmount())) {
            problems.add(new Problem("contractAmount", "validation.amountTooLarge"));
        }
        if (f.outOfProvinceAmount() != null
                && (f.outOfProvinceAmount().signum() < 0
                        || f.outOfProvinceAmount().scale() > 2)) {
            problems.add(new Problem("outOfProvinceAmount", "validation.twoDecimals"));
        } else if (f.outOfProvinceAmount() != null
                && f.totalInvestment() != null
                && f.outOfProvinceAmount().compareTo(f.totalInvestment()) > 0) {
            problems.add(new Problem("outOfProvinceAmount", "project.outOfProvince.overTotal"));
        }
        boolean anyForeign = f.foreignCurrency() != null && !f.foreignCurrency().isBlank()
                || f.foreignAmount() != null
                || f.exchangeRate() != null;
        if (anyForeign
                && (f.foreignCurrency() == null
                        || !f.foreignCurrency().trim().matches("[A-Za-z]{3}")
                        || f.foreignAmount() == null
                        || f.exchangeRate() == null
                        || f.exchangeRate().signum() <= 0)) {
            problems.add(new Problem("foreignAmount", "project.foreign.incomplete"));
        }
        if (Boolean.FALSE.equals(f.counted())
                && (f.notCountedReason() == null || f.notCountedReason().isBlank())) {
            problems.add(new Problem("notCountedReason", "project.notCounted.reason"));
        }
        // the columns' limits: a long text is the field's error, never a failed insert
        checkLength(problems, "responsibleUnit", f.responsibleUnit(), 100);
        checkLength(problems, "contactName", f.contactName(), 50);
        checkLength(problems, "contactPhone", f.contactPhone(), 40);
        checkLength(problems, "notCountedReason", f.notCountedReason(), 200);
        if (f.leaderUserId() != null && !isLeader.test(f.leaderUserId())) {
            problems.add(new Problem("leaderUserId", "project.leader.invalid"));
        }
        if (f.chainNodeId() != null
                && (f.chainId() == null
                        || jdbc.sql("select count(*) from chain_node where id = :n " + "and chain_id = :c")
                                        .param("n", f.chainNodeId())
                                        .param("c", f.chainId())
                                        .query(Long.class)
                                        .single()
                                == 0)) {
            problems.add(new Problem("chainNodeId", "project.node.invalid"));
        }
        return problems;
    }

    /** Beyond numeric(16, 2): 14 digits before the point (a 1E999999999 typed into a sheet stays a field error). */
    private static boolean tooLarge(BigDecimal amount) {
        return amount.precision() - amount.scale() > 14;
    }

    private void replaceInvestors(long id, ProjectForm f) {
        var ids = new java.util.LinkedHashSet<Long>();
        // a merged entry stands for the one it was merged into
        (f.investors() == null ? List.<Long>of() : f.investors()).forEach(e -> ids.add(enterprises.resolve(e)));
        if (f.newInvestorName() != null && !f.newInvestorName().isBlank()) {
            ids.add(enterprises.findOrCreate(f.newInvestorCode(), f.newInvestorName()));
        }
        jdbc.sql("delete from project_investor where project_id = :id")
                .param("id", id)
                .update();
        for (Long e : ids) {
            jdbc.sql("insert into project_investor (project_id, enterprise_id) values (:p, :e) on conflict do nothing")
                    .param("p", id)
                    .param("e", e)
                    .update();
        }
    }

    static Map<String, Object> fields(ProjectForm f, Long regionId) {
        var m = new HashMap<String, Object>();
        m.put("name", f.name().trim());
        m.put("nameKey", NameKeys.of(f.name()));
        m.put("regionId", regionId);
        m.put("attractingRegionId", f.attractingRegionId());
        m.put("attractingShare", f.attractingRegionId() == null ? null : f.attractingShare());
        m.put("chainId", f.chainId());
        m.put("chainNodeId", f.chainNodeId());
        m.put("projectType", f.projectType() == null ? null : f.projectType().name());
        m.put("totalInvestment", f.totalInvestment());
        m.put("contractAmount", f.contractAmount());
        m.put("outOfProvinceAmount", f.outOfProvinceAmount());
        boolean foreign = f.foreignCurrency() != null && !f.foreignCurrency().isBlank();
        m.put("foreignCurrency", foreign ? f.foreignCurrency().trim().toUpperCase() : null);
        m.put("foreignAmount", foreign ? f.foreignAmount() : null);
        m.put("exchangeRate", foreign ? f.exchangeRate() : null);
        m.put("fundOrigin", f.fundOrigin() == null ? null : f.fundOrigin().name());
        m.put("fundOriginDerived", f.fundOrigin() != null && Boolean.TRUE.equals(f.fundOriginDerived()));
        m.put("keyProject", Boolean.TRUE.equals(f.keyProject()));
        m.put("leaderUserId", f.leaderUserId());
        m.put("responsibleUnit", blank(f.responsibleUnit()));
        m.put("contactName", blank(f.contactName()));
        m.put("contactPhone", blank(f.contactPhone()));
        boolean counted = !Boolean.FALSE.equals(f.counted());
        m.put("counted", counted);
        m.put("notCountedReason", counted ? null : blank(f.notCountedReason()));
        m.put("expansionOfId", f.expansionOfId());
        return m;
    }

    static void putDates(Map<String, Object> m, StageDates d) {
        m.put("signedOn", d.signedOn());
        m.put("registeredOn", d.registeredOn());
        m.put("startedOn", d.startedOn());
        m.put("producingOn", d.producingOn());
        m.put("fullProductionOn", d.fullProductionOn());
    }

    static LocalDate latestDate(StageDates d) {
        LocalDate last = null;
        for (Stage s : Stage.datedStages()) {
            if (d.of(s) != null) {
                last = d.of(s);
            }
        }
        return last;
    }

    private static String diff(Project before, ProjectForm after) {
        var changes = new ArrayList<String>();
        if (!before.name().equals(after.name().trim())) {
            changes.add("name: " + before.name() + " -> " + after.name().trim());
        }
        if (after.totalInvestment() != null && before.totalInvestment().compareTo(after.totalInvestment()) != 0) {
            changes.add("totalInvestment: " + before.totalInvestment() + " -> " + after.totalInvestment());
        }
        if (!Objects.equals(
                before.contractAmount() == null ? null : before.contractAmount().stripTrailingZeros(),
                after.contractAmount() == null ? null : after.contractAmount().stripTrailingZeros())) {
            changes.add("contractAmount: " + before.contractAmount() + " -> " + after.contractAmount());
        }
        if (!Objects.equals(
                before.outOfProvinceAmount() == null
                        ? null
                        : before.outOfProvinceAmount().stripTrailingZeros(),
                after.outOfProvinceAmount() == null
                        ? null
                        : after.outOfProvinceAmount().stripTrailingZeros())) {
            changes.add("outOfProvinceAmount: " + before.outOfProvinceAmount() + " -> " + after.outOfProvinceAmount());
        }
        if (before.fundOrigin() != after.fundOrigin()) {
            changes.add("fundOrigin: " + before.fundOrigin() + " -> " + after.fundOrigin());
        }
        if (before.counted() != !Boolean.FALSE.equals(after.counted())) {
            changes.add("counted: " + before.counted() + " -> " + after.counted());
        }
        return String.join("; ", changes);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static Stage stage(String s) {
        return s == null ? null : Stage.valueOf(s);
    }

    static Instant ts(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    Project map(ResultSet rs, int n) throws SQLException {
        var investors = jdbc.sql("select e.id, e.name, e.credit_code from project_investor pi join enterprise e "
                        + "on e.id = pi.enterprise_id where pi.project_id = :id order by e.name")
                .param("id", rs.getLong("id"))
                .query((r, i) -> new Project.Investor(r.getLong("id"), r.getString("name"), r.getString("credit_code")))
                .list();
        return map(rs, investors);
    }

    private static Project map(ResultSet rs, List<Project.Investor> investors) throws SQLException {
        long id = rs.getLong("id");
        return new Project(
                id,
                rs.getString("code"),
                rs.getString("name"),
                rs.getLong("region_id"),
                rs.getString("region_name"),
                (Long) rs.getObject("attracting_region_id"),
                rs.getString("attracting_region_name"),
                rs.getBigDecimal("attracting_share"),
                (Long) rs.getObject("chain_id"),
                rs.getString("chain_name"),
                (Long) rs.getObject("chain_node_id"),
                rs.getString("project_type") == null ? null : ProjectType.valueOf(rs.getString("project_type")),
                rs.getBigDecimal("total_investment"),
                rs.getBigDecimal("contract_amount"),
                rs.getBigDecimal("out_of_province_amount"),
                rs.getString("foreign_currency"),
                rs.getBigDecimal("foreign_amount"),
                rs.getBigDecimal("exchange_rate"),
                rs.getString("fund_origin") == null ? null : FundOrigin.valueOf(rs.getString("fund_origin")),
                rs.getBoolean("fund_origin_derived"),
                rs.getBoolean("key_project"),
                (Long) rs.getObject("leader_user_id"),
                rs.getString("leader_name"),
                rs.getString("responsible_unit"),
                rs.getString("contact_name"),
                rs.getString("contact_phone"),
                rs.getBoolean("counted"),
                rs.getString("not_counted_reason"),
                (Long) rs.getObject("expansion_of_id"),
                Stage.valueOf(rs.getString("stage")),
                stage(rs.getString("held_stage")),
                rs.getString("hold_reason"),
                new StageDates(
                        rs.getObject("signed_on", LocalDate.class),
                        rs.getObject("registered_on", LocalDate.class),
                        rs.getObject("started_on", LocalDate.class),
                        rs.getObject("producing_on", LocalDate.class),
                        rs.getObject("full_production_on", LocalDate.class)),
                ReviewStatus.valueOf(rs.getString("review_status")),
                investors,
                rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getBoolean("leader_disabled"));
    }
}
