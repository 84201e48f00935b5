package cn.yinfeng.activities;

import static cn.yinfeng.activities.ActivitySupport.blank;
import static cn.yinfeng.activities.ActivitySupport.date;
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

/** Talks (会谈/洽谈) with one enterprise: who took part, the topics, and the projects they served. */
@Service
public class Talks {

    public record TalkForm(
            Long regionId,
            LocalDate talkDate,
            String enterpriseName,
            String enterpriseCode,
            String participants,
            String topics,
            ActivityStatus status,
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
            ActivityStatus status,
            long version,
            List<LinkedProject> projects) {

        Talk withProjects(List<LinkedProject> projects) {
            return new Talk(
                    id,
                    regionId,
                    regionName,
                    talkDate,
                    enterpriseId,
                    enterpriseName,
                    participants,
                    topics,
                    status,
                    version,
                    projects);
        }
    }

    private static final String SELECT = "select t.*, r.name as region_name, e.name as enterprise_name from talk t "
            + "join region r on r.id = t.region_id join enterprise e on e.id = t.enterprise_id";

    private final JdbcClient jdbc;
    private final ActivitySupport support;
    private final ActivityLists lists;
    private final ProjectLinks links;
    private final Enterprises enterprises;

    Talks(JdbcClient jdbc, ActivitySupport support, ActivityLists lists, ProjectLinks links, Enterprises enterprises) {
        this.jdbc = jdbc;
        this.support = support;
        this.lists = lists;
        this.links = links;
        this.enterprises = enterprises;
    }

    @Transactional
    public long create(TalkForm f) {
        YinfengUser user = support.requireWriter();
        long region = support.checkRegion(f.regionId());
        checks(f).required("enterpriseName", f.enterpriseName()).orThrow();
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
        support.audit("TALK_CREATE", "talk", id, f.enterpriseName());
        return id;
    }

    private Checks checks(TalkForm f) {
        return support.checks()
                .required("participants", f.participants())
                .required("talkDate", f.talkDate())
                .planned("talkDate", f.status(), f.talkDate());
    }

    /** Edits a talk with the version read; stale is a conflict. */
    @Transactional
    public void update(long id, TalkForm f) {
        support.requireWriter();
        Talk before = find(id);
        long region = support.regionToUpdate(before.regionId(), f.regionId());
        checks(f).orThrow();
        long enterprise = blank(f.enterpriseName())
                ? before.enterpriseId()
                : enterprises.findOrCreate(
                        f.enterpriseCode(), f.enterpriseName().trim());
        var update = jdbc.sql("update talk set region_id = :r, talk_date = :d, enterprise_id = :e, participants = :p, "
                        + "topics = :t, status = :s, version = version + 1 where id = :id and version = :version")
                .param("r", region)
                .param("d", f.talkDate())
                .param("e", enterprise)
                .param("p", f.participants().trim())
                .param("t", trim(f.topics()))
                .param("s", status(f.status()).name())
                .param("id", id);
        support.updateVersioned(update, "talk", f.version(), () -> {
            Talk now = find(id);
            return new Stored(now.version(), Map.of("talkDate", now.talkDate(), "participants", now.participants()));
        });
        support.audit("TALK_UPDATE", "talk", id, null);
    }

    /** Links the talk to a project the caller can see (the project it served). */
    @Transactional
    public void linkProject(long id, long projectId) {
        support.requireWriter();
        links.link(ProjectLinks.TALK, id, find(id).regionId(), projectId);
    }

    public Talk find(long id) {
        Talk found = support.findScoped("talk", id, SELECT, "t", (rs, n) -> talk(rs));
        return withProjects(List.of(found)).get(0);
    }

    /**
     * Talks in scope held in the period, newest first: by region subtree, and a text in the enterprise, participants
     * or topics.
     */
    public PageResult<Talk> list(ActivityQuery q) {
        return lists.page(
                SELECT,
                lists.where(q, "t").on("t.talk_date").text("e.name", "t.participants", "t.topics"),
                "t.talk_date desc, t.id desc",
                (rs, n) -> talk(rs),
                this::withProjects);
    }

    /** The talks' linked projects, read for all of them at once. */
    private List<Talk> withProjects(List<Talk> talks) {
        return links.attach(ProjectLinks.TALK, talks, Talk::id, Talk::withProjects);
    }

    private static Talk talk(ResultSet rs) throws SQLException {
        return new Talk(
                rs.getLong("id"),
                rs.getLong("region_id"),
                rs.getString("region_name"),
                date(rs, "talk_date"),
                rs.getLong("enterprise_id"),
                rs.getString("enterprise_name"),
                rs.getString("participants"),
                rs.getString("topics"),
                ActivityStatus.valueOf(rs.getString("status")),
                rs.getLong("version"),
                List.of());
    }
}
