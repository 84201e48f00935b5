package cn.yinfeng.talent;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.Regions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
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

/**
 * {@code /api/v1/talent/...}: campaigns, talents, training classes, partnerships, care, studios and the figures,
 * region-scoped like the pages. ID numbers and phones are always masked here; {@code POST .../reveal} returns one
 * talent's full values to a granted user and writes an audit row.
 */
@RestController
@RequestMapping("/api/v1/talent")
@Tag(name = "talent", description = "招才引智：招聘活动、引进人才、培训、校地合作、关爱服务 / talent attraction")
@SecurityRequirement(name = "bearer")
class TalentApiController {

    record Created(long id) {}

    record Added(int added) {}

    record Member(String name, String title) {}

    record OutputForm(LocalDate outputDate, String title) {}

    private final Talents talents;
    private final TalentFigures figures;
    private final TalentPii pii;
    private final TalentExport export;
    private final Regions regions;
    private final CurrentUser currentUser;

    TalentApiController(Talents talents, TalentFigures figures, TalentPii pii, TalentExport export, Regions regions,
            CurrentUser currentUser) {
        this.talents = talents;
        this.figures = figures;
        this.pii = pii;
        this.export = export;
        this.regions = regions;
        this.currentUser = currentUser;
    }

    @GetMapping("/figures")
    @Operation(summary = "Talent figures for a region subtree (regionId or region code) and period")
    TalentFigures.Figures figures(@RequestParam(required = false) Long regionId,
            @RequestParam(required = false) String region,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Long id = regionId;
        if (id == null && region != null && !region.isBlank()) {
            id = regions.visible(currentUser.scope(), region.trim()).id();
        }
        return figures.figures(id, from, to);
    }

    // ------------------------------------------------------------------ campaigns

    @GetMapping("/campaigns")
    @Operation(summary = "Campaigns: q (name), regionId (subtree), year, sort (name|date|region), dir, page, size")
    PageResult<Talents.CampaignRow> campaigns(Talents.ListQuery query) {
        return talents.campaigns(query);
    }

    @PostMapping("/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    Talents.Campaign createCampaign(@RequestBody Talents.CampaignForm form) {
        return talents.campaign(talents.createCampaign(form));
    }

    @GetMapping("/campaigns/{id}")
    Talents.Campaign campaign(@PathVariable long id) {
        return talents.campaign(id);
    }

    @PutMapping("/campaigns/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Talents.Campaign updateCampaign(@PathVariable long id, @RequestBody Talents.CampaignForm form) {
        talents.updateCampaign(id, form);
        return talents.campaign(id);
    }

    @PostMapping("/campaigns/{id}/positions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A position an institution offers in the campaign")
    Created addPosition(@PathVariable long id, @RequestBody Talents.PositionForm form) {
        return new Created(talents.addPosition(id, form));
    }

    @PutMapping("/campaigns/{id}/positions/{positionId}")
    @Operation(summary = "Change a position (e.g. applicants and hires); fields left out keep their values")
    Talents.Campaign updatePosition(@PathVariable long id, @PathVariable long positionId,
            @RequestBody Talents.PositionForm form) {
        talents.updatePosition(id, positionId, form);
        return talents.campaign(id);
    }

    // ------------------------------------------------------------------ talents

    @GetMapping("/talents")
    @Operation(summary = "Introduced talents (ID number and phone masked): q, regionId, year, degree, sort "
            + "(name|date|degree|region|employer), dir, page, size")
    PageResult<Talents.Talent> talentList(Talents.ListQuery query,
            @RequestParam(required = false) Talents.Degree degree) {
        return talents.talents(query, degree);
    }

    @PostMapping("/talents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a talent; the ID number and phone are encrypted at rest and answered masked")
    Talents.Talent createTalent(@RequestBody Talents.TalentForm form) {
        return talents.talent(talents.createTalent(form));
    }

    @GetMapping("/talents/{id}")
    Talents.Talent talent(@PathVariable long id) {
        return talents.talent(id);
    }

    @PutMapping("/talents/{id}")
    @Operation(summary = "Update with the version read; stale is a 409; null ID number or phone keeps the stored one")
    Talents.Talent updateTalent(@PathVariable long id, @RequestBody Talents.TalentForm form) {
        talents.updateTalent(id, form);
        return talents.talent(id);
    }

    @PostMapping("/talents/{id}/reveal")
    @Operation(summary = "Full ID number and phone of one talent, for users granted it; audited (refusals too)")
    TalentPii.Revealed reveal(@PathVariable long id) {
        return pii.reveal(id);
    }

    @GetMapping("/talents/export")
    @Operation(summary = "The filtered talents as xlsx or csv with ID number and phone masked, for every user; the "
            + "file is watermarked with the user and time; audited. Full values: POST /talents/export/full")
    void exportTalents(Talents.ListQuery query, @RequestParam(required = false) Talents.Degree degree,
            @RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
            throws IOException {
        TalentController.exportHeaders(response, format);
        export.masked(query, degree, format, locale, response.getOutputStream());
    }

    @PostMapping("/talents/export/full")
    @Operation(summary = "The filtered talents with full ID numbers and phones, for a user granted it (403 "
            + "otherwise, audited). Requires purposeKind (POLICY|ARCHIVE|REPORT|VERIFY|OTHER), purpose (4 to 200 "
            + "characters) and confirm=true, else 400 naming what is missing. The audit row carries the purpose and "
            + "the number of people; the file carries a watermark with the user, time and purpose")
    void exportTalentsInFull(Talents.ListQuery query, @RequestParam(required = false) Talents.Degree degree,
            @RequestParam(defaultValue = "xlsx") String format,
            @RequestParam(required = false) TalentExport.Purpose purposeKind,
            @RequestParam(required = false) String purpose,
            @RequestParam(defaultValue = "false") boolean confirm, Locale locale, HttpServletResponse response)
            throws IOException {
        var request = new TalentExport.FullRequest(purposeKind, purpose, confirm);
        export.checkFull(request); // 403 or 400 before any header of a file is set
        TalentController.exportHeaders(response, format);
        export.full(query, degree, format, request, locale, response.getOutputStream());
    }

    // ------------------------------------------------------------------ training

    @GetMapping("/classes")
    @Operation(summary = "Training classes: q, regionId, year, kind, sort (name|date|region|kind), dir, page, size")
    PageResult<Talents.ClassRow> classes(Talents.ListQuery query,
            @RequestParam(required = false) Talents.ClassKind kind) {
        return talents.classes(query, kind);
    }

    @PostMapping("/classes")
    @ResponseStatus(HttpStatus.CREATED)
    Talents.TrainingClass createClass(@RequestBody Talents.ClassForm form) {
        return talents.trainingClass(talents.createClass(form));
    }

    @GetMapping("/classes/{id}")
    Talents.TrainingClass trainingClass(@PathVariable long id) {
        return talents.trainingClass(id);
    }

    @PutMapping("/classes/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Talents.TrainingClass updateClass(@PathVariable long id, @RequestBody Talents.ClassForm form) {
        talents.updateClass(id, form);
        return talents.trainingClass(id);
    }

    @PostMapping("/classes/{id}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Enrol participants (a list); the same name and unit twice is kept once")
    Added addParticipants(@PathVariable long id, @RequestBody List<Talents.ParticipantForm> people) {
        return new Added(talents.addParticipants(id, people));
    }

    @PostMapping("/classes/{id}/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A session held; everyone enrolled is present except the participant ids listed as absent")
    Created addSession(@PathVariable long id, @RequestBody Talents.SessionForm form) {
        return new Created(talents.addSession(id, form));
    }

    // ------------------------------------------------------------------ partnerships, care, studios

    @GetMapping("/partnerships")
    @Operation(summary = "University partnerships: q, regionId, year, kind (BASE|PROJECT), sort, dir, page, size")
    PageResult<Talents.Partnership> partnerships(Talents.ListQuery query,
            @RequestParam(required = false) Talents.PartnershipKind kind) {
        return talents.partnerships(query, kind);
    }

    @PostMapping("/partnerships")
    @ResponseStatus(HttpStatus.CREATED)
    Talents.Partnership createPartnership(@RequestBody Talents.PartnershipForm form) {
        return talents.partnership(talents.createPartnership(form));
    }

    @GetMapping("/partnerships/{id}")
    Talents.Partnership partnership(@PathVariable long id) {
        return talents.partnership(id);
    }

    @PutMapping("/partnerships/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Talents.Partnership updatePartnership(@PathVariable long id, @RequestBody Talents.PartnershipForm form) {
        talents.updatePartnership(id, form);
        return talents.partnership(id);
    }

    @GetMapping("/care")
    @Operation(summary = "Care and services: q, regionId, year, kind (HEALTH_CHECK|SUBSIDY|HOUSING|OTHER), sort, dir, "
            + "page, size")
    PageResult<Talents.Care> cares(Talents.ListQuery query, @RequestParam(required = false) Talents.CareKind kind) {
        return talents.cares(query, kind);
    }

    @PostMapping("/care")
    @ResponseStatus(HttpStatus.CREATED)
    Talents.Care createCare(@RequestBody Talents.CareForm form) {
        return talents.care(talents.createCare(form));
    }

    @GetMapping("/care/{id}")
    Talents.Care care(@PathVariable long id) {
        return talents.care(id);
    }

    @PutMapping("/care/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Talents.Care updateCare(@PathVariable long id, @RequestBody Talents.CareForm form) {
        talents.updateCare(id, form);
        return talents.care(id);
    }

    @GetMapping("/studios")
    @Operation(summary = "Expert studios: q, regionId, year, sort, dir, page, size")
    PageResult<Talents.StudioRow> studios(Talents.ListQuery query) {
        return talents.studios(query);
    }

    @PostMapping("/studios")
    @ResponseStatus(HttpStatus.CREATED)
    Talents.Studio createStudio(@RequestBody Talents.StudioForm form) {
        return talents.studio(talents.createStudio(form));
    }

    @GetMapping("/studios/{id}")
    Talents.Studio studio(@PathVariable long id) {
        return talents.studio(id);
    }

    @PutMapping("/studios/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Talents.Studio updateStudio(@PathVariable long id, @RequestBody Talents.StudioForm form) {
        talents.updateStudio(id, form);
        return talents.studio(id);
    }

    @PostMapping("/studios/{id}/members")
    @ResponseStatus(HttpStatus.CREATED)
    Created addMember(@PathVariable long id, @RequestBody Member member) {
        return new Created(talents.addMember(id, member.name(), member.title()));
    }

    @PostMapping("/studios/{id}/outputs")
    @ResponseStatus(HttpStatus.CREATED)
    Created addOutput(@PathVariable long id, @RequestBody OutputForm output) {
        return new Created(talents.addOutput(id, output.outputDate(), output.title()));
    }
}
