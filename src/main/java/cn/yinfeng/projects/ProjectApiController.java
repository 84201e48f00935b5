package cn.yinfeng.projects;

import cn.yinfeng.common.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/projects}: the ledger with the same rules and region scope as the pages. */
@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "projects", description = "项目台账 / project ledger")
@SecurityRequirement(name = "bearer")
class ProjectApiController {

    /** A lifecycle step: ADVANCE (to {@code stage}), HOLD, RESUME or TERMINATE; {@code version} as read. */
    record TransitionRequest(String action, Stage stage, LocalDate date, String reason, String note, Long version) {}

    /** The city's reason (a code of GET /api/v1/loss-reasons) for a held or ended project, with a note. */
    record LossReasonRequest(String reason, String note, Long version) {}

    /** A review step: SUBMIT (county), APPROVE or RETURN (city; RETURN needs an opinion). */
    record ReviewRequest(String action, String opinion, Long version) {}

    /** A review step for several projects: SUBMIT, APPROVE or RETURN, one opinion, each item at its version. */
    record BatchReviewRequest(String action, String opinion, List<ProjectReviews.BatchItem> items) {}

    record FollowupRequest(LocalDate date, String content, String nextStep, LocalDate due) {}

    record FundRequest(YearMonth month, FundOrigin origin, BigDecimal amount, String note) {}

    /** Whether the project's first record describes the past (补录); {@code version} as read. */
    record BackfillRequest(Boolean backfilled, Long version) {}

    record Created(long id) {}

    private final Projects projects;
    private final ProjectQueries queries;
    private final ProjectDuplicates duplicates;
    private final ProjectHistory history;
    private final ProjectLifecycle lifecycle;
    private final ProjectReviews reviews;
    private final ProjectFollowups followups;
    private final ProjectFunds funds;
    private final ProjectBackfill backfill;

    ProjectApiController(
            Projects projects,
            ProjectQueries queries,
            ProjectDuplicates duplicates,
            ProjectHistory history,
            ProjectLifecycle lifecycle,
            ProjectReviews reviews,
            ProjectFollowups followups,
            ProjectFunds funds,
            ProjectBackfill backfill) {
        this.backfill = backfill;
        this.projects = projects;
        this.queries = queries;
        this.duplicates = duplicates;
        this.history = history;
        this.lifecycle = lifecycle;
        this.reviews = reviews;
        this.followups = followups;
        this.funds = funds;
    }

    static ProjectFilter filter(
            String q,
            Long regionId,
            Long chainId,
            Stage stage,
            BigDecimal band,
            Long leaderId,
            FundOrigin origin,
            Boolean keyProject,
            ReviewStatus review,
            LocalDate signedFrom,
            LocalDate signedTo) {
        return new ProjectFilter(
                q, regionId, chainId, stage, band, leaderId, origin, keyProject, review, signedFrom, signedTo);
    }

    @GetMapping
    @Operation(
            summary = "Filtered list, keyset-paged: pass the previous page's `next` as `cursor` (or `prev` as "
                    + "`before` for the page before); `page` opens a page by number within the first 10,000 rows "
                    + "(carry it beside a cursor to keep the number). The count: `/api/v1/projects/count`")
    ProjectQueries.Page list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Long chainId,
            @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) BigDecimal band,
            @RequestParam(required = false) Long leaderId,
            @RequestParam(required = false) FundOrigin origin,
            @RequestParam(required = false) Boolean keyProject,
            @RequestParam(required = false) ReviewStatus review,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedTo,
            @RequestParam(defaultValue = "id") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String before,
            @RequestParam(required = false) Integer page,
            @RequestParam(defaultValue = "20") int size) {
        var f = filter(q, regionId, chainId, stage, band, leaderId, origin, keyProject, review, signedFrom, signedTo);
        if (before == null && page == null) {
            return queries.list(f, sort, dir, cursor, size);
        }
        return queries.page(f, sort, dir, cursor, before, page, size);
    }

    @GetMapping("/count")
    @Operation(
            summary = "How many projects the filter selects: exact (`exact` true) up to 10,000, else the planner's "
                    + "estimate; `/totals` counts exactly with the sums")
    ProjectQueries.Count count(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Long chainId,
            @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) BigDecimal band,
            @RequestParam(required = false) Long leaderId,
            @RequestParam(required = false) FundOrigin origin,
            @RequestParam(required = false) Boolean keyProject,
            @RequestParam(required = false) ReviewStatus review,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedTo) {
        return queries.count(
                filter(q, regionId, chainId, stage, band, leaderId, origin, keyProject, review, signedFrom, signedTo));
    }

    @GetMapping("/totals")
    @Operation(summary = "Count and sums (万元) of the filtered set")
    ProjectQueries.Totals totals(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Long chainId,
            @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) BigDecimal band,
            @RequestParam(required = false) Long leaderId,
            @RequestParam(required = false) FundOrigin origin,
            @RequestParam(required = false) Boolean keyProject,
            @RequestParam(required = false) ReviewStatus review,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedTo) {
        return queries.totals(
                filter(q, regionId, chainId, stage, band, leaderId, origin, keyProject, review, signedFrom, signedTo));
    }

    @GetMapping("/kanban")
    @Operation(summary = "Counts, investment and the largest projects per stage")
    List<ProjectQueries.StageColumn> kanban() {
        return queries.kanban(ProjectFilter.ALL, 10);
    }

    @GetMapping("/duplicates")
    @Operation(summary = "Candidate duplicates across regions (same investor or name, similar amount and dates)")
    List<ProjectDuplicates.DuplicateCandidate> duplicates() {
        return duplicates.candidates();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One project (404 outside the caller's region)")
    Project one(@PathVariable long id) {
        return projects.find(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a project (county or city staff) as a draft; stage dates must be consistent")
    Project create(@RequestBody ProjectForm form) {
        return projects.find(projects.create(form));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Update the fields with the version read; a stale version is a 409 with the current values")
    Project update(@PathVariable long id, @RequestBody ProjectForm form) {
        projects.update(id, form);
        return projects.find(id);
    }

    @GetMapping("/{id}/transitions")
    List<ProjectLifecycle.Transition> transitions(@PathVariable long id) {
        return history.transitions(id);
    }

    @PostMapping("/{id}/transitions")
    @Operation(
            summary =
                    "Lifecycle step (ADVANCE, HOLD, RESUME, TERMINATE); HOLD and TERMINATE name a reason of"
                            + " /api/v1/loss-reasons; skipping a stage, a future date or a date before the previous stage is a 400")
    Project transition(@PathVariable long id, @RequestBody TransitionRequest r) {
        long version = requireVersion(r.version());
        switch (r.action() == null ? "" : r.action()) {
            case "ADVANCE" -> lifecycle.advance(id, version, r.stage(), r.date(), r.note());
            case "HOLD" -> lifecycle.hold(id, version, r.date(), r.reason(), r.note());
            case "RESUME" -> lifecycle.resume(id, version, r.date(), r.note());
            case "TERMINATE" -> lifecycle.terminate(id, version, r.date(), r.reason(), r.note());
            default -> throw new InvalidInputException("action", "validation.invalid");
        }
        return projects.find(id);
    }

    @PutMapping("/{id}/loss-reason")
    @Operation(
            summary = "The reason of a held or ended project (a code of /api/v1/loss-reasons) and its note; a project"
                    + " on the main line is a 400")
    Project explainLoss(@PathVariable long id, @RequestBody LossReasonRequest r) {
        lifecycle.explain(id, requireVersion(r.version()), r.reason(), r.note());
        return projects.find(id);
    }

    @PostMapping("/reviews")
    @Operation(
            summary = "Submit (county), approve or return (city staff) several projects at once: all or nothing;"
                    + " an id outside the caller's scope is a 403/404, a stale version a 409 naming the project")
    List<ProjectReviews.BatchResult> batchReview(@RequestBody BatchReviewRequest r) {
        return reviews.batch(r.action(), r.opinion(), r.items());
    }

    @GetMapping("/{id}/reviews")
    List<ProjectReviews.Review> reviews(@PathVariable long id) {
        return history.reviews(id);
    }

    @PostMapping("/{id}/reviews")
    @Operation(summary = "Submit (county), approve or return (city staff)")
    Project review(@PathVariable long id, @RequestBody ReviewRequest r) {
        long version = requireVersion(r.version());
        switch (r.action() == null ? "" : r.action()) {
            case "SUBMIT" -> reviews.submit(id, version);
            case "APPROVE" -> reviews.approve(id, version, r.opinion());
            case "RETURN" -> reviews.returnForChanges(id, version, r.opinion());
            default -> throw new InvalidInputException("action", "validation.invalid");
        }
        return projects.find(id);
    }

    @PutMapping("/{id}/backfilled")
    @Operation(
            summary = "City staff: mark a project back-filled (补录) or not. Its first approved version and the funds "
                    + "approved with it then count \"as of\" dates before they were recorded; 409 on a stale version")
    Project backfilled(@PathVariable long id, @RequestBody BackfillRequest r) {
        if (r.backfilled() == null) {
            throw new InvalidInputException("backfilled", "validation.required");
        }
        backfill.mark(id, requireVersion(r.version()), r.backfilled());
        return projects.find(id);
    }

    @GetMapping("/{id}/followups")
    List<ProjectFollowups.Followup> followups(@PathVariable long id) {
        return history.followups(id);
    }

    @PostMapping("/{id}/followups")
    @ResponseStatus(HttpStatus.CREATED)
    Created addFollowup(@PathVariable long id, @RequestBody FollowupRequest r) {
        return new Created(followups.addFollowup(id, r.date(), r.content(), r.nextStep(), r.due()));
    }

    @GetMapping("/{id}/funds")
    List<ProjectFunds.Fund> funds(@PathVariable long id) {
        return history.funds(id);
    }

    @PostMapping("/{id}/funds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record funds arrived (万元) for a month and origin")
    Created addFund(@PathVariable long id, @RequestBody FundRequest r) {
        return new Created(funds.addFund(id, r.month(), r.origin(), r.amount(), r.note()));
    }

    @DeleteMapping("/{id}/funds/{fundId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteFund(@PathVariable long id, @PathVariable long fundId) {
        funds.deleteFund(id, fundId);
    }

    @GetMapping("/{id}/timeline")
    List<ProjectHistory.TimelineEntry> timeline(@PathVariable long id) {
        return history.timeline(id);
    }

    private static long requireVersion(Long version) {
        if (version == null) {
            throw new InvalidInputException("version", "validation.required");
        }
        return version;
    }
}
