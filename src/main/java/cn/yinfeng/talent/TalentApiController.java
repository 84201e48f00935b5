package cn.yinfeng.talent;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.Regions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
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
    private final Campaigns campaigns;
    private final Trainings trainings;
    private final Partnerships partnerships;
    private final CareServices cares;
    private final Studios studios;
    private final TalentFigures figures;
    private final TalentPii pii;
    private final TalentExport export;
    private final Regions regions;
    private final CurrentUser currentUser;

    TalentApiController(
            Talents talents,
            Campaigns campaigns,
            Trainings trainings,
            Partnerships partnerships,
            CareServices cares,
            Studios studios,
            TalentFigures figures,
            TalentPii pii,
            TalentExport export,
            Regions regions,
            CurrentUser currentUser) {
        this.talents = talents;
        this.campaigns = campaigns;
        this.trainings = trainings;
        this.partnerships = partnerships;
        this.cares = cares;
        this.studios = studios;
        this.figures = figures;
        this.pii = pii;
        this.export = export;
        this.regions = regions;
        this.currentUser = currentUser;
    }

    @GetMapping("/figures")
    @Operation(summary = "Talent figures for a region subtree (regionId or region code) and period")
    TalentFigures.Figures figures(
            @RequestParam(required = false) Long regionId,
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
    PageResult<Campaigns.CampaignRow> campaigns(ListQuery query) {
        return campaigns.campaigns(query);
    }

    @PostMapping("/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    Campaigns.Campaign createCampaign(@RequestBody Campaigns.CampaignForm form) {
        return campaigns.campaign(campaigns.createCampaign(form));
    }

    @GetMapping("/campaigns/{id}")
    Campaigns.Campaign campaign(@PathVariable long id) {
        return campaigns.campaign(id);
    }

    @PutMapping("/campaigns/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Campaigns.Campaign updateCampaign(@PathVariable long id, @RequestBody Campaigns.CampaignForm form) {
        campaigns.updateCampaign(id, form);
        return campaigns.campaign(id);
    }

    @PostMapping("/campaigns/{id}/positions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A position an institution offers in the campaign")
    Created addPosition(@PathVariable long id, @RequestBody Campaigns.PositionForm form) {
        return new Created(campaigns.addPosition(id, form));
    }

    @PutMapping("/campaigns/{id}/positions/{positionId}")
    @Operation(summary = "Change a position (e.g. applicants and hires); fields left out keep their values")
    Campaigns.Campaign updatePosition(
            @PathVariable long id, @PathVariable long positionId, @RequestBody Campaigns.PositionForm form) {
        campaigns.updatePosition(id, positionId, form);
        return campaigns.campaign(id);
    }

    // ------------------------------------------------------------------ talents

    @GetMapping("/talents")
    @Operation(
            summary = "Introduced talents (ID number and phone masked): q, regionId, year, degree, sort "
                    + "(name|date|degree|region|employer), dir, page, size")
    PageResult<Talents.Talent> talentList(ListQuery query, @RequestParam(required = false) Talents.Degree degree) {
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
    @Operation(
            summary = "The filtered talents as xlsx or csv with ID number and phone masked, for every user; the "
                    + "file is watermarked with the user and time; audited. Full values: POST /talents/export/full")
    void exportTalents(
            ListQuery query,
            @RequestParam(required = false) Talents.Degree degree,
            @RequestParam(defaultValue = "xlsx") String format,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        TalentExportController.exportHeaders(response, format);
        export.masked(query, degree, format, locale, response.getOutputStream());
    }

    @PostMapping("/talents/export/full")
    @Operation(
            summary = "The filtered talents with full ID numbers and phones, for a user granted it (403 "
                    + "otherwise, audited). Requires purposeKind (POLICY|ARCHIVE|REPORT|VERIFY|OTHER), purpose (4 to 200 "
                    + "characters) and confirm=true, else 400 naming what is missing. The audit row carries the purpose and "
                    + "the number of people; the file carries a watermark with the user, time and purpose")
    void exportTalentsInFull(
            ListQuery query,
            @RequestParam(required = false) Talents.Degree degree,
            @RequestParam(defaultValue = "xlsx") String format,
            @RequestParam(required = false) TalentExport.Purpose purposeKind,
            @RequestParam(required = false) String purpose,
            @RequestParam(defaultValue = "false") boolean confirm,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        var request = new TalentExport.FullRequest(purposeKind, purpose, confirm);
        export.checkFull(request); // 403 or 400 before any header of a file is set
        TalentExportController.exportHeaders(response, format);
        export.full(query, degree, format, request, locale, response.getOutputStream());
    }

    // ------------------------------------------------------------------ training

    @GetMapping("/classes")
    @Operation(summary = "Training classes: q, regionId, year, kind, sort (name|date|region|kind), dir, page, size")
    PageResult<Trainings.ClassRow> classes(ListQuery query, @RequestParam(required = false) Trainings.ClassKind kind) {
        return trainings.classes(query, kind);
    }

    @PostMapping("/classes")
    @ResponseStatus(HttpStatus.CREATED)
    Trainings.TrainingClass createClass(@RequestBody Trainings.ClassForm form) {
        return trainings.trainingClass(trainings.createClass(form));
    }

    @GetMapping("/classes/{id}")
    Trainings.TrainingClass trainingClass(@PathVariable long id) {
        return trainings.trainingClass(id);
    }

    @PutMapping("/classes/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Trainings.TrainingClass updateClass(@PathVariable long id, @RequestBody Trainings.ClassForm form) {
        trainings.updateClass(id, form);
        return trainings.trainingClass(id);
    }

    @PostMapping("/classes/{id}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Enrol participants (a list); the same name and unit twice is kept once")
    Added addParticipants(@PathVariable long id, @RequestBody List<Trainings.ParticipantForm> people) {
        return new Added(trainings.addParticipants(id, people));
    }

    @PostMapping("/classes/{id}/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A session held; everyone enrolled is present except the participant ids listed as absent")
    Created addSession(@PathVariable long id, @RequestBody Trainings.SessionForm form) {
        return new Created(trainings.addSession(id, form));
    }

    // ------------------------------------------------------------------ partnerships, care, studios

    @GetMapping("/partnerships")
    @Operation(summary = "University partnerships: q, regionId, year, kind (BASE|PROJECT), sort, dir, page, size")
    PageResult<Partnerships.Partnership> partnerships(
            ListQuery query, @RequestParam(required = false) Partnerships.PartnershipKind kind) {
        return partnerships.partnerships(query, kind);
    }

    @PostMapping("/partnerships")
    @ResponseStatus(HttpStatus.CREATED)
    Partnerships.Partnership createPartnership(@RequestBody Partnerships.PartnershipForm form) {
        return partnerships.partnership(partnerships.createPartnership(form));
    }

    @GetMapping("/partnerships/{id}")
    Partnerships.Partnership partnership(@PathVariable long id) {
        return partnerships.partnership(id);
    }

    @PutMapping("/partnerships/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Partnerships.Partnership updatePartnership(@PathVariable long id, @RequestBody Partnerships.PartnershipForm form) {
        partnerships.updatePartnership(id, form);
        return partnerships.partnership(id);
    }

    @GetMapping("/care")
    @Operation(
            summary = "Care and services: q, regionId, year, kind (HEALTH_CHECK|SUBSIDY|HOUSING|OTHER), sort, dir, "
                    + "page, size")
    PageResult<CareServices.Care> cares(ListQuery query, @RequestParam(required = false) CareServices.CareKind kind) {
        return cares.cares(query, kind);
    }

    @PostMapping("/care")
    @ResponseStatus(HttpStatus.CREATED)
    CareServices.Care createCare(@RequestBody CareServices.CareForm form) {
        return cares.care(cares.createCare(form));
    }

    @GetMapping("/care/{id}")
    CareServices.Care care(@PathVariable long id) {
        return cares.care(id);
    }

    @PutMapping("/care/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    CareServices.Care updateCare(@PathVariable long id, @RequestBody CareServices.CareForm form) {
        cares.updateCare(id, form);
        return cares.care(id);
    }

    @GetMapping("/studios")
    @Operation(summary = "Expert studios: q, regionId, year, sort, dir, page, size")
    PageResult<Studios.StudioRow> studios(ListQuery query) {
        return studios.studios(query);
    }

    @PostMapping("/studios")
    @ResponseStatus(HttpStatus.CREATED)
    Studios.Studio createStudio(@RequestBody Studios.StudioForm form) {
        return studios.studio(studios.createStudio(form));
    }

    @GetMapping("/studios/{id}")
    Studios.Studio studio(@PathVariable long id) {
        return studios.studio(id);
    }

    @PutMapping("/studios/{id}")
    @Operation(summary = "Update with the version read; stale is a 409")
    Studios.Studio updateStudio(@PathVariable long id, @RequestBody Studios.StudioForm form) {
        studios.updateStudio(id, form);
        return studios.studio(id);
    }

    @PostMapping("/studios/{id}/members")
    @ResponseStatus(HttpStatus.CREATED)
    Created addMember(@PathVariable long id, @RequestBody Member member) {
        return new Created(studios.addMember(id, member.name(), member.title()));
    }

    @PostMapping("/studios/{id}/outputs")
    @ResponseStatus(HttpStatus.CREATED)
    Created addOutput(@PathVariable long id, @RequestBody OutputForm output) {
        return new Created(studios.addOutput(id, output.outputDate(), output.title()));
    }
}
