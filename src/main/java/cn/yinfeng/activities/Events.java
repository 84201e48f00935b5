package cn.yinfeng.activities;

import static cn.yinfeng.activities.ActivitySupport.date;
import static cn.yinfeng.activities.ActivitySupport.status;
import static cn.yinfeng.activities.ActivitySupport.trim;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.activities.ActivitySupport.Checks;
import cn.yinfeng.common.ConflictException.Stored;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.ProjectLifecycle;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.projects.Stage;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events (推介会, 集中签约仪式) and the projects signed there. A project counts once: the first signing, or an
 * expansion's added amount; a later ceremony that "signs" it again is shown as a re-signing and never counted.
 */
@Service
public class Events {

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

    public record EventForm(
            Long regionId,
            EventKind kind,
            String title,
            LocalDate eventDate,
            String place,
            String notes,
            ActivityStatus status,
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
            ActivityStatus status,
            long version,
            List<EventProject> projects) {

        Event withProjects(List<EventProject> projects) {
            return new Event(id, regionId, regionName, kind, title, eventDate, place, notes, status, version, projects);
        }
    }

    public record EventProject(
            long projectId, String code, String name, String regionName, CountsAs countsAs, BigDecimal amount) {}

    private static final String SELECT =
            "select ev.*, r.name as region_name from event ev join region r on r.id = ev.region_id";
    private static final String PROJECTS = "select ep.event_id as owner_id, ep.*, p.code, p.name, "
            + "r.name as region_name from event_project ep join project p on p.id = ep.project_id "
            + "join region r on r.id = p.region_id where ep.event_id = any(:ids) order by p.code";

    private final JdbcClient jdbc;
    private final ActivitySupport support;
    private final ActivityLists lists;
    private final Projects projects;
    private final ProjectLifecycle lifecycle;

    Events(
            JdbcClient jdbc,
            ActivitySupport support,
            ActivityLists lists,
            Projects projects,
            ProjectLifecycle lifecycle) {
        this.jdbc = jdbc;
        this.support = support;
        this.lists = lists;
        this.projects = projects;
        this.lifecycle = lifecycle;
    }

    @Transactional
    public long create(EventForm f) {
        YinfengUser user = support.requireWriter();
        long region = support.checkRegion(f.regionId());
        checks(f).required("kind", f.kind()).orThrow();
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
        support.audit("EVENT_CREATE", "event", id, f.title());
        return id;
    }

    private Checks checks(EventForm f) {
        return support.checks()
                .required("title", f.title())
                .required("place", f.place())
                .required("eventDate", f.eventDate())
                .planned("eventDate", f.status(), f.eventDate());
    }

    /** Edits an event's own fields with the version read; its date cannot move once projects are listed. */
    @Transactional
    public void update(long id, EventForm f) {
        support.requireWriter();
        Event before = find(id);
        long region = support.regionToUpdate(before.regionId(), f.regionId());
        checks(f)
                .when(
                        f.eventDate() != null
                                && !before.projects().isEmpty()
                                && !f.eventDate().equals(before.eventDate()),
                        "eventDate",
                        "event.dateFixed")
                .orThrow();
        var update = jdbc.sql("""
                update event set region_id = :r, kind = :k, title = :t, event_date = :d, place = :p, notes = :n,
                       status = :s, version = version + 1
                 where id = :id and version = :version
                """)
                .param("r", region)
                .param("k", (f.kind() == null ? before.kind() : f.kind()).name())
                .param("t", f.title().trim())
                .param("d", f.eventDate())
                .param("p", f.place().trim())
                .param("n", trim(f.notes()))
                .param("s", status(f.status()).name())
                .param("id", id);
        support.updateVersioned(update, "event", f.version(), () -> {
            Event now = find(id);
            return new Stored(
                    now.version(), Map.of("title", now.title(), "eventDate", now.eventDate(), "place", now.place()));
        });
        support.audit("EVENT_UPDATE", "event", id, f.title());
    }

    /**
     * Lists a project as signed at an event. A project not yet signed is signed now, on the event's date (so it
     * must be in 洽谈); an expansion counts its own contract amount, the added amount; a project signed before, or
     * already claimed by another event, is a re-signing: shown, never counted.
     */
    @Transactional
    public CountsAs addProject(long eventId, long projectId) {
        support.requireWriter();
        Event e = find(eventId);
        support.requireWritable(e.regionId());
        if (e.status() != ActivityStatus.DONE) {
            throw new InvalidInputException("projectId", "event.notDone");
        }
        Project p = projects.find(projectId); // out of the caller's reach: 404, as a read of it
        if (e.projects().stream().anyMatch(x -> x.projectId() == projectId)) {
            throw new InvalidInputException("projectId", "event.project.already");
        }
        CountsAs countsAs;
        LocalDate signed = p.dates().signedOn();
        if (claimedElsewhere(projectId) || (signed != null && signed.isBefore(e.eventDate()))) {
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
        support.audit("EVENT_PROJECT_ADD", "event", eventId, "project " + projectId + " " + countsAs);
        return countsAs;
    }

    /** Whether another event already counts the project (its first signing or expansion). */
    private boolean claimedElsewhere(long projectId) {
        return jdbc.sql("select count(*) from event_project where project_id = :p and counts_as "
                                + "in ('SIGNING', 'EXPANSION')")
                        .param("p", projectId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Event find(long id) {
        Event found = support.findScoped("event", id, SELECT, "ev", (rs, n) -> event(rs));
        return withProjects(List.of(found)).get(0);
    }

    /** Events in scope held in the period, newest first: by region subtree, and a text in the title, place or notes. */
    public PageResult<Event> list(ActivityQuery q) {
        return lists.page(
                SELECT,
                lists.where(q, "ev").on("ev.event_date").text("ev.title", "ev.place", "ev.notes"),
                "ev.event_date desc, ev.id desc",
                (rs, n) -> event(rs),
                this::withProjects);
    }

    /** The events' projects, read for all of them at once. */
    private List<Event> withProjects(List<Event> events) {
        return lists.attach(events, Event::id, jdbc.sql(PROJECTS), Events::project, Event::withProjects);
    }

    private static Event event(ResultSet rs) throws SQLException {
        return new Event(
                rs.getLong("id"),
                rs.getLong("region_id"),
                rs.getString("region_name"),
                EventKind.valueOf(rs.getString("kind")),
                rs.getString("title"),
                date(rs, "event_date"),
                rs.getString("place"),
                rs.getString("notes"),
                ActivityStatus.valueOf(rs.getString("status")),
                rs.getLong("version"),
                List.of());
    }

    private static EventProject project(ResultSet rs, int n) throws SQLException {
        return new EventProject(
                rs.getLong("project_id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("region_name"),
                CountsAs.valueOf(rs.getString("counts_as")),
                rs.getBigDecimal("amount"));
    }
}
