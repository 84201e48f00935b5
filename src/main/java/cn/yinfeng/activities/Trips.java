package cn.yinfeng.activities;

import static cn.yinfeng.activities.ActivitySupport.blank;
import static cn.yinfeng.activities.ActivitySupport.date;
import static cn.yinfeng.activities.ActivitySupport.status;
import static cn.yinfeng.activities.ActivitySupport.trim;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.common.ConflictException.Stored;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.ProjectFollowups;
import cn.yinfeng.projects.ProjectForm;
import cn.yinfeng.projects.ProjectType;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.projects.Stage;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trips out (外出招商): the leader and dates, the enterprises visited on the way, and the one click that turns a visit
 * into a project lead.
 */
@Service
public class Trips {

    public record TripForm(
            String title,
            Long regionId,
            Long leaderUserId,
            String leaderName,
            String leaderRank,
            Boolean pointToPoint,
            String members,
            String units,
            LocalDate startDate,
            LocalDate endDate,
            String cities,
            String purpose,
            String outcome,
            ActivityStatus status,
            Long version) {}

    public record Trip(
            long id,
            long regionId,
            String regionName,
            String title,
            Long leaderUserId,
            String leaderName,
            String leaderRank,
            boolean pointToPoint,
            String members,
            String units,
            LocalDate startDate,
            LocalDate endDate,
            String cities,
            String purpose,
            String outcome,
            ActivityStatus status,
            long version,
            List<Visit> visits) {

        Trip withVisits(List<Visit> visits) {
            return new Trip(
                    id,
                    regionId,
                    regionName,
                    title,
                    leaderUserId,
                    leaderName,
                    leaderRank,
                    pointToPoint,
                    members,
                    units,
                    startDate,
                    endDate,
                    cities,
                    purpose,
                    outcome,
                    status,
                    version,
                    visits);
        }
    }

    public record Visit(
            long id,
            long enterpriseId,
            String enterpriseName,
            LocalDate visitDate,
            String city,
            String notes,
            Long projectId) {}

    private static final String SELECT =
            "select t.*, r.name as region_name from trip t join region r on r.id = t.region_id";
    private static final String VISITS = "select v.trip_id as owner_id, v.*, e.name from trip_visit v "
            + "join enterprise e on e.id = v.enterprise_id where v.trip_id = any(:ids) order by v.visit_date, v.id";

    private final JdbcClient jdbc;
    private final ActivitySupport support;
    private final ActivityLists lists;
    private final Enterprises enterprises;
    private final Projects projects;
    private final ProjectFollowups followups;

    Trips(
            JdbcClient jdbc,
            ActivitySupport support,
            ActivityLists lists,
            Enterprises enterprises,
            Projects projects,
            ProjectFollowups followups) {
        this.jdbc = jdbc;
        this.support = support;
        this.lists = lists;
        this.enterprises = enterprises;
        this.projects = projects;
        this.followups = followups;
    }

    @Transactional
    public long create(TripForm f) {
        YinfengUser user = support.requireWriter();
        long region = support.checkRegion(f.regionId());
        validate(f, null);
        long id = jdbc.sql("""
                insert into trip (region_id, title, leader_user_id, leader_name, leader_rank, point_to_point, members,
                                  units, start_date, end_date, cities, purpose, outcome, status, created_by)
                values (:region, :title, :leaderId, :leader, :rank, :p2p, :members, :units, :start, :end, :cities,
                        :purpose, :outcome, :status, :by) returning id
                """)
                .params(params(f, region))
                .param("by", user.id())
                .query(Long.class)
                .single();
        support.audit("TRIP_CREATE", "trip", id, f.title());
        return id;
    }

    @Transactional
    public void update(long id, TripForm f) {
        support.requireWriter();
        Trip before = find(id);
        long region = support.regionToUpdate(before.regionId(), f.regionId());
        validate(f, before.leaderUserId());
        for (Visit v : before.visits()) {
            if (f.startDate() != null
                    && f.endDate() != null
                    && (v.visitDate().isBefore(f.startDate()) || v.visitDate().isAfter(f.endDate()))) {
                throw new InvalidInputException("startDate", "trip.visitsOutside");
            }
        }
        var update = jdbc.sql("""
                update trip set region_id = :region, title = :title, leader_user_id = :leaderId, leader_name = :leader,
                       leader_rank = :rank, point_to_point = :p2p, members = :members, units = :units,
                       start_date = :start, end_date = :end, cities = :cities, purpose = :purpose, outcome = :outcome,
                       status = :status, version = version + 1
                 where id = :id and version = :version
                """).params(params(f, region)).param("id", id);
        support.updateVersioned(update, "trip", f.version(), () -> {
            Trip now = find(id);
            return new Stored(
                    now.version(),
                    Map.of(
                            "title",
                            now.title(),
                            "startDate",
                            now.startDate(),
                            "endDate",
                            now.endDate(),
                            "cities",
                            now.cities()));
        });
        support.audit("TRIP_UPDATE", "trip", id, f.title());
    }

    /** {@code heldLeader}: the leader the trip already names, kept without a check (history) when unchanged. */
    private void validate(TripForm f, Long heldLeader) {
        support.checks()
                .required("title", f.title())
                .when(f.leaderUserId() == null && blank(f.leaderName()), "leaderName", "validation.required")
                .when(
                        f.leaderUserId() != null
                                && !f.leaderUserId().equals(heldLeader)
                                && !support.isLeader(f.leaderUserId()),
                        "leaderUserId",
                        "reference.leader.unavailable")
                .required("cities", f.cities())
                .required("startDate", f.startDate())
                .required("endDate", f.endDate())
                .when(
                        f.startDate() != null
                                && f.endDate() != null
                                && f.endDate().isBefore(f.startDate()),
                        "endDate",
                        "trip.endBeforeStart")
                .planned("startDate", f.status(), f.endDate() == null ? f.startDate() : f.endDate())
                .orThrow();
    }

    private Map<String, Object> params(TripForm f, long region) {
        var m = new HashMap<String, Object>();
        m.put("region", region);
        m.put("title", f.title().trim());
        m.put("leaderId", f.leaderUserId());
        m.put(
                "leader",
                f.leaderUserId() != null
                        ? support.userName(f.leaderUserId())
                        : f.leaderName().trim());
        m.put("rank", trim(f.leaderRank()));
        m.put("p2p", Boolean.TRUE.equals(f.pointToPoint()));
        m.put("members", trim(f.members()));
        m.put("units", trim(f.units()));
        m.put("start", f.startDate());
        m.put("end", f.endDate());
        m.put("cities", f.cities().trim());
        m.put("purpose", trim(f.purpose()));
        m.put("outcome", trim(f.outcome()));
        m.put("status", status(f.status()).name());
        return m;
    }

    public Trip find(long id) {
        Trip found = support.findScoped("trip", id, SELECT, "t", (rs, n) -> trip(rs));
        return withVisits(List.of(found)).get(0);
    }

    /**
     * Trips in scope that overlap the period, newest first: by region subtree, leader, and a text in the title,
     * leader, cities or purpose.
     */
    public PageResult<Trip> list(ActivityQuery q) {
        return lists.page(
                SELECT,
                lists.where(q, "t")
                        .overlapping("t.start_date", "t.end_date")
                        .equal("t.leader_user_id", q.leaderId())
                        .text("t.title", "t.leader_name", "t.cities", "t.purpose"),
                "t.start_date desc, t.id desc",
                (rs, n) -> trip(rs),
                this::withVisits);
    }

    /** The trips' visits, read for all of them at once. */
    private List<Trip> withVisits(List<Trip> trips) {
        return lists.attach(trips, Trip::id, jdbc.sql(VISITS), Trips::visit, Trip::withVisits);
    }

    private static Trip trip(ResultSet rs) throws SQLException {
        return new Trip(
                rs.getLong("id"),
                rs.getLong("region_id"),
                rs.getString("region_name"),
                rs.getString("title"),
                (Long) rs.getObject("leader_user_id"),
                rs.getString("leader_name"),
                rs.getString("leader_rank"),
                rs.getBoolean("point_to_point"),
                rs.getString("members"),
                rs.getString("units"),
                date(rs, "start_date"),
                date(rs, "end_date"),
                rs.getString("cities"),
                rs.getString("purpose"),
                rs.getString("outcome"),
                ActivityStatus.valueOf(rs.getString("status")),
                rs.getLong("version"),
                List.of());
    }

    private static Visit visit(ResultSet rs, int n) throws SQLException {
        return new Visit(
                rs.getLong("id"),
                rs.getLong("enterprise_id"),
                rs.getString("name"),
                date(rs, "visit_date"),
                rs.getString("city"),
                rs.getString("notes"),
                (Long) rs.getObject("project_id"));
    }

    /** Records a visit to an enterprise (from the registry by code, or a new prospect by name) during a trip. */
    @Transactional
    public long addVisit(
            long tripId, String enterpriseName, String enterpriseCode, LocalDate visitDate, String city, String notes) {
        support.requireWriter();
        Trip t = find(tripId);
        support.requireWritable(t.regionId());
        support.checks()
                .required("enterpriseName", enterpriseName)
                .required("visitDate", visitDate)
                .when(
                        visitDate != null && (visitDate.isBefore(t.startDate()) || visitDate.isAfter(t.endDate())),
                        "visitDate",
                        "trip.visitOutside",
                        t.startDate().toString(),
                        t.endDate().toString())
                .orThrow();
        long enterprise = enterprises.findOrCreate(enterpriseCode, enterpriseName.trim());
        long id = jdbc.sql("insert into trip_visit (trip_id, enterprise_id, visit_date, city, notes) values "
                        + "(:t, :e, :d, :c, :n) returning id")
                .param("t", tripId)
                .param("e", enterprise)
                .param("d", visitDate)
                .param("c", trim(city))
                .param("n", trim(notes))
                .query(Long.class)
                .single();
        jdbc.sql("update trip set version = version + 1 where id = :id")
                .param("id", tripId)
                .update();
        support.audit("TRIP_VISIT_ADD", "trip", tripId, enterpriseName);
        return id;
    }

    /** One click: the visited enterprise becomes a project lead in 洽谈, linked back to the visit. */
    @Transactional
    public long visitToLead(long tripId, long visitId, String projectName, BigDecimal totalInvestment) {
        support.requireWriter();
        Trip t = find(tripId);
        support.requireWritable(t.regionId());
        Visit v = t.visits().stream()
                .filter(x -> x.id() == visitId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("visit", visitId));
        if (v.projectId() != null) {
            return v.projectId();
        }
        String name = blank(projectName) ? v.enterpriseName() + "合作项目" : projectName.trim();
        long projectId = projects.create(ProjectForm.builder()
                .name(name)
                .regionId(t.regionId())
                .projectType(ProjectType.INDUSTRIAL)
                .totalInvestment(totalInvestment == null ? BigDecimal.ZERO : totalInvestment)
                .fundOrigin(FundOrigin.OUT_OF_PROVINCE)
                .fundOriginDerived(false)
                .keyProject(false)
                .leaderUserId(t.leaderUserId())
                .counted(true)
                .investors(List.of(v.enterpriseId()))
                .stage(Stage.NEGOTIATING)
                .version(0L)
                .build());
        jdbc.sql("update trip_visit set project_id = :p where id = :v")
                .param("p", projectId)
                .param("v", visitId)
                .update();
        followups.addFollowup(projectId, v.visitDate(), "外出招商拜访：" + t.title(), null, null);
        support.audit("TRIP_VISIT_LEAD", "trip", tripId, "visit " + visitId + " -> project " + projectId);
        return projectId;
    }
}
