package cn.yinfeng.activities;

import cn.yinfeng.projects.Projects;
import java.util.List;
import java.util.Locale;
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

    ProjectLinks(JdbcClient jdbc, ActivitySupport support, Projects projects) {
        this.jdbc = jdbc;
        this.support = support;
        this.projects = projects;
    }

    List<LinkedProject> linked(String type, long activityId) {
        return jdbc.sql("select p.id, p.code, p.name from activity_project ap join project p on p.id = ap.project_id "
                        + "where ap.activity_type = :t and ap.activity_id = :a order by p.code")
                .param("t", type)
                .param("a", activityId)
                .query((rs, n) -> new LinkedProject(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
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
