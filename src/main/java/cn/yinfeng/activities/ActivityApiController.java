package cn.yinfeng.activities;

import cn.yinfeng.activities.Delegations.Delegation;
import cn.yinfeng.activities.Delegations.DelegationForm;
import cn.yinfeng.activities.Events.Event;
import cn.yinfeng.activities.Events.EventForm;
import cn.yinfeng.activities.Talks.Talk;
import cn.yinfeng.activities.Talks.TalkForm;
import cn.yinfeng.activities.Trips.Trip;
import cn.yinfeng.activities.Trips.TripForm;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/trips|delegations|talks|events} and the activity figures, region-scoped like the pages. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "activities", description = "外出招商、接待考察、会谈与活动 / trips, delegations, talks, events")
@SecurityRequirement(name = "bearer")
class ActivityApiController {

    record Visit(String enterpriseName, String enterpriseCode, LocalDate visitDate, String city, String notes) {}

    record Lead(String projectName, BigDecimal totalInvestment) {}

    record Created(long id) {}

    static final String PROBLEM = "application/problem+json";

    /** The answers of a list: one page, a parameter it cannot read, no token, a role without the right. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "200", description = "one page: rows, total (of the filtered set), page, size")
    @ApiResponse(
            responseCode = "400",
            description = "a parameter that cannot be read; `errors` names it (Accept-Language: en for English)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no valid Bearer token",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "403",
            description = "a role without investment work (the talent office)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @interface ListResponses {}

    private final Activities activities;
    private final ActivityFigures figures;
    private final Trips trips;
    private final Delegations delegations;
    private final Talks talks;
    private final Events events;

    ActivityApiController(
            Activities activities,
            ActivityFigures figures,
            Trips trips,
            Delegations delegations,
            Talks talks,
            Events events) {
        this.activities = activities;
        this.figures = figures;
        this.trips = trips;
        this.delegations = delegations;
        this.talks = talks;
        this.events = events;
    }

    @GetMapping("/activities")
    @Operation(summary = "All activities in a period (calendar), optionally one type (TRIP, DELEGATION, TALK, EVENT)")
    List<Activities.Entry> entries(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Long leaderId) {
        return activities.entries(from, to, regionId, type, leaderId);
    }

    @GetMapping("/activities/figures")
    @Operation(
            summary = "Counts for a region subtree and period: trips, point-to-point, enterprises visited, "
                    + "delegations, events, projects signed at events")
    ActivityFigures.Figures figures(
            @RequestParam(required = false) Long regionId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return figures.figures(regionId, from, to);
    }

    // ------------------------------------------------------------------ trips

    @GetMapping("/trips")
    @Operation(
            summary = "Trips in the caller's region tree that overlap the period, newest first, a page at a time; "
                    + "q searches title, leader, cities and purpose")
    @ListResponses
    PageResult<Trip> trips(
            @ParameterObject ActivityListParams params,
            @Parameter(description = "the leader's user id (GET /api/v1/activities lists them by trip)")
                    @RequestParam(required = false)
                    String leaderId) {
        return trips.list(params.query(leaderId));
    }

    @PostMapping("/trips")
    @ResponseStatus(HttpStatus.CREATED)
    Trip createTrip(@RequestBody TripForm form) {
        return trips.find(trips.create(form));
    }

    @GetMapping("/trips/{id}")
    Trip trip(@PathVariable long id) {
        return trips.find(id);
    }

    @PutMapping("/trips/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Trip updateTrip(@PathVariable long id, @RequestBody TripForm form) {
        trips.update(id, form);
        return trips.find(id);
    }

    @PostMapping("/trips/{id}/visits")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "An enterprise visited during the trip (registry by code, or a new prospect by name)")
    Created addVisit(@PathVariable long id, @RequestBody Visit v) {
        return new Created(
                trips.addVisit(id, v.enterpriseName(), v.enterpriseCode(), v.visitDate(), v.city(), v.notes()));
    }

    @PostMapping("/trips/{id}/visits/{visitId}/lead")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Turn a visit into a project lead in 洽谈, linked back to the visit")
    Created lead(@PathVariable long id, @PathVariable long visitId, @RequestBody(required = false) Lead lead) {
        return new Created(trips.visitToLead(
                id, visitId, lead == null ? null : lead.projectName(), lead == null ? null : lead.totalInvestment()));
    }

    // ------------------------------------------------------------------ delegations

    @GetMapping("/delegations")
    @Operation(
            summary = "Delegations received in the caller's region tree in the period, newest first, a page at a "
                    + "time; q searches title, host and sites")
    @ListResponses
    PageResult<Delegation> delegations(@ParameterObject ActivityListParams params) {
        return delegations.list(params.query(null));
    }

    @PostMapping("/delegations")
    @ResponseStatus(HttpStatus.CREATED)
    Delegation createDelegation(@RequestBody DelegationForm form) {
        return delegations.find(delegations.create(form));
    }

    @GetMapping("/delegations/{id}")
    Delegation delegation(@PathVariable long id) {
        return delegations.find(id);
    }

    @PutMapping("/delegations/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Delegation updateDelegation(@PathVariable long id, @RequestBody DelegationForm form) {
        delegations.update(id, form);
        return delegations.find(id);
    }

    @PostMapping("/delegations/{id}/projects")
    @Operation(summary = "Link the delegation to a project it led to")
    Delegation linkDelegation(@PathVariable long id, @RequestBody Map<String, Long> body) {
        delegations.linkProject(id, requireProject(body));
        return delegations.find(id);
    }

    // ------------------------------------------------------------------ talks

    @GetMapping("/talks")
    @Operation(
            summary = "Talks in the caller's region tree in the period, newest first, a page at a time; q searches "
                    + "the enterprise, participants and topics")
    @ListResponses
    PageResult<Talk> talks(@ParameterObject ActivityListParams params) {
        return talks.list(params.query(null));
    }

    @PostMapping("/talks")
    @ResponseStatus(HttpStatus.CREATED)
    Talk createTalk(@RequestBody TalkForm form) {
        return talks.find(talks.create(form));
    }

    @GetMapping("/talks/{id}")
    Talk talk(@PathVariable long id) {
        return talks.find(id);
    }

    @PutMapping("/talks/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Talk updateTalk(@PathVariable long id, @RequestBody TalkForm form) {
        talks.update(id, form);
        return talks.find(id);
    }

    @PostMapping("/talks/{id}/projects")
    @Operation(summary = "Link the talk to a project it served")
    Talk linkTalk(@PathVariable long id, @RequestBody Map<String, Long> body) {
        talks.linkProject(id, requireProject(body));
        return talks.find(id);
    }

    // ------------------------------------------------------------------ events

    @GetMapping("/events")
    @Operation(
            summary = "Events in the caller's region tree in the period, newest first, a page at a time; q searches "
                    + "title, place and notes")
    @ListResponses
    PageResult<Event> events(@ParameterObject ActivityListParams params) {
        return events.list(params.query(null));
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    Event createEvent(@RequestBody EventForm form) {
        return events.find(events.create(form));
    }

    @GetMapping("/events/{id}")
    Event event(@PathVariable long id) {
        return events.find(id);
    }

    @PutMapping("/events/{id}")
    @Operation(summary = "Update with the version read; stale is a 409; the date is fixed once projects are listed")
    Event updateEvent(@PathVariable long id, @RequestBody EventForm form) {
        events.update(id, form);
        return events.find(id);
    }

    @PostMapping("/events/{id}/projects")
    @Operation(summary = "List a project as signed at the event: first signing, expansion, or re-signing (not counted)")
    Event addProject(@PathVariable long id, @RequestBody Map<String, Long> body) {
        events.addProject(id, requireProject(body));
        return events.find(id);
    }

    private static long requireProject(Map<String, Long> body) {
        Long projectId = body.get("projectId");
        if (projectId == null) {
            throw new InvalidInputException("projectId", "validation.required");
        }
        return projectId;
    }
}
