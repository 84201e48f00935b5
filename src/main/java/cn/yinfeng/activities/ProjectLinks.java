package cn.yinfeng.activities;

import cn.yinfeng.projects.Projects;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The projects a delegation or a talk led to or served ({@code activity_project}). */
@Component
class ProjectLinks {

    static final String DELEGATION = "DELEGATION";
    static final String TALK = "TALK";

    private final JdbcClient jdbc;
    private final ActivitySupport support;
    private final Projects projects;
    private final ActivityLists lists;

    ProjectLinks(JdbcClient jdbc, ActivitySupport support, Projects projects, ActivityLists lists) {
        this.jdbc = jdbc;
        this.support = support;
        this.projects = projects;
        this.lists = lists;
    }

    /** Each activity of {@code type} with the projects it is linked to, read for all of them at once. */
    <T> List<T> attach(
            String type, List<T> activities, ToLongFunction<T> id, BiFunction<T, List<LinkedProject>, T> with) {
        var related = jdbc.sql("select ap.activity_id as owner_id, p.id, p.code, p.name from activity_project ap "
                        + "join project p on p.id = ap.project_id "
                        + "where ap.activity_type = :t and ap.activity_id = any(:ids) order by p.code")
                .param("t", type);
        return lists.attach(
                activities,
                id,
                related,
                (rs, n) -> new LinkedProject(rs.getLong("id"), rs.getString("code"), rs.getString("name")),
                with);
    }

    /** Links the activity (of {@code region}) to a project the caller can see; linking twice changes nothing. */
    void link(String type, long activityId, long region, long projectId) {
        support.requireWritable(region);
        projects.find(projectId); // a project the caller cannot read is answered as a read of it: 404
        jdbc.sql("insert into activity_project (activity_type, activity_id, project_id) values (:t, :a, :p) "
                        + "on conflict do nothing")
                .param("t", type)
                .param("a", activityId)
                .param("p", projectId)
                .update();
        support.audit("ACTIVITY_PROJECT_LINK", type.toLowerCase(Locale.ROOT), activityId, "project " + projectId);
    }
}
