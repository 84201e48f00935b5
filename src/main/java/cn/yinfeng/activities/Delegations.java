package cn.yinfeng.activities;

import static cn.yinfeng.activities.ActivitySupport.date;
import static cn.yinfeng.activities.ActivitySupport.names;
import static cn.yinfeng.activities.ActivitySupport.status;
import static cn.yinfeng.activities.ActivitySupport.trim;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.activities.ActivitySupport.Checks;
import cn.yinfeng.common.ConflictException.Stored;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.enterprises.Enterprises;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Delegations received (接待考察): the visit, its host, the visiting enterprises, and the projects it led to. */
@Service
public class Delegations {

    public record DelegationForm(
            String title,
            Long regionId,
            LocalDate visitDate,
            Integer people,
            String hostName,
            String sites,
            String outcome,
            List<String> enterprises,
            ActivityStatus status,
            Long version) {}

    public record Delegation(
            long id,
            long regionId,
            String regionName,
            LocalDate visitDate,
            String title,
            int people,
            String hostName,
            String sites,
            String outcome,
            ActivityStatus status,
            long version,
            List<String> enterprises,
            List<LinkedProject> projects) {

        Delegation withEnterprises(List<String> enterprises) {
            return with(enterprises, projects);
        }

        Delegation withProjects(List<LinkedProject> projects) {
            return with(enterprises, projects);
        }

        private Delegation with(List<String> enterprises, List<LinkedProject> projects) {
            return new Delegation(
                    id,
                    regionId,
                    regionName,
                    visitDate,
                    title,
                    people,
                    hostName,
                    sites,
                    outcome,
                    status,
                    version,
                    enterprises,
                    projects);
        }
    }

    private static final String SELECT =
            "select d.*, r.name as region_name from delegation d join region r on r.id = d.region_id";
    private static final String ENTERPRISES = "select de.delegation_id as owner_id, e.name from delegation_enterprise "
            + "de join enterprise e on e.id = de.enterprise_id where de.delegation_id = any(:ids) order by e.name";

    private final JdbcClient jdbc;
    private final ActivitySupport support;
    private final ActivityLists lists;
    private final ProjectLinks links;
    private final Enterprises enterprises;

    Delegations(
            JdbcClient jdbc,
            ActivitySupport support,
            ActivityLists lists,
            ProjectLinks links,
            Enterprises enterprises) {
        this.jdbc = jdbc;
        this.support = support;
        this.lists = lists;
        this.links = links;
        this.enterprises = enterprises;
    }

    @Transactional
    public long create(DelegationForm f) {
        YinfengUser user = support.requireWriter();
        long region = support.checkRegion(f.regionId());
        var names = names(f.enterprises());
        checks(f)
                .when(f.people() != null && f.people() < 0, "people", "validation.notNegative")
                .when(names.isEmpty(), "enterprises", "delegation.enterprisesRequired")
                .orThrow();
        long id = jdbc.sql("""
                insert into delegation (region_id, visit_date, title, people, host_name, sites, outcome, status,
                                        created_by)
                values (:r, :d, :t, :p, :h, :s, :o, :st, :by) returning id
                """)
                .param("r", region)
                .param("d", f.visitDate())
                .param("t", f.title().trim())
                .param("p", f.people() == null ? 0 : f.people())
                .param("h", f.hostName().trim())
                .param("s", trim(f.sites()))
                .param("o", trim(f.outcome()))
                .param("st", status(f.status()).name())
                .param("by", user.id())
                .query(Long.class)
                .single();
        for (String name : names) {
            addEnterprise(id, name);
        }
        support.audit("DELEGATION_CREATE", "delegation", id, f.title());
        return id;
    }

    private Checks checks(DelegationForm f) {
        return support.checks()
                .required("title", f.title())
                .required("hostName", f.hostName())
                .required("visitDate", f.visitDate())
                .planned("visitDate", f.status(), f.visitDate());
    }

    /** Edits a delegation's own fields (not its enterprises) with the version read; stale is a conflict. */
    @Transactional
    public void update(long id, DelegationForm f) {
        support.requireWriter();
        Delegation before = find(id);
        long region = support.regionToUpdate(before.regionId(), f.regionId());
        checks(f).orThrow();
        var update = jdbc.sql("""
                update delegation set region_id = :r, visit_date = :d, title = :t, people = :p, host_name = :h,
                       sites = :s, outcome = :o, status = :st, version = version + 1
                 where id = :id and version = :version
                """)
                .param("r", region)
                .param("d", f.visitDate())
                .param("t", f.title().trim())
                .param("p", f.people() == null ? before.people() : f.people())
                .param("h", f.hostName().trim())
                .param("s", trim(f.sites()))
                .param("o", trim(f.outcome()))
                .param("st", status(f.status()).name())
                .param("id", id);
        support.updateVersioned(update, "delegation", f.version(), () -> {
            Delegation now = find(id);
            return new Stored(
                    now.version(), Map.of("title", now.title(), "visitDate", now.visitDate(), "status", now.status()));
        });
        support.audit("DELEGATION_UPDATE", "delegation", id, f.title());
    }

    /**
     * Adds visiting enterprises (found, or registered as prospects, by name) that a delegation does not list yet; none
     * is ever removed. Returns how many were added; any addition is a new version and is audited.
     */
    @Transactional
    public int addEnterprises(long id, List<String> names) {
        support.requireWriter();
        Delegation d = find(id);
        support.requireWritable(d.regionId());
        int added = 0;
        var wanted = names(names);
        for (String name : wanted) {
            added += addEnterprise(id, name);
        }
        if (added > 0) {
            jdbc.sql("update delegation set version = version + 1 where id = :id")
                    .param("id", id)
                    .update();
            support.audit("DELEGATION_ENTERPRISES_ADD", "delegation", id, String.join("；", wanted));
        }
        return added;
    }

    private int addEnterprise(long delegationId, String name) {
        long e = enterprises.findOrCreate(null, name);
        return jdbc.sql("insert into delegation_enterprise (delegation_id, enterprise_id) values (:d, :e) "
                        + "on conflict do nothing")
                .param("d", delegationId)
                .param("e", e)
                .update();
    }

    /** Links the delegation to a project the caller can see (the project it led to). */
    @Transactional
    public void linkProject(long id, long projectId) {
        support.requireWriter();
        links.link(ProjectLinks.DELEGATION, id, find(id).regionId(), projectId);
    }

    public Delegation find(long id) {
        Delegation found = support.findScoped("delegation", id, SELECT, "d", (rs, n) -> delegation(rs));
        return completed(List.of(found)).get(0);
    }

    /**
     * Delegations in scope received in the period, newest first: by region subtree, and a text in the title, host
     * or sites.
     */
    public PageResult<Delegation> list(ActivityQuery q) {
        return lists.page(
                SELECT,
                lists.where(q, "d").on("d.visit_date").text("d.title", "d.host_name", "d.sites"),
                "d.visit_date desc, d.id desc",
                (rs, n) -> delegation(rs),
                this::completed);
    }

    /** The delegations' visiting enterprises and linked projects, each kind read for all of them at once. */
    private List<Delegation> completed(List<Delegation> delegations) {
        var withEnterprises = lists.attach(
                delegations,
                Delegation::id,
                jdbc.sql(ENTERPRISES),
                (rs, n) -> rs.getString("name"),
                Delegation::withEnterprises);
        return links.attach(ProjectLinks.DELEGATION, withEnterprises, Delegation::id, Delegation::withProjects);
    }

    private static Delegation delegation(ResultSet rs) throws SQLException {
        return new Delegation(
                rs.getLong("id"),
                rs.getLong("region_id"),
                rs.getString("region_name"),
                date(rs, "visit_date"),
                rs.getString("title"),
                rs.getInt("people"),
                rs.getString("host_name"),
                rs.getString("sites"),
                rs.getString("outcome"),
                ActivityStatus.valueOf(rs.getString("status")),
                rs.getLong("version"),
                List.of(),
                List.of());
    }
}
