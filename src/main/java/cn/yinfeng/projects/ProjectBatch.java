package cn.yinfeng.projects;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.CopyRows;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Many new projects at once, for imports. Each is checked with exactly the rules of {@link Projects#create} (the same
 * method, with the region and leader look-ups remembered for the batch), then all are written together: codes from
 * the same sequence, the rows and their "created" transitions by COPY, investors registered as the form would. One
 * audit row records the batch (how many, the first and last code, and where they came from) instead of one per
 * project. Written inside the caller's transaction, so a failure leaves nothing. It publishes no
 * {@link ProjectChanged}: evaluating thousands of new projects one by one after an import would cost more than the
 * import, so the next periodic evaluation picks them up (docs/adr/0003-after-work-hooks.md).
 */
public final class ProjectBatch {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectBatch.class);

    /** A project written by {@link #write}: the caller's key for the row, and the new project's id and code. */
    public record Created(int key, long id, String code) {}

    private record Pending(int key, ProjectForm form, long regionId, List<Long> investors) {}

    private final ProjectChecks checks;
    private final ProjectWrites writes;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Enterprises enterprises;
    private final AuditLog audit;
    private final YinfengUser user;
    private final RegionScope scope;
    private final Map<Long, Optional<Region>> regions = new HashMap<>();
    private final Map<Long, Boolean> leaders = new HashMap<>();
    private final Map<String, Long> investors = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    /** Chains, nodes and investors the rows name that the caller may read, each looked up once for the batch. */
    private final Set<String> referencesSeen = new HashSet<>();

    ProjectBatch(
            ProjectChecks checks,
            ProjectWrites writes,
            JdbcClient jdbc,
            JdbcTemplate template,
            Enterprises enterprises,
            AuditLog audit,
            YinfengUser user,
            RegionScope scope) {
        this.checks = checks;
        this.writes = writes;
        this.jdbc = jdbc;
        this.template = template;
        this.enterprises = enterprises;
        this.audit = audit;
        this.user = user;
        this.scope = scope;
    }

    /** The problems {@link Projects#create} would report for this form; none means it may be {@link #add}ed. */
    public List<Problem> check(ProjectForm form) {
        return checks.checkNew(
                form,
                regionOf(form),
                scope,
                id -> regions.computeIfAbsent(id, checks::regionById),
                id -> leaders.computeIfAbsent(id, checks::isLeader),
                referencesSeen,
                writes.today());
    }

    /**
     * Adds a form to write; it is checked again here, and refused if it has problems. The investor it names is found
     * or registered now, as {@link Projects#create} does (so a wrong credit code is this row's problem).
     */
    public void add(int key, ProjectForm form) {
        if (!check(form).isEmpty()) {
            throw new IllegalArgumentException("row " + key + " has problems; check it before adding it");
        }
        pending.add(new Pending(key, form, regionOf(form), investorsOf(form)));
    }

    /** The investors of a form, registering the one it names anew, each registered once for the batch. */
    private List<Long> investorsOf(ProjectForm form) {
        var ids = new LinkedHashSet<Long>();
        (form.investors() == null ? List.<Long>of() : form.investors()).forEach(e -> ids.add(enterprises.resolve(e)));
        if (form.newInvestorName() != null && !form.newInvestorName().isBlank()) {
            String k = form.newInvestorCode() + "\u0000" + form.newInvestorName();
            Long id = investors.get(k);
            if (id == null) {
                id = enterprises.findOrCreate(form.newInvestorCode(), form.newInvestorName());
                investors.put(k, id);
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /**
     * For a write in a new transaction after the one the forms were added in was rolled back (a dry run's, whose
     * decisions the commit writes): the investors {@link #add} registered went with it, so they are found or
     * registered again.
     */
    public void afterRollback() {
        investors.clear();
        pending.replaceAll(p -> new Pending(p.key(), p.form(), p.regionId(), investorsOf(p.form())));
    }

    public int size() {
        return pending.size();
    }

    /** Writes every added project in the caller's transaction; {@code source} goes into the audit row. */
    public List<Created> write(String source) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a project batch is written inside a transaction");
        }
        if (pending.isEmpty()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        List<Long> seqs = jdbc.sql("select nextval('project_code_seq') from generate_series(1, :n)")
                .param("n", pending.size())
                .query(Long.class)
                .list();
        var codes = new ArrayList<String>(pending.size());
        LocalDate today = writes.today();
        seqs.forEach(s -> codes.add(ProjectColumns.code(today, s)));
        copyProjects(codes);
        long t1 = System.nanoTime();
        var ids = new HashMap<String, Long>(pending.size() * 2);
        jdbc.sql("select p.code, p.id from unnest(:codes::varchar[]) c(code) join project p on p.code = c.code")
                .param("codes", codes.toArray(String[]::new))
                .query(rs -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        if (ids.size() != pending.size()) {
            throw new IllegalStateException("wrote " + pending.size() + " projects, found " + ids.size());
        }
        long t2 = System.nanoTime();
        var created = new ArrayList<Created>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            created.add(new Created(pending.get(i).key(), ids.get(codes.get(i)), codes.get(i)));
        }
        copyTransitions(created, today);
        long t3 = System.nanoTime();
        writeInvestors(created);
        audit.record(
                "PROJECT_CREATE_BATCH",
                "project",
                created.get(0).id(),
                Outcome.SUCCESS,
                created.size()
                        + " projects " + created.get(0).code() + " .. "
                        + created.get(created.size() - 1).code() + "; "
                        + source);
        LOG.debug(
                "Batch of {} projects: rows {} ms, ids {} ms, transitions {} ms, investors and audit {} ms",
                created.size(),
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000,
                (System.nanoTime() - t3) / 1_000_000);
        pending.clear();
        return created;
    }

    /** The new project rows, with their codes, in one COPY. */
    private void copyProjects(List<String> codes) {
        CopyRows.copy(template, """
                copy project (code, name, name_key, region_id, attracting_region_id, attracting_share, chain_id,
                       chain_node_id, project_type, total_investment, contract_amount, out_of_province_amount,
                       foreign_currency, foreign_amount, exchange_rate, fund_origin, fund_origin_derived, key_project, leader_user_id, responsible_unit, contact_name,
                       contact_phone, counted, not_counted_reason, expansion_of_id, stage, signed_on, registered_on,
                       started_on, producing_on, full_production_on, created_by) from stdin
                """, rows -> {
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                Map<String, Object> f = ProjectColumns.fields(p.form(), p.regionId());
                ProjectColumns.putDates(f, p.form().dates());
                rows.add(codes.get(i))
                        .add(f.get("name"))
                        .add(f.get("nameKey"))
                        .add(f.get("regionId"))
                        .add(f.get("attractingRegionId"))
                        .add(f.get("attractingShare"))
                        .add(f.get("chainId"))
                        .add(f.get("chainNodeId"))
                        .add(f.get("projectType"))
                        .add(f.get("totalInvestment"))
                        .add(f.get("contractAmount"))
                        .add(f.get("outOfProvinceAmount"))
                        .add(f.get("foreignCurrency"))
                        .add(f.get("foreignAmount"))
                        .add(f.get("exchangeRate"))
                        .add(f.get("fundOrigin"))
                        .add(f.get("fundOriginDerived"))
                        .add(f.get("keyProject"))
                        .add(f.get("leaderUserId"))
                        .add(f.get("responsibleUnit"))
                        .add(f.get("contactName"))
                        .add(f.get("contactPhone"))
                        .add(f.get("counted"))
                        .add(f.get("notCountedReason"))
                        .add(f.get("expansionOfId"))
                        .add(stageOf(p.form()))
                        .add(f.get("signedOn"))
                        .add(f.get("registeredOn"))
                        .add(f.get("startedOn"))
                        .add(f.get("producingOn"))
                        .add(f.get("fullProductionOn"))
                        .add(user.id());
                rows.endRow();
            }
        });
    }

    /** The "created" transition of each new project, on its latest stage date or today. */
    private void copyTransitions(List<Created> created, LocalDate today) {
        CopyRows.copy(
                template,
                "copy project_transition (project_id, from_stage, to_stage, on_date, actor_id, note) " + "from stdin",
                rows -> {
                    for (int i = 0; i < pending.size(); i++) {
                        ProjectForm form = pending.get(i).form();
                        rows.add(created.get(i).id())
                                .add(null)
                                .add(stageOf(form))
                                .add(Objects.requireNonNullElse(ProjectColumns.latestDate(form.dates()), today))
                                .add(user.id())
                                .add("created");
                        rows.endRow();
                    }
                });
    }

    /** The investors of the new projects: the listed enterprises and the one named on the form, as one would have. */
    private void writeInvestors(List<Created> created) {
        if (pending.stream().allMatch(p -> p.investors().isEmpty())) {
            return;
        }
        CopyRows.copy(template, "copy project_investor (project_id, enterprise_id) from stdin", rows -> {
            for (int i = 0; i < pending.size(); i++) {
                for (long enterprise : pending.get(i).investors()) {
                    rows.add(created.get(i).id()).add(enterprise);
                    rows.endRow();
                }
            }
        });
    }

    private long regionOf(ProjectForm form) {
        return form.regionId() == null ? user.region() : form.regionId();
    }

    private static Stage stageOf(ProjectForm form) {
        return form.stage() == null ? Stage.RESERVE : form.stage();
    }
}
