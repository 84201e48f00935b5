package cn.yinfeng.supervision;

import cn.yinfeng.common.PageResult;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Service;

/** What supervision has waiting for the signed-in user, for their workbench: open tasks, the lights of projects. */
@Service
public class SupervisionWork {

    /** An open task as the workbench lists it. */
    public record OpenTask(long id, String code, String title, java.time.LocalDate deadline, boolean overdue) {}

    /** A project's light from its active warnings: 0 none, 1 yellow, 2 red. */
    public record ProjectLight(int level, int warnings) {}

    private final TaskList tasks;
    private final WarningList warnings;

    SupervisionWork(TaskList tasks, WarningList warnings) {
        this.tasks = tasks;
        this.warnings = warnings;
    }

    /**
     * The caller's tasks not yet closed (to answer, or answered and waiting for the issuer's review), the nearest
     * deadline first; at most {@code limit}, with the full count.
     */
    public PageResult<OpenTask> myOpenTasks(int limit) {
        var open = tasks.search(
                new TaskList.Search(null, Tasks.Status.OPEN, null, true, false, "deadline", false, 0, limit));
        var answered = tasks.search(
                new TaskList.Search(null, Tasks.Status.RESPONDED, null, true, false, "deadline", false, 0, limit));
        var rows = java.util.stream.Stream.concat(open.rows().stream(), answered.rows().stream())
                .sorted(java.util.Comparator.comparing(TaskList.Task::deadline))
                .limit(limit)
                .map(t -> new OpenTask(t.id(), t.code(), t.title(), t.deadline(), t.overdue()))
                .toList();
        return new PageResult<>(rows, open.total() + answered.total(), 0, limit);
    }

    public Map<Long, ProjectLight> projectLights(Collection<Long> projectIds) {
        var out = new java.util.HashMap<Long, ProjectLight>();
        warnings.projectLights(projectIds).forEach((id, l) -> out.put(id, new ProjectLight(l.level(), l.warnings())));
        return out;
    }
}
