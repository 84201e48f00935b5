package cn.yinfeng.activities;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.ProjectFollowups;
import cn.yinfeng.projects.ProjectForm;
import cn.yinfeng.projects.ProjectLifecycle;
import cn.yinfeng.projects.ProjectType;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.projects.Stage;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trips, delegations, talks and events: their rules (dates, planned vs done, region scope, versions) and the
 * signing rule of events, where a project counts once: the first signing, or an expansion's added amount; a later
 * ceremony that "signs" it again is shown as a re-signing and never counted.
 */
@Service
public class Activities {

    public enum Status {
        PLANNED,
        DONE
    }

    public enum EventKind {
        PROMOTION,
        SIGNING,
        CONFERENCE
    }

    public enum CountsAs {
        SIGNING,
        EXPANSION,
        RESIGNING
    }

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
            Status status,
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
            Status status,
            long version,
            List<Visit> visits) {}

    public record Visit(
            long id,
            long enterpriseId,
            String enterpriseName,
            LocalDate visitDate,
            String city,
            String notes,
            Long projectId) {}

    public record DelegationForm(
            String title,
            Long regionId,
            LocalDate visitDate,
            Integer people,
            String hostName,
            String sites,
            String outcome,
            List<String> enterprises,
            Status status,
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
            Status status,
            long version,
            List<String> enterprises,
            List<LinkedProject> projects) {}

    /** A project an activity led to or served. */
    public record LinkedProject(long id, String code, String name) {}

    public record TalkForm(
            Long regionId,
            LocalDate talkDate,
            String enterpriseName,
            String enterpriseCode,
            String participants,
            String topics,
            Status status,
            Long version) {}

    public record Talk(
            long id,
            long regionId,
            String regionName,
            LocalDate talkDate,
            long enterpriseId,
            String enterpriseName,
            String participants,
            String topics,
            Status status,
            long version,
            List<LinkedProject> projects) {}

    public record EventForm(
            Long regionId,
            EventKind kind,
            String title,
            LocalDate eventDate,
            String place,
            String notes,
            Status status,
            Long version) {}

    public record Event(
            long id,
            long regionId,
            String regionName,
            EventKind kind,
            String title,
            LocalDate eventDate,
            String place,
            String notes,
            Status status,
            long version,
            List<EventProject> projects) {}

    public record EventProject(
            long projectId, String code, String name, String regionName, CountsAs countsAs, BigDecimal amount) {}

    /** One line of the calendar and the activity list. */
    public record Entry(
            String type,
            long id,
            LocalDate date,
            LocalDate endDate,
            String title,
            String regionName,
            String who,
            Status status) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final Enterprises enterprises;
    private final Projects projects;
    private final ProjectLifecycle lifecycle;
    private final ProjectFollowups followups;
    private final AuditLog audit;
    private final Clock clock;

    private final cn.yinfeng.accounts.Accounts accounts;

    Activities(
            JdbcClient jdbc,
            CurrentUser currentUser,
            Regions regions,
            Enterprises enterprises,
            Projects projects,
            ProjectLifecycle lifecycle,
            ProjectFollowups followups,
            AuditLog audit,
            Clock clock,
            cn.yinfeng.accounts.Accounts accounts) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.regions = regions;
        this.enterprises = enterprises;
        this.projects = projects;
        this.lifecycle = lifecycle;
        this.followups = followups;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    public boolean canWrite() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.COUNTY_STAFF) || u.hasRole(Role.CITY_STAFF))
                .orElse(false);
    }

    // ------------------------------------------------------------------ trips

    @Transactional
    public long createTrip(TripForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        validateTrip(f, null);
        long id = jdbc.sql("""
                insert into trip (region_id, title, leader_user_id, leader_name, leader_rank, point_to_point, members,
                                  units, start_date, end_date, cities, purpose, outcome, status, created_by)
                values (:region, :title, :leaderId, :leader, :rank, :p2p, :members, :units, :start, :end, :cities,
                        :purpose, :outcome, :status, :by) returning id
                """)
                .params(tripParams(f, region))
                .param("by", user.id())
                .query(Long.class)
                .single();
        audit.record("TRIP_CREATE", "trip", id, Outcome.SUCCESS, f.title());
        return id;
    }

    @Transactional
    public void updateTrip(long id, TripForm f) {
        requireWriter();
        Trip before = trip(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        validateTrip(f, before.leaderUserId());
        for (Visit v : before.visits()) {
            if (f.startDate() != null
                    && f.endDate() != null
                    && (v.visitDate().isBefore(f.startDate()) || v.visitDate().isAfter(f.endDate()))) {
                throw new InvalidInputException("startDate", "trip.visitsOutside");
            }
        }
        int n = jdbc.sql("""
                update trip set region_id = :region, title = :title, leader_user_id = :leaderId, leader_name = :leader,
                       leader_rank = :rank, point_to_point = :p2p, members = :members, units = :units,
                       start_date = :start, end_date = :end, cities = :cities, purpose = :purpose, outcome = :outcome,
                       status = :status, version = version + 1
                 where id = :id and version = :version
                """)
                .params(tripParams(f, region))
                .param("id", id)
                .param("version", version(f.version()))
                .update();
        if (n == 0) {
            Trip now = trip(id);
            throw new ConflictException(
                    "trip",
                    version(f.version()),
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
        }
        audit.record("TRIP_UPDATE", "trip", id, Outcome.SUCCESS, f.title());
    }

    /** {@code heldLeader}: the leader the trip already names, kept without a check (history) when unchanged. */
    private void validateTrip(TripForm f, Long heldLeader) {
        var problems = new ArrayList<Problem>();
        required(problems, "title", f.title());
        if (f.leaderUserId() == null && blank(f.leaderName())) {
            problems.add(new Problem("leaderName", "validation.required"));
        }
        if (f.leaderUserId() != null && !f.leaderUserId().equals(heldLeader) && !isLeader(f.leaderUserId())) {
            problems.add(new Problem("leaderUserId", "reference.leader.unavailable"));
        }
        required(problems, "cities", f.cities());
        if (f.startDate() == null) {
            problems.add(new Problem("startDate", "validation.required"));
        }
        if (f.endDate() == null) {
            problems.add(new Problem("endDate", "validation.required"));
        }
        if (f.startDate() != null && f.endDate() != null && f.endDate().isBefore(f.startDate())) {
            problems.add(new Problem("endDate", "trip.endBeforeStart"));
        }
        checkPlanned(problems, "startDate", f.status(), f.endDate() == null ? f.startDate() : f.endDate());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private Map<String, Object> tripParams(TripForm f, long region) {
        var m = new HashMap<String, Object>();
        m.put("region", region);
        m.put("title", f.title().trim());
        m.put("leaderId", f.leaderUserId());
        m.put(
                "leader",
                f.leaderUserId() != null
                        ? userName(f.leaderUserId())
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

    public Trip trip(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select t.*, r.name as region_name from trip t join region r on r.id = t.region_id "
                        + "where t.id = :id and " + scope.where("t.region_id")))
                .param("id", id)
                .query((rs, n) -> new Trip(
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
                        Status.valueOf(rs.getString("status")),
                        rs.getLong("version"),
                        visits(rs.getLong("id"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("trip", id));
    }

    private List<Visit> visits(long tripId) {
        return jdbc.sql("select v.*, e.name from trip_visit v join enterprise e on e.id = v.enterprise_id "
                        + "where v.trip_id = :t order by v.visit_date, v.id")
                .param("t", tripId)
                .query((rs, n) -> new Visit(
                        rs.getLong("id"),
                        rs.getLong("enterprise_id"),
                        rs.getString("name"),
                        date(rs, "visit_date"),
                        rs.getString("city"),
                        rs.getString("notes"),
                        (Long) rs.getObject("project_id")))
                .list();
    }

    /** Records a visit to an enterprise (from the registry by code, or a new prospect by name) during a trip. */
    @Transactional
    public long addVisit(
            long tripId, String enterpriseName, String enterpriseCode, LocalDate visitDate, String city, String notes) {
        requireWriter();
        Trip t = trip(tripId);
        requireWritable(t.regionId());
        var problems = new ArrayList<Problem>();
        required(problems, "enterpriseName", enterpriseName);
        if (visitDate == null) {
            problems.add(new Problem("visitDate", "validation.required"));
        } else if (visitDate.isBefore(t.startDate()) || visitDate.isAfter(t.endDate())) {
            problems.add(new Problem(
                    "visitDate",
                    "trip.visitOutside",
                    t.startDate().toString(),
                    t.endDate().toString()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
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
        audit.record("TRIP_VISIT_ADD", "trip", tripId, Outcome.SUCCESS, enterpriseName);
        return id;
    }

    /** One click: the visited enterprise becomes a project lead in 洽谈, linked back to the visit. */
    @Transactional
    public long visitToLead(long tripId, long visitId, String projectName, BigDecimal totalInvestment) {
        requireWriter();
        Trip t = trip(tripId);
        requireWritable(t.regionId());
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
        audit.record(
                "TRIP_VISIT_LEAD", "trip", tripId, Outcome.SUCCESS, "visit " + visitId + " -> project " + projectId);
        return projectId;
    }

    // ------------------------------------------------------------------ delegations

    @Transactional
    public long createDelegation(DelegationForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        var problems = delegationProblems(f);
        if (f.people() != null && f.people() < 0) {
            problems.add(new Problem("people", "validation.notNegative"));
        }
        var names = f.enterprises() == null
                ? List.<String>of()
                : f.enterprises().stream()
                        .filter(s -> !blank(s))
                        .map(String::trim)
                        .distinct()
                        .toList();
        if (names.isEmpty()) {
            problems.add(new Problem("enterprises", "delegation.enterprisesRequired"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
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
            long e = enterprises.findOrCreate(null, name);
            jdbc.sql("insert into delegation_enterprise (delegation_id, enterprise_id) values (:d, :e) "
                            + "on conflict do nothing")
                    .param("d", id)
                    .param("e", e)
                    .update();
        }
        audit.record("DELEGATION_CREATE", "delegation", id, Outcome.SUCCESS, f.title());
        return id;
    }

    public Delegation delegation(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select d.*, r.name as region_name from delegation d join region r on r.id = "
                        + "d.region_id where d.id = :id and " + scope.where("d.region_id")))
                .param("id", id)
                .query((rs, n) -> new Delegation(
                        rs.getLong("id"),
                        rs.getLong("region_id"),
                        rs.getString("region_name"),
                        date(rs, "visit_date"),
                        rs.getString("title"),
                        rs.getInt("people"),
                        rs.getString("host_name"),
                        rs.getString("sites"),
                        rs.getString("outcome"),
                        Status.valueOf(rs.getString("status")),
                        rs.getLong("version"),
                        jdbc.sql("select e.name from delegation_enterprise de join enterprise e "
                                        + "on e.id = de.enterprise_id where de.delegation_id = :d order by e.name")
                                .param("d", rs.getLong("id"))
                                .query(String.class)
                                .list(),
                        linked("DELEGATION", rs.getLong("id"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("delegation", id));
    }

    private List<Problem> delegationProblems(DelegationForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "title", f.title());
        required(problems, "hostName", f.hostName());
        if (f.visitDate() == null) {
            problems.add(new Problem("visitDate", "validation.required"));
        }
        checkPlanned(problems, "visitDate", f.status(), f.visitDate());
        return problems;
    }

    private List<Problem> talkProblems(TalkForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "participants", f.participants());
        if (f.talkDate() == null) {
            problems.add(new Problem("talkDate", "validation.required"));
        }
        checkPlanned(problems, "talkDate", f.status(), f.talkDate());
        return problems;
    }

    private List<Problem> eventProblems(EventForm f) {
        var problems = new ArrayList<Problem>();
        required(problems, "title", f.title());
        required(problems, "place", f.place());
        if (f.eventDate() == null) {
            problems.add(new Problem("eventDate", "validation.required"));
        }
        checkPlanned(problems, "eventDate", f.status(), f.eventDate());
        return problems;
    }

    /** Edits a delegation's own fields (not its enterprises) with the version read; stale is a conflict. */
    @Transactional
    public void updateDelegation(long id, DelegationForm f) {
        requireWriter();
        Delegation before = delegation(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        var problems = delegationProblems(f);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int n = jdbc.sql("""
                update delegation set region_id = :r, visit_date = :d, title = :t, people = :p, host_name = :h,
                       sites = :s, outcome = :o, status = :st, version = version + 1
                 where id = :id and version = :v
                """)
                .param("r", region)
                .param("d", f.visitDate())
                .param("t", f.title().trim())
                .param("p", f.people() == null ? before.people() : f.people())
                .param("h", f.hostName().trim())
                .param("s", trim(f.sites()))
                .param("o", trim(f.outcome()))
                .param("st", status(f.status()).name())
                .param("id", id)
                .param("v", version(f.version()))
                .update();
        if (n == 0) {
            Delegation now = delegation(id);
            throw new ConflictException(
                    "delegation",
                    version(f.version()),
                    now.version(),
                    Map.of("title", now.title(), "visitDate", now.visitDate(), "status", now.status()));
        }
        audit.record("DELEGATION_UPDATE", "delegation", id, Outcome.SUCCESS, f.title());
    }

    /**
     * Adds visiting enterprises (found, or registered as prospects, by name) that a delegation does not list yet; none
     * is ever removed. Returns how many were added; any addition is a new version and is audited.
     */
    @Transactional
    public int addDelegationEnterprises(long id, List<String> names) {
        requireWriter();
        Delegation d = delegation(id);
        requireWritable(d.regionId());
        int added = 0;
        var wanted = names == null
                ? List.<String>of()
                : names.stream()
                        .filter(n -> !blank(n))
                        .map(String::trim)
                        .distinct()
                        .toList();
        for (String name : wanted) {
            long e = enterprises.findOrCreate(null, name);
            added += jdbc.sql("insert into delegation_enterprise (delegation_id, enterprise_id) values (:d, :e) "
                            + "on conflict do nothing")
                    .param("d", id)
                    .param("e", e)
                    .update();
        }
        if (added > 0) {
            jdbc.sql("update delegation set version = version + 1 where id = :id")
                    .param("id", id)
                    .update();
            audit.record("DELEGATION_ENTERPRISES_ADD", "delegation", id, Outcome.SUCCESS, String.join("；", wanted));
        }
        return added;
    }

    // ------------------------------------------------------------------ talks

    @Transactional
    public long createTalk(TalkForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        var problems = talkProblems(f);
        required(problems, "enterpriseName", f.enterpriseName());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long e = enterprises.findOrCreate(f.enterpriseCode(), f.enterpriseName().trim());
        long id = jdbc.sql("insert into talk (region_id, talk_date, enterprise_id, participants, topics, status, "
                        + "created_by) values (:r, :d, :e, :p, :t, :s, :by) returning id")
                .param("r", region)
                .param("d", f.talkDate())
                .param("e", e)
                .param("p", f.participants().trim())
                .param("t", trim(f.topics()))
                .param("s", status(f.status()).name())
                .param("by", user.id())
                .query(Long.class)
                .single();
        audit.record("TALK_CREATE", "talk", id, Outcome.SUCCESS, f.enterpriseName());
        return id;
    }

    /** Edits a talk with the version read; stale is a conflict. */
    @Transactional
    public void updateTalk(long id, TalkForm f) {
        requireWriter();
        Talk before = talk(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        var problems = talkProblems(f);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long enterprise = blank(f.enterpriseName())
                ? before.enterpriseId()
                : enterprises.findOrCreate(
                        f.enterpriseCode(), f.enterpriseName().trim());
        int n = jdbc.sql("update talk set region_id = :r, talk_date = :d, enterprise_id = :e, participants = :p, "
                        + "topics = :t, status = :s, version = version + 1 where id = :id and version = :v")
                .param("r", region)
                .param("d", f.talkDate())
                .param("e", enterprise)
                .param("p", f.participants().trim())
                .param("t", trim(f.topics()))
                .param("s", status(f.status()).name())
                .param("id", id)
                .param("v", version(f.version()))
                .update();
        if (n == 0) {
            Talk now = talk(id);
            throw new ConflictException(
                    "talk",
                    version(f.version()),
                    now.version(),
                    Map.of("talkDate", now.talkDate(), "participants", now.participants()));
        }
        audit.record("TALK_UPDATE", "talk", id, Outcome.SUCCESS, null);
    }

    public Talk talk(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select t.*, r.name as region_name, e.name as enterprise_name from talk t join "
                        + "region r on r.id = t.region_id join enterprise e on e.id = t.enterprise_id where t.id = :id and "
                        + scope.where("t.region_id")))
                .param("id", id)
                .query((rs, n) -> new Talk(
                        rs.getLong("id"),
                        rs.getLong("region_id"),
                        rs.getString("region_name"),
                        date(rs, "talk_date"),
                        rs.getLong("enterprise_id"),
                        rs.getString("enterprise_name"),
                        rs.getString("participants"),
                        rs.getString("topics"),
                        Status.valueOf(rs.getString("status")),
                        rs.getLong("version"),
                        linked("TALK", rs.getLong("id"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("talk", id));
    }

    private List<LinkedProject> linked(String type, long activityId) {
        return jdbc.sql("select p.id, p.code, p.name from activity_project ap join project p on p.id = ap.project_id "
                        + "where ap.activity_type = :t and ap.activity_id = :a order by p.code")
                .param("t", type)
                .param("a", activityId)
                .query((rs, n) -> new LinkedProject(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Links a delegation or talk to a project the caller can see (the project it led to or served). */
    @Transactional
    public void linkProject(String type, long activityId, long projectId) {
        requireWriter();
        long region = switch (type) {
            case "DELEGATION" -> delegation(activityId).regionId();
            case "TALK" -> talk(activityId).regionId();
            default -> throw new InvalidInputException("type", "validation.invalid");
        };
        requireWritable(region);
        projects.find(projectId); // a project the caller cannot read is answered as a read of it: 404
        jdbc.sql("insert into activity_project (activity_type, activity_id, project_id) values (:t, :a, :p) "
                        + "on conflict do nothing")
                .param("t", type)
                .param("a", activityId)
                .param("p", projectId)
                .update();
        audit.record(
                "ACTIVITY_PROJECT_LINK",
                type.toLowerCase(Locale.ROOT),
                activityId,
                Outcome.SUCCESS,
                "project " + projectId);
    }

    // ------------------------------------------------------------------ events

    @Transactional
    public long createEvent(EventForm f) {
        YinfengUser user = requireWriter();
        long region = checkRegion(f.regionId(), user);
        var problems = eventProblems(f);
        if (f.kind() == null) {
            problems.add(new Problem("kind", "validation.required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = jdbc.sql("insert into event (region_id, kind, title, event_date, place, notes, status, created_by) "
                        + "values (:r, :k, :t, :d, :p, :n, :s, :by) returning id")
                .param("r", region)
                .param("k", f.kind().name())
                .param("t", f.title().trim())
                .param("d", f.eventDate())
                .param("p", f.place().trim())
                .param("n", trim(f.notes()))
                .param("s", status(f.status()).name())
                .param("by", user.id())
                .query(Long.class)
                .single();
        audit.record("EVENT_CREATE", "event", id, Outcome.SUCCESS, f.title());
        return id;
    }

    /** Edits an event's own fields with the version read; its date cannot move once projects are listed. */
    @Transactional
    public void updateEvent(long id, EventForm f) {
        requireWriter();
        Event before = event(id);
        requireWritable(before.regionId());
        long region = checkRegion(f.regionId() == null ? before.regionId() : f.regionId(), currentUser.require());
        var problems = eventProblems(f);
        if (f.eventDate() != null
                && !before.projects().isEmpty()
                && !f.eventDate().equals(before.eventDate())) {
            problems.add(new Problem("eventDate", "event.dateFixed"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int n = jdbc.sql("""
                update event set region_id = :r, kind = :k, title = :t, event_date = :d, place = :p, notes = :n,
                       status = :s, version = version + 1
                 where id = :id and version = :v
                """)
                .param("r", region)
                .param("k", (f.kind() == null ? before.kind() : f.kind()).name())
                .param("t", f.title().trim())
                .param("d", f.eventDate())
                .param("p", f.place().trim())
                .param("n", trim(f.notes()))
                .param("s", status(f.status()).name())
                .param("id", id)
                .param("v", version(f.version()))
                .update();
        if (n == 0) {
            Event now = event(id);
            throw new ConflictException(
                    "event",
                    version(f.version()),
                    now.version(),
                    Map.of("title", now.title(), "eventDate", now.eventDate(), "place", now.place()));
        }
        audit.record("EVENT_UPDATE", "event", id, Outcome.SUCCESS, f.title());
    }

    /**
     * Lists a project as signed at an event. A project not yet signed is signed now, on the event's date (so it
     * must be in 洽谈); an expansion counts its own contract amount, the added amount; a project signed before, or
     * already claimed by another event, is a re-signing: shown, never counted.
     */
    @Transactional
    public CountsAs addProjectToEvent(long eventId, long projectId) {
        requireWriter();
        Event e = event(eventId);
        requireWritable(e.regionId());
        if (e.status() != Status.DONE) {
            throw new InvalidInputException("projectId", "event.notDone");
        }
        Project p = projects.find(projectId); // out of the caller's reach: 404, as a read of it
        if (e.projects().stream().anyMatch(x -> x.projectId() == projectId)) {
            throw new InvalidInputException("projectId", "event.project.already");
        }
        boolean claimedElsewhere = jdbc.sql("select count(*) from event_project where project_id = :p and counts_as "
                                + "in ('SIGNING', 'EXPANSION')")
                        .param("p", projectId)
                        .query(Long.class)
                        .single()
                > 0;
        CountsAs countsAs;
        LocalDate signed = p.dates().signedOn();
        if (claimedElsewhere || (signed != null && signed.isBefore(e.eventDate()))) {
            countsAs = CountsAs.RESIGNING;
        } else {
            if (signed == null) {
                lifecycle.advance(projectId, p.version(), Stage.SIGNED, e.eventDate(), "签约于" + e.title());
                p = projects.find(projectId);
            } else if (signed.isAfter(e.eventDate())) {
                throw new InvalidInputException("projectId", "event.project.signedLater", signed.toString());
            }
            countsAs = p.expansionOfId() != null ? CountsAs.EXPANSION : CountsAs.SIGNING;
        }
        BigDecimal amount = countsAs == CountsAs.RESIGNING
                ? BigDecimal.ZERO
                : p.contractAmount() != null ? p.contractAmount() : p.totalInvestment();
        jdbc.sql("insert into event_project (event_id, project_id, counts_as, amount) values (:e, :p, :c, :a)")
                .param("e", eventId)
                .param("p", projectId)
                .param("c", countsAs.name())
                .param("a", amount)
                .update();
        jdbc.sql("update event set version = version + 1 where id = :id")
                .param("id", eventId)
                .update();
        audit.record("EVENT_PROJECT_ADD", "event", eventId, Outcome.SUCCESS, "project " + projectId + " " + countsAs);
        return countsAs;
    }

    public Event event(long id) {
        RegionScope scope = currentUser.scope();
        return scope.bind(jdbc.sql("select ev.*, r.name as region_name from event ev join region r on r.id = "
                        + "ev.region_id where ev.id = :id and " + scope.where("ev.region_id")))
                .param("id", id)
                .query((rs, n) -> new Event(
                        rs.getLong("id"),
                        rs.getLong("region_id"),
                        rs.getString("region_name"),
                        EventKind.valueOf(rs.getString("kind")),
                        rs.getString("title"),
                        date(rs, "event_date"),
                        rs.getString("place"),
                        rs.getString("notes"),
                        Status.valueOf(rs.getString("status")),
                        rs.getLong("version"),
                        eventProjects(rs.getLong("id"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("event", id));
    }

    private List<EventProject> eventProjects(long eventId) {
        return jdbc.sql(
                        "select ep.*, p.code, p.name, r.name as region_name from event_project ep join project p on "
                                + "p.id = ep.project_id join region r on r.id = p.region_id where ep.event_id = :e order by p.code")
                .param("e", eventId)
                .query((rs, n) -> new EventProject(
                        rs.getLong("project_id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("region_name"),
                        CountsAs.valueOf(rs.getString("counts_as")),
                        rs.getBigDecimal("amount")))
                .list();
    }

    // ------------------------------------------------------------------ lists

    /** All activities in scope between two dates (calendar and list), optionally of one type or leader. */
    public List<Entry> entries(LocalDate from, LocalDate to, Long regionId, String type, Long leaderId) {
        RegionScope scope = currentUser.scope();
        var params = new HashMap<String, Object>();
        params.put("from", from);
        params.put("to", to);
        params.put(RegionScope.PARAM, scope.pathPattern());
        String regionFilter = "";
        if (regionId != null) {
            Region r = regions.find(regionId).orElse(null);
            params.put("rf", r == null ? "/none/" : r.path() + "%");
            regionFilter = " and %s in (select id from region where path like :rf)";
        }
        var parts = new ArrayList<String>();
        if (type == null || type.equals("TRIP")) {
            parts.add("select 'TRIP' as type, t.id, t.start_date as d, t.end_date as e, t.title, r.name as region, "
                    + "t.leader_name as who, t.status from trip t join region r on r.id = t.region_id where "
                    + scope.where("t.region_id") + " and t.start_date <= :to and t.end_date >= :from"
                    + regionFilter.formatted("t.region_id")
                    + (leaderId == null ? "" : " and t.leader_user_id = :leader"));
        }
        if (leaderId == null && (type == null || type.equals("DELEGATION"))) {
            parts.add("select 'DELEGATION', d.id, d.visit_date, d.visit_date, d.title, r.name, d.host_name, d.status "
                    + "from delegation d join region r on r.id = d.region_id where " + scope.where("d.region_id")
                    + " and d.visit_date between :from and :to" + regionFilter.formatted("d.region_id"));
        }
        if (leaderId == null && (type == null || type.equals("TALK"))) {
            parts.add("select 'TALK', t.id, t.talk_date, t.talk_date, e.name, r.name, t.participants, t.status "
                    + "from talk t join region r on r.id = t.region_id join enterprise e on e.id = t.enterprise_id "
                    + "where " + scope.where("t.region_id") + " and t.talk_date between :from and :to"
                    + regionFilter.formatted("t.region_id"));
        }
        if (leaderId == null && (type == null || type.equals("EVENT"))) {
            parts.add("select 'EVENT', ev.id, ev.event_date, ev.event_date, ev.title, r.name, ev.place, ev.status "
                    + "from event ev join region r on r.id = ev.region_id where " + scope.where("ev.region_id")
                    + " and ev.event_date between :from and :to" + regionFilter.formatted("ev.region_id"));
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        if (leaderId != null) {
            params.put("leader", leaderId);
        }
        return jdbc.sql(String.join(" union all ", parts) + " order by 3 desc, 2 desc limit 1000")
                .params(params)
                .query((rs, n) -> new Entry(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        Status.valueOf(rs.getString(8))))
                .list();
    }

    /** Leaders with their trips in a period (the per-leader list). */
    public Map<String, List<Entry>> byLeader(LocalDate from, LocalDate to) {
        var out = new LinkedHashMap<String, List<Entry>>();
        for (Entry e : entries(from, to, null, "TRIP", null)) {
            out.computeIfAbsent(e.who(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private YinfengUser requireWriter() {
        YinfengUser u = currentUser.require();
        if (!u.hasRole(Role.COUNTY_STAFF) && !u.hasRole(Role.CITY_STAFF)) {
            throw new AccessDeniedException("activities need county or city staff");
        }
        return u;
    }

    private void requireWritable(long regionId) {
        currentUser.requireWritable(regionId);
    }

    private long checkRegion(Long regionId, YinfengUser user) {
        return currentUser.checkRegion(regionId, "project.region.outOfScope");
    }

    private void checkPlanned(List<Problem> problems, String field, Status status, LocalDate date) {
        if (date != null && status(status) == Status.DONE && date.isAfter(today())) {
            problems.add(new Problem(field, "activity.futureNotPlanned"));
        }
    }

    /** An enabled leader of the caller's region tree or above: the trip-leader picker's list, no other id. */
    private boolean isLeader(long userId) {
        return accounts.selectableLeader(userId, currentUser.scope());
    }

    private String userName(long userId) {
        return jdbc.sql("select display_name from app_user where id = :u")
                .param("u", userId)
                .query(String.class)
                .single();
    }

    private static Status status(Status s) {
        return s == null ? Status.DONE : s;
    }

    private static long version(Long v) {
        return v == null ? -1 : v;
    }

    private static void required(List<Problem> problems, String field, String value) {
        if (blank(value)) {
            problems.add(new Problem(field, "validation.required"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    private static LocalDate date(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }
}
