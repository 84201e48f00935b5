package cn.yinfeng.supervision;

import cn.yinfeng.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/problems}: the problem list, its counts, raising one, reminders and the meeting's xlsx (which the
 * page's export link shares). Answering and closing a problem is {@code /api/v1/tasks/{id}/responses} and
 * {@code /review}, as for any task.
 */
@RestController
@Tag(name = "problems", description = "项目问题清单 / project problems owned by a unit and a leader")
@SecurityRequirement(name = "bearer")
class ProblemApiController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    record Created(long id) {}

    record Reminder(List<Long> ids) {}

    record Reminded(int reminded) {}

    record CategoryName(String code, String name) {}

    private final Problems problems;
    private final ProblemList list;
    private final ProblemExport export;
    private final MessageSource messages;

    ProblemApiController(Problems problems, ProblemList list, ProblemExport export, MessageSource messages) {
        this.problems = problems;
        this.list = list;
        this.export = export;
        this.messages = messages;
    }

    @GetMapping("/api/v1/problems")
    @Operation(
            summary = "Problems the caller may see (their county's projects, sent to their region, raised or owned by"
                    + " them); filters: q, category, status, regionId (the project's county), unit, leaderId,"
                    + " overdue, mine, projectId, ids; sort: deadline (default), created, category, status, region,"
                    + " code, unit; answer is the latest response")
    PageResult<ProblemList.Row> search(
            @ParameterObject ProblemList.Filter filter,
            @RequestParam(defaultValue = "deadline") String sort,
            @RequestParam(defaultValue = "asc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return list.search(filter, sort, "desc".equals(dir), Math.max(0, page), Math.min(Math.max(1, size), 500));
    }

    @GetMapping("/api/v1/problems/summary")
    @Operation(summary = "The counts by category (open, answered, closed, overdue) for the same filter as the list")
    ProblemList.Summary summary(@ParameterObject ProblemList.Filter filter) {
        return list.summary(filter);
    }

    @PostMapping("/api/v1/problems")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Raise a problem on a project the caller may write: category, title, description, the region it"
                    + " is sent to (the project's or one above), the responsible unit, the leader and the deadline;"
                    + " every problem of the body is reported at once")
    Created raise(@RequestBody Problems.ProblemForm form) {
        return new Created(problems.raise(form));
    }

    @PostMapping("/api/v1/problems/reminders")
    @Operation(
            summary = "Remind (催办) the owners of the open problems among ids; answered and closed ones are skipped;"
                    + " returns how many were reminded")
    Reminded remind(@RequestBody Reminder r) {
        return new Reminded(problems.remind(r.ids() == null ? List.of() : r.ids()));
    }

    @GetMapping("/api/v1/problem-categories")
    @Operation(summary = "The categories of problems with their names in the caller's language")
    List<CategoryName> categories(Locale locale) {
        return Arrays.stream(Problems.Category.values())
                .map(c -> new CategoryName(c.name(), messages.getMessage("problem.category." + c, null, locale)))
                .toList();
    }

    @GetMapping({"/supervision/problems/export", "/api/v1/problems/export"})
    @Operation(
            summary = "The problem list as the 项目调度会's xlsx: by county, category and deadline, with unit, leader,"
                    + " deadline, state and latest answer; the same filter as GET /api/v1/problems (ids: the ticked"
                    + " rows)")
    @ApiResponse(
            responseCode = "200",
            description = "The workbook, as an attachment",
            content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")))
    void exportXlsx(@ParameterObject ProblemList.Filter filter, Locale locale, HttpServletResponse response)
            throws IOException {
        response.setContentType(XLSX);
        response.setHeader(
                "Content-Disposition",
                ContentDisposition.attachment()
                        .filename(export.fileName(locale), StandardCharsets.UTF_8)
                        .build()
                        .toString());
        export.write(filter, locale, response.getOutputStream());
    }
}
