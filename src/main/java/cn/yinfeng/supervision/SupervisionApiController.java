package cn.yinfeng.supervision;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/warnings}, {@code /api/v1/tasks} and {@code /api/v1/inbox}, region-scoped like the pages. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "supervision", description = "预警、督办与消息 / warnings, supervision tasks, inbox")
@SecurityRequirement(name = "bearer")
class SupervisionApiController {

    record Created(long id) {}

    record Response(String text, long version) {}

    record Review(boolean accept, String text, long version) {}

    record Unread(long unread) {}

    private final WarningRules rules;
    private final WarningList warningList;
    private final Warnings warnings;
    private final TaskList taskList;
    private final Tasks tasks;
    private final Inbox inbox;
    private final CurrentUser currentUser;

    SupervisionApiController(
            WarningRules rules,
            WarningList warningList,
            Warnings warnings,
            TaskList taskList,
            Tasks tasks,
            Inbox inbox,
            CurrentUser currentUser) {
        this.rules = rules;
        this.warningList = warningList;
        this.warnings = warnings;
        this.taskList = taskList;
        this.tasks = tasks;
        this.inbox = inbox;
        this.currentUser = currentUser;
    }

    @GetMapping("/warning-rules")
    @Operation(summary = "The warning rules with their levels and parameters")
    List<WarningRules.Rule> rules() {
        return rules.rules();
    }

    @GetMapping("/warnings")
    @Operation(summary = "Warnings in the caller's regions: active ones, or with history=true the cleared ones too")
    PageResult<WarningList.Warning> warnings(
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) Long regionId,
            @RequestParam(defaultValue = "false") boolean history,
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "raised") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Locale locale) {
        Long owner = mine ? currentUser.require().id() : null;
        return warningList.search(
                new WarningList.Search(
                        rule,
                        level,
                        regionId,
                        history,
                        owner,
                        sort,
                        "desc".equals(dir),
                        Math.max(0, page),
                        Math.min(Math.max(1, size), 500)),
                currentUser.scope(),
                locale);
    }

    @GetMapping("/warnings/{id}")
    WarningList.Warning warning(@PathVariable long id, Locale locale) {
        return warningList.get(id, currentUser.scope(), locale);
    }

    @PostMapping("/warnings/evaluate")
    @PreAuthorize("hasAnyRole('ADMIN', 'CITY_STAFF')")
    @Operation(summary = "Evaluate every rule now (the scheduler does it every 15 minutes)")
    Unread evaluate() {
        return new Unread(warnings.evaluate());
    }

    @GetMapping("/tasks")
    @Operation(summary = "Supervision tasks assigned inside the caller's regions or issued by the caller")
    PageResult<TaskList.Task> tasks(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Tasks.Status status,
            @RequestParam(required = false) Long regionId,
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "deadline") String sort,
            @RequestParam(defaultValue = "asc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return taskList.search(new TaskList.Search(
                q,
                status,
                regionId,
                mine,
                overdue,
                sort,
                "desc".equals(dir),
                Math.max(0, page),
                Math.min(Math.max(1, size), 500)));
    }

    @PostMapping("/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Issue a task (city staff, leaders): to a region, optionally a person or unit, with a deadline")
    Created create(@RequestBody Tasks.TaskForm form) {
        return new Created(tasks.create(form));
    }

    @GetMapping("/tasks/{id}")
    TaskList.Task task(@PathVariable long id) {
        return taskList.get(id);
    }

    @GetMapping("/tasks/{id}/events")
    List<TaskList.Event> events(@PathVariable long id) {
        return taskList.events(id);
    }

    @PostMapping("/tasks/{id}/responses")
    @Operation(summary = "The assignee's response (attachments through the page); 409 on a stale version")
    TaskList.Task respond(@PathVariable long id, @RequestBody Response r) {
        tasks.respond(id, r.version(), r.text(), List.of());
        return taskList.get(id);
    }

    @PostMapping("/tasks/{id}/review")
    @Operation(summary = "The issuer accepts the response or sends it back with a reason; 409 on a stale version")
    TaskList.Task review(@PathVariable long id, @RequestBody Review r) {
        tasks.review(id, r.version(), r.accept(), r.text());
        return taskList.get(id);
    }

    @GetMapping("/inbox")
    PageResult<Inbox.Note> inbox(
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Locale locale) {
        return inbox.list(
                currentUser.require().id(), unread, Math.max(0, page), Math.min(Math.max(1, size), 500), locale);
    }

    @GetMapping("/inbox/unread")
    Unread unread() {
        return new Unread(inbox.unread(currentUser.require().id()));
    }

    @PostMapping("/inbox/{id}/read")
    Unread read(@PathVariable long id) {
        inbox.open(currentUser.require().id(), id);
        return unread();
    }
}
