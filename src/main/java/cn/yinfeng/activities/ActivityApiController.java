package cn.yinfeng.activities;

import cn.yinfeng.common.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
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

    private final Activities activities;
    private final ActivityFigures figures;

    ActivityApiController(Activities activities, ActivityFigures figures) {
        this.activities = activities;
        this.figures = figures;
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

    @PostMapping("/trips")
    @ResponseStatus(HttpStatus.CREATED)
    Activities.Trip createTrip(@RequestBody Activities.TripForm form) {
        return activities.trip(activities.createTrip(form));
    }

    @GetMapping("/trips/{id}")
    Activities.Trip trip(@PathVariable long id) {
        return activities.trip(id);
    }

    @PutMapping("/trips/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Activities.Trip updateTrip(@PathVariable long id, @RequestBody Activities.TripForm form) {
        activities.updateTrip(id, form);
        return activities.trip(id);
    }

    @PostMapping("/trips/{id}/visits")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "An enterprise visited during the trip (registry by code, or a new prospect by name)")
    Created addVisit(@PathVariable long id, @RequestBody Visit v) {
        return new Created(
                activities.addVisit(id, v.enterpriseName(), v.enterpriseCode(), v.visitDate(), v.city(), v.notes()));
    }

    @PostMapping("/trips/{id}/visits/{visitId}/lead")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Turn a visit into a project lead in 洽谈, linked back to the visit")
    Created lead(@PathVariable long id, @PathVariable long visitId, @RequestBody(required = false) Lead lead) {
        return new Created(activities.visitToLead(
                id, visitId, lead == null ? null : lead.projectName(), lead == null ? null : lead.totalInvestment()));
    }

    @PostMapping("/delegations")
    @ResponseStatus(HttpStatus.CREATED)
    Activities.Delegation createDelegation(@RequestBody Activities.DelegationForm form) {
        return activities.delegation(activities.createDelegation(form));
    }

    @GetMapping("/delegations/{id}")
    Activities.Delegation delegation(@PathVariable long id) {
        return activities.delegation(id);
    }

    @PutMapping("/delegations/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Activities.Delegation updateDelegation(@PathVariable long id, @RequestBody Activities.DelegationForm form) {
        activities.updateDelegation(id, form);
        return activities.delegation(id);
    }

    @PutMapping("/talks/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Activities.Talk updateTalk(@PathVariable long id, @RequestBody Activities.TalkForm form) {
        activities.updateTalk(id, form);
        return activities.talk(id);
    }

    @PutMapping("/events/{id}")
    @Operation(summary = "Update with the version read; stale is a 409; the date is fixed once projects are listed")
    Activities.Event updateEvent(@PathVariable long id, @RequestBody Activities.EventForm form) {
        activities.updateEvent(id, form);
        return activities.event(id);
    }

    @PostMapping("/delegations/{id}/projects")
    @Operation(summary = "Link the delegation to a project it led to")
    Activities.Delegation linkDelegation(@PathVariable long id, @RequestBody Map<String, Long> body) {
        activities.linkProject("DELEGATION", id, requireProject(body));
        return activities.delegation(id);
    }

    @PostMapping("/talks/{id}/projects")
    @Operation(summary = "Link the talk to a project it served")
    Activities.Talk linkTalk(@PathVariable long id, @RequestBody Map<String, Long> body) {
        activities.linkProject("TALK", id, requireProject(body));
        return activities.talk(id);
    }

    private static long requireProject(Map<String, Long> body) {
        Long projectId = body.get("projectId");
        if (projectId == null) {
            throw new InvalidInputException("projectId", "validation.required");
        }
        return projectId;
    }

    @PostMapping("/talks")
    @ResponseStatus(HttpStatus.CREATED)
    Activities.Talk createTalk(@RequestBody Activities.TalkForm form) {
        return activities.talk(activities.createTalk(form));
    }

    @GetMapping("/talks/{id}")
    Activities.Talk talk(@PathVariable long id) {
        return activities.talk(id);
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    Activities.Event createEvent(@RequestBody Activities.EventForm form) {
        return activities.event(activities.createEvent(form));
    }

    @GetMapping("/events/{id}")
    Activities.Event event(@PathVariable long id) {
        return activities.event(id);
    }

    @PostMapping("/events/{id}/projects")
    @Operation(summary = "List a project as signed at the event: first signing, expansion, or re-signing (not counted)")
    Activities.Event addProject(@PathVariable long id, @RequestBody Map<String, Long> body) {
        Long projectId = body.get("projectId");
        if (projectId == null) {
            throw new InvalidInputException("projectId", "validation.required");
        }
        activities.addProjectToEvent(id, projectId);
        return activities.event(id);
    }
}
