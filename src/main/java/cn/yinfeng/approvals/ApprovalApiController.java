package cn.yinfeng.approvals;

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
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The REST API of approval steps and milestones, and the overview's export (page and API share it). */
@RestController
@Tag(name = "approvals", description = "审批节点与办理时限 / approval milestones and their time limits")
@SecurityRequirement(name = "bearer")
class ApprovalApiController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ApprovalSteps steps;
    private final Milestones milestones;
    private final MilestoneList list;
    private final MilestoneExport export;

    ApprovalApiController(ApprovalSteps steps, Milestones milestones, MilestoneList list, MilestoneExport export) {
        this.steps = steps;
        this.milestones = milestones;
        this.list = list;
        this.export = export;
    }

    @GetMapping("/api/v1/approval-steps")
    @Operation(summary = "The city's approval steps with their time limits (calendar days), retired ones too")
    List<ApprovalSteps.Step> stepList() {
        return steps.all();
    }

    @PostMapping("/api/v1/approval-steps")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A new step (city staff and administrators); code: capitals, digits and _; limitDays 1–3650")
    ApprovalSteps.Step createStep(@RequestBody ApprovalSteps.Form form) {
        return steps.create(form);
    }

    @PutMapping("/api/v1/approval-steps/{code}")
    @Operation(
            summary = "Rename, change the limit of, reorder, retire (active=false) or restore a step at the version"
                    + " read; stale is 409. Milestones already recorded keep the limit they were given")
    ApprovalSteps.Step updateStep(@PathVariable String code, @RequestBody ApprovalSteps.Form form) {
        return steps.update(code, form);
    }

    @GetMapping("/api/v1/projects/{projectId}/milestones")
    @Operation(summary = "A project's milestones in the order of the steps, each with its deadline and status today")
    List<Milestones.Milestone> ofProject(@PathVariable long projectId) {
        return milestones.ofProject(projectId);
    }

    @PostMapping("/api/v1/projects/{projectId}/milestones")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Record a step on a project (writers of its county): step, unit, plannedOn and/or startedOn"
                    + " (受理), doneOn (办结), note; every problem is reported at once, under its field")
    Milestones.Milestone create(@PathVariable long projectId, @RequestBody Milestones.Form form) {
        return milestones.add(projectId, form);
    }

    @GetMapping("/api/v1/milestones")
    @Operation(
            summary = "Milestones in the caller's scope, a page at a time; status OVERDUE, DUE_SOON, IN_PROGRESS,"
                    + " PLANNED, DONE_LATE or DONE; late=true: overdue or done late; sort deadline (default), step,"
                    + " project, region, unit, started or done")
    PageResult<MilestoneList.Row> search(
            @ParameterObject MilestoneList.Filter filter,
            @RequestParam(defaultValue = "deadline") String sort,
            @RequestParam(defaultValue = "asc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return list.search(filter, sort, "desc".equals(dir), Math.max(0, page), Math.min(Math.max(1, size), 500));
    }

    @GetMapping("/api/v1/milestones/summary")
    @Operation(
            summary = "Counts per step for the same filter as GET /api/v1/milestones: recorded, done, done late,"
                    + " overdue, open, average days from acceptance to done and the on-time rate")
    MilestoneList.Summary summary(@ParameterObject MilestoneList.Filter filter) {
        return list.summary(filter);
    }

    @GetMapping("/api/v1/milestones/{id}")
    @Operation(summary = "One milestone with its deadline and status today")
    Milestones.Milestone find(@PathVariable long id) {
        return milestones.find(id);
    }

    @PutMapping("/api/v1/milestones/{id}")
    @Operation(
            summary = "Change a milestone's unit, dates or note at the version read; the step is fixed; stale is 409")
    Milestones.Milestone update(@PathVariable long id, @RequestBody Milestones.Form form) {
        return milestones.update(id, form);
    }

    @DeleteMapping("/api/v1/milestones/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a milestone recorded by mistake, at the version read; stale is 409")
    void delete(@PathVariable long id, @RequestParam(required = false) @Nullable Long version) {
        milestones.delete(id, version);
    }

    @GetMapping({"/approvals/export", "/api/v1/milestones/export"})
    @Operation(
            summary = "The milestones of the filter as xlsx: one row per step by county and project with its"
                    + " deadline, status and days over, and a sheet of the counts per step with its total row")
    @ApiResponse(
            responseCode = "200",
            description = "The workbook, as an attachment",
            content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")))
    void exportXlsx(@ParameterObject MilestoneList.Filter filter, Locale locale, HttpServletResponse response)
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
