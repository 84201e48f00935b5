package cn.yinfeng.projects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.enterprises.EnterprisesMerged;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The project record: who may read and write which project (by region scope, in the SQL), creating one (alone or
 * in a batch), reading it and editing its fields and investors. Its stages are {@link ProjectLifecycle}'s, its review
 * {@link ProjectReviews}', funds {@link ProjectFunds}' and follow-ups {@link ProjectFollowups}'. Every change checks
 * the version it was based on and fails with a conflict rather than overwrite.
 */
@Service
public class Projects {

    public static final ZoneId ZONE = cn.yinfeng.common.Times.ZONE;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final Enterprises enterprises;
    private final AuditLog audit;
    private final ProjectRecords records;
    private final ProjectChecks checks;
    private final ProjectWrites writes;

    Projects(
            JdbcClient jdbc,
            JdbcTemplate template,
            CurrentUser currentUser,
            Regions regions,
            Enterprises enterprises,
            AuditLog audit,
            ProjectRecords records,
            ProjectChecks checks,
            ProjectWrites writes) {
        this.jdbc = jdbc;
        this.template = template;
        this.currentUser = currentUser;
        this.regions = regions;
        this.enterprises = enterprises;
        this.audit = audit;
        this.records = records;
        this.checks = checks;
        this.writes = writes;
    }

    LocalDate today() {
        return writes.today();
    }

    public Project find(long id) {
        RegionScope scope = currentUser.scope();
        Project p = records.load(List.of(id), ProjectRecords.readable(scope), scope, false)
                .get(id);
        if (p == null) {
            throw new NotFoundException("project", id);
        }
        return p;
    }

    /**
     * The projects among {@code ids} that the caller may read, with their investors, in two statements (imports
     * match many rows at once); ids outside the caller's scope are simply absent.
     */
    public Map<Long, Project> findAll(Collection<Long> ids) {
        RegionScope scope = currentUser.scope();
        return records.load(ids, ProjectRecords.readable(scope), scope, false);
    }

    public boolean canWrite() {
        return currentUser.isStaff();
    }

    public boolean canReview() {
        return currentUser.get().map(u -> u.hasRole(Role.CITY_STAFF)).orElse(false);
    }

    /** Whether the caller may change this project: a writer whose own region tree holds its landing region. */
    public boolean canWrite(Project p) {
        return canWrite()
                && currentUser.scope().covers(regions.find(p.regionId()).orElseThrow());
    }

    @Transactional
    public long create(ProjectForm form) {
        YinfengUser user = writes.requireWriter();
        Long regionId = form.regionId() == null ? user.region() : form.regionId();
        Stage stage = form.stage() == null ? Stage.RESERVE : form.stage();
        var problems = checks.checkNew(
                form, regionId, currentUser.scope(), checks::regionById, checks::isLeader, new HashSet<>(), today());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String code = ProjectColumns.code(
                today(),
                jdbc.sql("select nextval('project_code_seq')").query(Long.class).single());
        var params = ProjectColumns.fields(form, regionId);
        params.put("code", code);
        params.put("stage", stage.name());
        params.put("createdBy", user.id());
        ProjectColumns.putDates(params, form.dates());
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
        LocalDate on = Objects.requireNonNullElse(ProjectColumns.latestDate(form.dates()), today());
        writes.recordTransition(id, null, stage, on, user, "created");
        replaceInvestors(id, form);
        audit.record("PROJECT_CREATE", "project", id, Outcome.SUCCESS, code + " " + form.name());
        writes.changed(id);
        return id;
    }

    /**
     * A batch of new projects checked one by one with the rules of {@link #create} and written together (COPY), for
     * imports of many rows. Must be written inside the caller's transaction.
     */
    public ProjectBatch batch() {
        return new ProjectBatch(
                checks, writes, jdbc, template, enterprises, audit, writes.requireWriter(), currentUser.scope());
    }

    @Transactional
    public void update(long id, ProjectForm form) {
        writes.requireWriter();
        RegionScope scope = currentUser.scope();
        Project before = writes.lockForWrite(id, form.version() == null ? -1 : form.version());
        Long regionId = form.regionId() == null ? before.regionId() : form.regionId();
        checks.requireReferences(form, before, new HashSet<>());
        if (form.expansionOfId() != null && form.expansionOfId() == id) {
            throw new InvalidInputException("expansionOfId", "reference.expansion.self");
        }
        // a leader the project already has stays (history), even when since disabled; a new one must be selectable
        var problems = checks.validate(
                form,
                regionId,
                scope,
                checks::regionById,
                u -> Objects.equals(u, before.leaderUserId()) || checks.isLeader(u));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var params = ProjectColumns.fields(form, regionId);
        if (form.fundOriginDerived() == null && form.fundOrigin() == before.fundOrigin()) {
            // a form that does not say (the page, the API) keeps how the unchanged origin was known
            params.put("fundOriginDerived", before.fundOriginDerived());
        }
        writes.backToDraft(id, """
                name = :name, name_key = :nameKey, region_id = :regionId,
                       attracting_region_id = :attractingRegionId, attracting_share = :attractingShare,
                       chain_id = :chainId, chain_node_id = :chainNodeId, project_type = :projectType,
                       total_investment = :totalInvestment, contract_amount = :contractAmount,
                       out_of_province_amount = :outOfProvinceAmount, fund_origin_derived = :fundOriginDerived,
                       foreign_currency = :foreignCurrency, foreign_amount = :foreignAmount,
                       exchange_rate = :exchangeRate, fund_origin = :fundOrigin, key_project = :keyProject,
                       leader_user_id = :leaderUserId, responsible_unit = :responsibleUnit,
                       contact_name = :contactName, contact_phone = :contactPhone, counted = :counted,
                       not_counted_reason = :notCountedReason, expansion_of_id = :expansionOfId""", params);
        replaceInvestors(id, form);
        audit.record("PROJECT_UPDATE", "project", id, Outcome.SUCCESS, ProjectColumns.diff(before, form));
        writes.changed(id);
    }

    private void replaceInvestors(long id, ProjectForm f) {
        var ids = new LinkedHashSet<Long>();
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

    /** An enterprise merged into another: its projects name the one it was merged into, and have changed. */
    @EventListener
    void onMerge(EnterprisesMerged event) {
        List<Long> changed = jdbc.sql("select project_id from project_investor where enterprise_id = :from")
                .param("from", event.fromId())
                .query(Long.class)
                .list();
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
        changed.forEach(writes::changed);
    }
}
