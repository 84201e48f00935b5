package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.common.FileNames;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.projects.ProjectLookups;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Regions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The bureau's board, a leader's board, warnings, tasks and the inbox. */
@Controller
class SupervisionController {

    private final WarningRules rules;
    private final WarningList warningList;
    private final Warnings warnings;
    private final TaskList taskList;
    private final Tasks tasks;
    private final Inbox inbox;
    private final CurrentUser currentUser;
    private final Regions regions;
    private final MessageSource messages;
    private final ProjectLookups projects;
    private final Accounts accounts;

    /** A project of the leader's board with its light. */
    public record MyProject(ProjectLookups.LeaderProject project, WarningList.Light lights) {

        public int light() {
            return lights.level();
        }
    }

    SupervisionController(
            WarningRules rules,
            WarningList warningList,
            Warnings warnings,
            TaskList taskList,
            Tasks tasks,
            Inbox inbox,
            CurrentUser currentUser,
            Regions regions,
            MessageSource messages,
            ProjectLookups projects,
            Accounts accounts) {
        this.rules = rules;
        this.warningList = warningList;
        this.warnings = warnings;
        this.taskList = taskList;
        this.tasks = tasks;
        this.inbox = inbox;
        this.currentUser = currentUser;
        this.regions = regions;
        this.messages = messages;
        this.projects = projects;
        this.accounts = accounts;
    }

    /** The bureau's board: active warnings by region and rule, and the list with filters. */
    @GetMapping("/supervision")
    String board(
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) Long regionId,
            @RequestParam(defaultValue = "false") boolean history,
            @RequestParam(defaultValue = "raised") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            Locale locale,
            Model model) {
        var search = new WarningList.Search(
                rule, level, regionId, history, null, sort, "desc".equals(dir), Math.max(0, page), 20);
        model.addAttribute("search", search);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("result", warningList.search(search, currentUser.scope(), locale));
        var counts = warningList.counts(currentUser.scope(), locale);
        model.addAttribute("counts", counts);
        model.addAttribute("countsJson", JsonMapper.builder().build().writeValueAsString(counts));
        model.addAttribute("rules", rules.rules());
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("canIssue", tasks.canIssue());
        return "supervision/board";
    }

    @PostMapping("/supervision/evaluate")
    String evaluate(RedirectAttributes redirect, Locale locale) {
        YinfengUser me = currentUser.require();
        if (!me.isAdmin() && !me.hasRole(Role.CITY_STAFF)) {
            throw new AccessDeniedException("city staff evaluate");
        }
        int active = warnings.evaluate();
        redirect.addFlashAttribute(
                "flash", messages.getMessage("supervision.evaluated", new Object[] {active}, locale));
        return "redirect:/supervision";
    }

    @GetMapping("/supervision/warnings/{id}")
    String warning(@PathVariable long id, Locale locale, Model model) {
        model.addAttribute("w", warningList.get(id, currentUser.scope(), locale));
        model.addAttribute("canIssue", tasks.canIssue());
        return "supervision/warning";
    }

    /** A leader's board: the projects they own (包联) with their lights, their warnings and their tasks. */
    @GetMapping("/supervision/mine")
    String mine(Locale locale, Model model) {
        YinfengUser me = currentUser.require();
        var mine = projects.ledBy(me.id(), 500);
        var lights = warningList.projectLights(
                mine.stream().map(ProjectLookups.LeaderProject::id).toList());
        model.addAttribute(
                "projects",
                mine.stream()
                        .map(p -> new MyProject(p, lights.getOrDefault(p.id(), new WarningList.Light(0, 0))))
                        .sorted(Comparator.comparingInt((MyProject m) -> -m.light())
                                .thenComparing(m -> m.project().totalInvestment(), Comparator.reverseOrder()))
                        .toList());
        model.addAttribute(
                "warnings",
                warningList
                        .search(
                                new WarningList.Search(null, null, null, false, me.id(), "level", false, 0, 50),
                                currentUser.scope(),
                                locale)
                        .rows());
        model.addAttribute(
                "tasks",
                taskList.search(new TaskList.Search(null, null, null, true, false, "deadline", false, 0, 50))
                        .rows());
        return "supervision/mine";
    }

    // ------------------------------------------------------------------ tasks

    @GetMapping("/supervision/tasks")
    String taskList(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Tasks.Status status,
            @RequestParam(required = false) Long regionId,
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "deadline") String sort,
            @RequestParam(defaultValue = "asc") String dir,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var search = new TaskList.Search(
                q, status, regionId, mine, overdue, sort, "desc".equals(dir), Math.max(0, page), 20);
        model.addAttribute("search", search);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("result", taskList.search(search));
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("statuses", Tasks.Status.values());
        model.addAttribute("canIssue", tasks.canIssue());
        return "supervision/tasks";
    }

    @GetMapping("/supervision/tasks/new")
    String newTask(
            @RequestParam(required = false) Long warningId,
            @RequestParam(required = false) Long projectId,
            Locale locale,
            Model model) {
        String title = "";
        Long regionId = null;
        if (warningId != null) {
            var w = warningList.get(warningId, currentUser.scope(), locale);
            title = w.ruleName() + "：" + (w.subjectName() == null ? "" : w.subjectName());
            regionId = w.regionId();
            if ("PROJECT".equals(w.subjectType())) {
                projectId = w.subjectId();
            }
        }
        model.addAttribute(
                "form",
                new Tasks.TaskForm(
                        title,
                        "",
                        regionId,
                        null,
                        null,
                        LocalDate.now(Projects.ZONE).plusDays(7),
                        warningId,
                        projectId));
        return taskForm(model);
    }

    private String taskForm(Model model) {
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("users", accounts.enabledUsers(currentUser.scope()));
        return "supervision/task-form";
    }

    @PostMapping("/supervision/tasks")
    String createTask(Tasks.TaskForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = tasks.create(form);
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
            return "redirect:/supervision/tasks/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            return taskForm(model);
        }
    }

    @GetMapping("/supervision/tasks/{id}")
    String task(@PathVariable long id, Model model) {
        TaskList.Task t = taskList.get(id);
        model.addAttribute("t", t);
        model.addAttribute("events", taskList.events(id));
        model.addAttribute("canRespond", t.status() == Tasks.Status.OPEN && tasks.canRespond(t));
        model.addAttribute("canReview", tasks.canReview(t));
        return "supervision/task";
    }

    @PostMapping("/supervision/tasks/{id}/respond")
    String respond(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam(required = false) String text,
            @RequestParam(value = "files", required = false) List<MultipartFile> files,
            Model model,
            Locale locale,
            RedirectAttributes redirect)
            throws IOException {
        var uploads = new ArrayList<Tasks.Upload>();
        if (files != null) {
            for (MultipartFile f : files) {
                if (!f.isEmpty()) {
                    String name = FileNames.safe(f.getOriginalFilename());
                    uploads.add(new Tasks.Upload(name.isEmpty() ? "file" : name, f.getContentType(), f.getBytes()));
                }
            }
        }
        return act(id, model, locale, redirect, () -> tasks.respond(id, version, text, uploads));
    }

    @PostMapping("/supervision/tasks/{id}/review")
    String review(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam boolean accept,
            @RequestParam(required = false) String text,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(id, model, locale, redirect, () -> tasks.review(id, version, accept, text));
    }

    private String act(long id, Model model, Locale locale, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
            return "redirect:/supervision/tasks/" + id;
        } catch (InvalidInputException e) {
            // a stale version (ConflictException) goes to the 409 page with both versions
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
        }
        return task(id, model);
    }

    @GetMapping({"/supervision/tasks/{id}/files/{fileId}", "/api/v1/tasks/{id}/files/{fileId}"})
    @Tag(name = "supervision")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "An attachment of a task's response, as a download (whatever type it claims to be)")
    @ApiResponse(
            responseCode = "200",
            description = "The file's bytes as an attachment",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                            schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<Resource> file(@PathVariable long id, @PathVariable long fileId) {
        TaskList.FileContent f = taskList.file(id, fileId);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(f.name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                // served as a download whatever it claims to be: never rendered in the application's origin
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(new ByteArrayResource(f.content()));
    }

    // ------------------------------------------------------------------ inbox

    @GetMapping("/inbox")
    String inbox(
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page,
            Locale locale,
            Model model) {
        long me = currentUser.require().id();
        model.addAttribute("result", inbox.list(me, unread, Math.max(0, page), 20, locale));
        model.addAttribute("unreadOnly", unread);
        model.addAttribute("unread", inbox.unread(me));
        model.addAttribute("sort", "created");
        model.addAttribute("dir", "desc");
        return "supervision/inbox";
    }

    @GetMapping("/inbox/{id}")
    String open(@PathVariable long id) {
        String link = inbox.open(currentUser.require().id(), id);
        // only our own paths: a stored link is never an open redirect
        return "redirect:" + (link != null && link.startsWith("/") && !link.startsWith("//") ? link : "/inbox");
    }

    @PostMapping("/inbox/read-all")
    String readAll() {
        inbox.readAll(currentUser.require().id());
        return "redirect:/inbox";
    }

    /** The unread badge of the header, loaded by htmx. */
    @GetMapping("/inbox/badge")
    @ResponseBody
    String badge() {
        long n = inbox.unread(currentUser.require().id());
        return n == 0
                ? ""
                : "<span class=\"badge rounded-pill text-bg-danger\" data-testid=\"unread\">" + n + "</span>";
    }
}
