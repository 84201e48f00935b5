package cn.yinfeng.talent;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Talent pages: the dashboard with figures and charts, a list per record type (search, sort, paging, empty state),
 * details and create/edit forms with inline errors. One generic form and detail template take a list of fields
 * built here, so every record type looks and behaves the same.
 */
@Controller
@RequestMapping("/talent")
class TalentController {

    /** A form field: input type text|number|date|select|textarea|region. */
    record Field(String name, String label, String type, Object value, List<Option> options, String cols) {}

    record Option(String value, String label, boolean selected) {}

    /** A line of a detail page. */
    record Item(String label, String value) {}

    static final List<String> KINDS = List.of("campaigns", "talents", "classes", "partnerships", "care", "studios");

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
    private final MessageSource messages;

    TalentController(Talents talents, Campaigns campaigns, Trainings trainings, Partnerships partnerships,
            CareServices cares, Studios studios, TalentFigures figures, TalentPii pii, TalentExport export,
            Regions regions, CurrentUser currentUser, MessageSource messages) {
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
        this.messages = messages;
    }

    @ModelAttribute
    void common(Model model) {
        if (currentUser.get().isPresent()) {
            model.addAttribute("regions", regions.visible(currentUser.scope()));
            model.addAttribute("canWrite", talents.canWrite());
            model.addAttribute("kinds", KINDS);
        }
    }

    // ------------------------------------------------------------------ dashboard

    @GetMapping
    String dashboard(@RequestParam(required = false) String region, @RequestParam(required = false) Integer year,
            Model model, Locale locale) {
        var scope = currentUser.scope();
        Region r = region == null || region.isBlank() ? regions.find(scope.regionId()).orElseThrow()
                : regions.visible(scope, region.trim());
        int y = year == null ? latestYear() : year;
        var f = figures.figures(r.id(), LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
        model.addAttribute("f", f);
        model.addAttribute("region", r);
        model.addAttribute("year", y);
        var degrees = new ArrayList<Map<String, Object>>();
        f.byDegree().forEach((d, n) -> degrees.add(Map.of("name", msg("degree." + d, locale), "value", n)));
        var months = new ArrayList<Map<String, Object>>();
        f.monthly().forEach(m -> months.add(Map.of("name", msg("talent.month", locale, m.month()), "value",
                m.talents())));
        model.addAttribute("degreeData", degrees);
        model.addAttribute("monthData", months);
        return "talent/index";
    }

    /** The year with the latest talent introduced in scope, or this year. */
    private int latestYear() {
        var rows = talents.talents(new ListQuery(null, null, null, "date", "desc", 0, 1), null).rows();
        return rows.isEmpty() ? talents.today().getYear() : rows.get(0).introducedOn().getYear();
    }

    // ------------------------------------------------------------------ lists

    @GetMapping("/{kind}")
    String list(@PathVariable String kind, ListQuery query, @RequestParam(required = false) String filter,
            Model model) {
        PageResult<?> result = switch (kind) {
            case "campaigns" -> campaigns.campaigns(query);
            case "talents" -> talents.talents(query, parse(Talents.Degree.class, filter));
            case "classes" -> trainings.classes(query, parse(Trainings.ClassKind.class, filter));
            case "partnerships" -> partnerships.partnerships(query, parse(Partnerships.PartnershipKind.class, filter));
            case "care" -> cares.cares(query, parse(CareServices.CareKind.class, filter));
            case "studios" -> studios.studios(query);
            default -> throw new NotFoundException("talent list", kind);
        };
        model.addAttribute("kind", kind);
        model.addAttribute("result", result);
        model.addAttribute("query", query);
        model.addAttribute("filter", filter);
        model.addAttribute("filters", switch (kind) {
            case "talents" -> names(Talents.Degree.values(), "degree.");
            case "classes" -> names(Trainings.ClassKind.values(), "classKind.");
            case "partnerships" -> names(Partnerships.PartnershipKind.values(), "partnershipKind.");
            case "care" -> names(CareServices.CareKind.values(), "careKind.");
            default -> List.of();
        });
        model.addAttribute("sort", query.sort() == null ? "date" : query.sort());
        model.addAttribute("dir", query.sort() == null ? "desc" : (query.asc() ? "asc" : "desc"));
        var base = new StringBuilder("/talent/").append(kind).append('?');
        if (!blank(query.q())) {
            base.append("q=").append(URLEncoder.encode(query.q(), StandardCharsets.UTF_8)).append('&');
        }
        if (query.regionId() != null) {
            base.append("regionId=").append(query.regionId()).append('&');
        }
        if (query.year() != null) {
            base.append("year=").append(query.year()).append('&');
        }
        if (!blank(filter)) {
            base.append("filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8)).append('&');
        }
        model.addAttribute("listBase", base.toString());
        model.addAttribute("granted", "talents".equals(kind) && pii.granted());
        return "talent/list";
    }

    private static List<String[]> names(Enum<?>[] values, String prefix) {
        var out = new ArrayList<String[]>();
        for (Enum<?> e : values) {
            out.add(new String[] {e.name(), prefix + e.name()});
        }
        return out;
    }

    /** The default export: ID number and phone masked for every user, the file watermarked and audited. */
    @GetMapping("/talents/export")
    void exportTalents(ListQuery query, @RequestParam(required = false) String filter,
            @RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
            throws IOException {
        exportHeaders(response, format);
        export.masked(query, parse(Talents.Degree.class, filter), format, locale, response.getOutputStream());
    }

    /**
     * The confirmation step of a full export (checklist #35): what leaves, for how many people, that it is recorded;
     * the purpose and the confirmation are asked here. Users without the grant get 403 (audited).
     */
    @GetMapping("/talents/export/full")
    String confirmFullExport(ListQuery query, @RequestParam(required = false) String filter,
            @RequestParam(defaultValue = "xlsx") String format, Model model) {
        export.requireGrant();
        return fullExportPage(query, filter, format, new TalentExport.FullRequest(null, null, false), null, model);
    }

    /** A full export: grant, purpose and confirmation checked before the file starts; the page again otherwise. */
    @PostMapping("/talents/export/full")
    String exportTalentsInFull(ListQuery query, @RequestParam(required = false) String filter,
            @RequestParam(defaultValue = "xlsx") String format,
            @RequestParam(required = false) String purposeKind, @RequestParam(required = false) String purpose,
            @RequestParam(defaultValue = "false") boolean confirm, Model model, Locale locale,
            HttpServletResponse response) throws IOException {
        var request = new TalentExport.FullRequest(parse(TalentExport.Purpose.class, purposeKind), purpose, confirm);
        try {
            export.checkFull(request);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return fullExportPage(query, filter, format, request, FormErrors.resolve(e, messages, locale), model);
        }
        exportHeaders(response, format);
        export.full(query, parse(Talents.Degree.class, filter), format, request, locale, response.getOutputStream());
        return null;
    }

    private String fullExportPage(ListQuery query, String filter, String format,
            TalentExport.FullRequest request, Map<String, List<String>> errors, Model model) {
        Talents.Degree degree = parse(Talents.Degree.class, filter);
        model.addAttribute("people", export.count(query, degree));
        model.addAttribute("query", query);
        model.addAttribute("filter", degree == null ? null : degree.name());
        model.addAttribute("regionName", query.regionId() == null ? null : regions.visible(currentUser.scope())
                .stream().filter(r -> r.id() == query.regionId()).map(Region::name).findFirst().orElse(null));
        model.addAttribute("format", "csv".equals(format) ? "csv" : "xlsx");
        model.addAttribute("purposes", TalentExport.Purpose.values());
        model.addAttribute("request", request);
        model.addAttribute("errors", errors);
        var back = new StringBuilder("/talent/talents?");
        if (!blank(query.q())) {
            back.append("q=").append(URLEncoder.encode(query.q(), StandardCharsets.UTF_8)).append('&');
        }
        if (query.regionId() != null) {
            back.append("regionId=").append(query.regionId()).append('&');
        }
        if (query.year() != null) {
            back.append("year=").append(query.year()).append('&');
        }
        if (degree != null) {
            back.append("filter=").append(degree.name()).append('&');
        }
        model.addAttribute("back", back.substring(0, back.length() - 1));
        model.addAttribute("maskedUrl", "/talent/talents/export" + back.substring(back.indexOf("?")) + "format="
                + ("csv".equals(format) ? "csv" : "xlsx"));
        return "talent/export-full";
    }

    static void exportHeaders(HttpServletResponse response, String format) {
        boolean csv = "csv".equals(format);
        response.setContentType(csv ? "text/csv;charset=UTF-8"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"talents." + (csv ? "csv" : "xlsx") + "\"");
    }

    // ------------------------------------------------------------------ new and edit forms

    @GetMapping("/{kind}/new")
    String newForm(@PathVariable String kind, Model model, Locale locale) {
        long region = currentUser.require().region();
        LocalDate today = talents.today();
        Object form = switch (kind) {
            case "campaigns" -> new Campaigns.CampaignForm("", region, today, today, "", "", null, 0L);
            case "talents" -> new Talents.TalentForm("", region, null, null, Talents.Degree.MASTER, null, null, null,
                    "", Talents.EmployerKind.INSTITUTION, today, null, null, null, null, 0L);
            case "classes" -> new Trainings.ClassForm("", region, Trainings.ClassKind.ZHONGQING, null, null, today, today,
                    null, 0L);
            case "partnerships" -> new Partnerships.PartnershipForm("", region, Partnerships.PartnershipKind.BASE, "", today,
                    Partnerships.PartnershipStatus.SIGNED, null, 0L);
            case "care" -> new CareServices.CareForm(CareServices.CareKind.HEALTH_CHECK, region, "", 1, today, null, null, null,
                    0L);
            case "studios" -> new Studios.StudioForm("", region, Studios.StudioKind.DOCTORAL, null, today, null, 0L);
            default -> throw new NotFoundException("talent form", kind);
        };
        return form(kind, null, form, null, model, locale);
    }

    @GetMapping("/{kind}/{id}/edit")
    String editForm(@PathVariable String kind, @PathVariable long id, Model model, Locale locale) {
        Object form = switch (kind) {
            case "campaigns" -> {
                var c = campaigns.campaign(id);
                yield new Campaigns.CampaignForm(c.name(), c.regionId(), c.startDate(), c.endDate(),
                        String.join("、", c.cities()), String.join("、", c.universities()), c.notes(), c.version());
            }
            case "talents" -> {
                var t = talents.talent(id);
                yield new Talents.TalentForm(t.name(), t.regionId(), t.gender(), t.birthYear(), t.degree(), t.major(),
                        t.university(), t.sourceCity(), t.employer(), t.employerKind(), t.introducedOn(),
                        t.campaignId(), t.benefits(), null, null, t.version());
            }
            case "classes" -> {
                var c = trainings.trainingClass(id);
                yield new Trainings.ClassForm(c.name(), c.regionId(), c.kind(), c.term(), c.partner(), c.startDate(),
                        c.endDate(), c.notes(), c.version());
            }
            case "partnerships" -> {
                var p = partnerships.partnership(id);
                yield new Partnerships.PartnershipForm(p.university(), p.regionId(), p.kind(), p.name(), p.signedOn(),
                        p.status(), p.notes(), p.version());
            }
            case "care" -> {
                var c = cares.care(id);
                yield new CareServices.CareForm(c.kind(), c.regionId(), c.title(), c.batch(), c.serviceDate(), c.people(),
                        c.amount(), c.notes(), c.version());
            }
            case "studios" -> {
                var s = studios.studio(id);
                yield new Studios.StudioForm(s.name(), s.regionId(), s.kind(), s.leadExpert(), s.establishedOn(),
                        s.notes(), s.version());
            }
            default -> throw new NotFoundException("talent form", kind);
        };
        return form(kind, id, form, null, model, locale);
    }

    private String form(String kind, Long id, Object form, Map<String, List<String>> errors, Model model,
            Locale locale) {
        model.addAttribute("kind", kind);
        model.addAttribute("recordId", id);
        model.addAttribute("errors", errors);
        model.addAttribute("fields", fields(form, locale));
        Long version = null;
        if (form instanceof Campaigns.CampaignForm f) {
            version = f.version();
        } else if (form instanceof Talents.TalentForm f) {
            version = f.version();
        } else if (form instanceof Trainings.ClassForm f) {
            version = f.version();
        } else if (form instanceof Partnerships.PartnershipForm f) {
            version = f.version();
        } else if (form instanceof CareServices.CareForm f) {
            version = f.version();
        } else if (form instanceof Studios.StudioForm f) {
            version = f.version();
        }
        model.addAttribute("version", version == null ? 0L : version);
        return "talent/form";
    }

    private List<Field> fields(Object form, Locale locale) {
        var out = new ArrayList<Field>();
        if (form instanceof Campaigns.CampaignForm f) {
            out.add(text("name", "talent.field.campaignName", f.name(), "col-md-8"));
            out.add(region(f.regionId()));
            out.add(new Field("startDate", "talent.field.startDate", "date", f.startDate(), null, "col-md-3"));
            out.add(new Field("endDate", "talent.field.endDate", "date", f.endDate(), null, "col-md-3"));
            out.add(text("cities", "talent.field.cities", f.cities(), "col-md-6"));
            out.add(text("universities", "talent.field.universities", f.universities(), "col-md-12"));
            out.add(area("notes", "talent.field.notes", f.notes()));
        } else if (form instanceof Talents.TalentForm f) {
            out.add(text("name", "talent.field.name", f.name(), "col-md-4"));
            out.add(select("gender", "talent.field.gender", Talents.Gender.values(), "gender.", f.gender(), true,
                    locale, "col-md-2"));
            out.add(new Field("birthYear", "talent.field.birthYear", "number", f.birthYear(), null, "col-md-2"));
            out.add(region(f.regionId()));
            out.add(select("degree", "talent.field.degree", Talents.Degree.values(), "degree.", f.degree(), false,
                    locale, "col-md-3"));
            out.add(text("major", "talent.field.major", f.major(), "col-md-3"));
            out.add(text("university", "talent.field.university", f.university(), "col-md-3"));
            out.add(text("sourceCity", "talent.field.sourceCity", f.sourceCity(), "col-md-3"));
            out.add(text("employer", "talent.field.employer", f.employer(), "col-md-6"));
            out.add(select("employerKind", "talent.field.employerKind", Talents.EmployerKind.values(),
                    "employerKind.", f.employerKind(), false, locale, "col-md-3"));
            out.add(new Field("introducedOn", "talent.field.introducedOn", "date", f.introducedOn(), null,
                    "col-md-3"));
            var campaigns = new ArrayList<Option>();
            campaigns.add(new Option("", msg("talent.noCampaign", locale), f.campaignId() == null));
            for (var c : this.campaigns.campaignChoices()) {
                campaigns.add(new Option(String.valueOf(c.id()), c.name(),
                        f.campaignId() != null && f.campaignId() == c.id()));
            }
            out.add(new Field("campaignId", "talent.field.campaign", "select", null, campaigns, "col-md-6"));
            out.add(text("benefits", "talent.field.benefits", f.benefits(), "col-md-6"));
            // personal data: never pre-filled; blank keeps what is stored
            out.add(new Field("idNumber", "talent.field.idNumber", "pii", f.idNumber(), null, "col-md-6"));
            out.add(new Field("phone", "talent.field.phone", "pii", f.phone(), null, "col-md-6"));
        } else if (form instanceof Trainings.ClassForm f) {
            out.add(text("name", "talent.field.className", f.name(), "col-md-8"));
            out.add(region(f.regionId()));
            out.add(select("kind", "talent.field.classKind", Trainings.ClassKind.values(), "classKind.", f.kind(),
                    false, locale, "col-md-4"));
            out.add(new Field("term", "talent.field.term", "number", f.term(), null, "col-md-2"));
            out.add(text("partner", "talent.field.partner", f.partner(), "col-md-6"));
            out.add(new Field("startDate", "talent.field.startDate", "date", f.startDate(), null, "col-md-3"));
            out.add(new Field("endDate", "talent.field.endDate", "date", f.endDate(), null, "col-md-3"));
            out.add(area("notes", "talent.field.notes", f.notes()));
        } else if (form instanceof Partnerships.PartnershipForm f) {
            out.add(text("university", "talent.field.partnerUniversity", f.university(), "col-md-5"));
            out.add(select("kind", "talent.field.partnershipKind", Partnerships.PartnershipKind.values(),
                    "partnershipKind.", f.kind(), false, locale, "col-md-3"));
            out.add(region(f.regionId()));
            out.add(text("name", "talent.field.partnershipName", f.name(), "col-md-6"));
            out.add(new Field("signedOn", "talent.field.signedOn", "date", f.signedOn(), null, "col-md-3"));
            out.add(select("status", "field.status", Partnerships.PartnershipStatus.values(), "partnershipStatus.",
                    f.status(), false, locale, "col-md-3"));
            out.add(area("notes", "talent.field.notes", f.notes()));
        } else if (form instanceof CareServices.CareForm f) {
            out.add(select("kind", "talent.field.careKind", CareServices.CareKind.values(), "careKind.", f.kind(),
                    false, locale, "col-md-4"));
            out.add(text("title", "talent.field.careTitle", f.title(), "col-md-8"));
            out.add(region(f.regionId()));
            out.add(new Field("batch", "talent.field.batch", "number", f.batch(), null, "col-md-2"));
            out.add(new Field("serviceDate", "talent.field.serviceDate", "date", f.serviceDate(), null,
                    "col-md-3"));
            out.add(new Field("people", "talent.field.people", "number", f.people(), null, "col-md-3"));
            out.add(new Field("amount", "talent.field.amount", "number", f.amount(), null, "col-md-4"));
            out.add(area("notes", "talent.field.notes", f.notes()));
        } else if (form instanceof Studios.StudioForm f) {
            out.add(text("name", "talent.field.studioName", f.name(), "col-md-8"));
            out.add(region(f.regionId()));
            out.add(select("kind", "talent.field.studioKind", Studios.StudioKind.values(), "studioKind.", f.kind(),
                    false, locale, "col-md-4"));
            out.add(text("leadExpert", "talent.field.leadExpert", f.leadExpert(), "col-md-4"));
            out.add(new Field("establishedOn", "talent.field.establishedOn", "date", f.establishedOn(), null,
                    "col-md-4"));
            out.add(area("notes", "talent.field.notes", f.notes()));
        } else {
            throw new IllegalArgumentException("no form " + form);
        }
        return out;
    }

    private static Field text(String name, String label, Object value, String cols) {
        return new Field(name, label, "text", value, null, cols);
    }

    private static Field area(String name, String label, Object value) {
        return new Field(name, label, "textarea", value, null, "col-md-12");
    }

    private static Field region(Long value) {
        return new Field("regionId", "field.region", "region", value, null, "col-md-4");
    }

    private Field select(String name, String label, Enum<?>[] values, String prefix, Enum<?> value, boolean empty,
            Locale locale, String cols) {
        var options = new ArrayList<Option>();
        if (empty) {
            options.add(new Option("", "—", value == null));
        }
        for (Enum<?> e : values) {
            options.add(new Option(e.name(), msg(prefix + e.name(), locale), e == value));
        }
        return new Field(name, label, "select", null, options, cols);
    }

    // ------------------------------------------------------------------ saving

    @PostMapping("/campaigns")
    String createCampaign(Campaigns.CampaignForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("campaigns", null, form, () -> campaigns.createCampaign(form), model, locale, redirect);
    }

    @PostMapping("/campaigns/{id}")
    String updateCampaign(@PathVariable long id, Campaigns.CampaignForm form, Model model, Locale locale,
            RedirectAttributes redirect) {
        return save("campaigns", id, form, () -> {
            campaigns.updateCampaign(id, form);
            return id;
        }, model, locale, redirect);
    }

    @PostMapping("/talents")
    String createTalent(Talents.TalentForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("talents", null, form, () -> talents.createTalent(form), model, locale, redirect);
    }

    @PostMapping("/talents/{id}")
    String updateTalent(@PathVariable long id, Talents.TalentForm form, Model model, Locale locale,
            RedirectAttributes redirect) {
        return save("talents", id, form, () -> {
            talents.updateTalent(id, form);
            return id;
        }, model, locale, redirect);
    }

    @PostMapping("/classes")
    String createClass(Trainings.ClassForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("classes", null, form, () -> trainings.createClass(form), model, locale, redirect);
    }

    @PostMapping("/classes/{id}")
    String updateClass(@PathVariable long id, Trainings.ClassForm form, Model model, Locale locale,
            RedirectAttributes redirect) {
        return save("classes", id, form, () -> {
            trainings.updateClass(id, form);
            return id;
        }, model, locale, redirect);
    }

    @PostMapping("/partnerships")
    String createPartnership(Partnerships.PartnershipForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("partnerships", null, form, () -> partnerships.createPartnership(form), model, locale, redirect);
    }

    @PostMapping("/partnerships/{id}")
    String updatePartnership(@PathVariable long id, Partnerships.PartnershipForm form, Model model, Locale locale,
            RedirectAttributes redirect) {
        return save("partnerships", id, form, () -> {
            partnerships.updatePartnership(id, form);
            return id;
        }, model, locale, redirect);
    }

    @PostMapping("/care")
    String createCare(CareServices.CareForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("care", null, form, () -> cares.createCare(form), model, locale, redirect);
    }

    @PostMapping("/care/{id}")
    String updateCare(@PathVariable long id, CareServices.CareForm form, Model model, Locale locale,
            RedirectAttributes redirect) {
        return save("care", id, form, () -> {
            cares.updateCare(id, form);
            return id;
        }, model, locale, redirect);
    }

    @PostMapping("/studios")
    String createStudio(Studios.StudioForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("studios", null, form, () -> studios.createStudio(form), model, locale, redirect);
    }

    @PostMapping("/studios/{id}")
    String updateStudio(@PathVariable long id, Studios.StudioForm form, Model model, Locale locale,
            RedirectAttributes redirect) {
        return save("studios", id, form, () -> {
            studios.updateStudio(id, form);
            return id;
        }, model, locale, redirect);
    }

    /** Saves; invalid input comes back as the form with the errors under their fields (a stale version is a 409). */
    private String save(String kind, Long id, Object form, java.util.function.LongSupplier action, Model model,
            Locale locale, RedirectAttributes redirect) {
        try {
            long saved = action.getAsLong();
            redirect.addFlashAttribute("flash", msg("saved", locale));
            return "redirect:/talent/" + kind + "/" + saved;
        } catch (InvalidInputException e) {
            return form(kind, id, form, FormErrors.resolve(e, messages, locale), model, locale);
        }
    }

    // ------------------------------------------------------------------ details and their parts

    @GetMapping("/{kind}/{id}")
    String detail(@PathVariable String kind, @PathVariable long id, Model model, Locale locale) {
        var items = new ArrayList<Item>();
        String title;
        switch (kind) {
            case "campaigns" -> {
                var c = campaigns.campaign(id);
                title = c.name();
                items.add(new Item(msg("field.region", locale), c.regionName()));
                items.add(new Item(msg("field.date", locale), c.startDate() + " ~ " + c.endDate()));
                items.add(new Item(msg("talent.fig.cities", locale), String.join("、", c.cities())));
                items.add(new Item(msg("talent.fig.universities", locale), String.join("、", c.universities())));
                items.add(new Item(msg("talent.col.institutions", locale), String.valueOf(c.institutions())));
                items.add(new Item(msg("talent.col.openings", locale), c.openings() + " / " + c.hires()));
                items.add(new Item(msg("talent.field.notes", locale), c.notes()));
                model.addAttribute("campaign", c);
            }
            case "talents" -> {
                var t = talents.talent(id);
                title = t.name();
                items.add(new Item(msg("field.region", locale), t.regionName()));
                items.add(new Item(msg("talent.field.gender", locale),
                        t.gender() == null ? null : msg("gender." + t.gender(), locale)));
                items.add(new Item(msg("talent.field.birthYear", locale),
                        t.birthYear() == null ? null : String.valueOf(t.birthYear())));
                items.add(new Item(msg("talent.field.degree", locale), msg("degree." + t.degree(), locale)));
                items.add(new Item(msg("talent.field.major", locale), t.major()));
                items.add(new Item(msg("talent.field.university", locale), t.university()));
                items.add(new Item(msg("talent.field.sourceCity", locale), t.sourceCity()));
                items.add(new Item(msg("talent.field.employer", locale), t.employer() + " · "
                        + msg("employerKind." + t.employerKind(), locale)));
                items.add(new Item(msg("talent.field.introducedOn", locale), t.introducedOn().toString()));
                items.add(new Item(msg("talent.field.campaign", locale), t.campaignName()));
                items.add(new Item(msg("talent.field.benefits", locale), t.benefits()));
                model.addAttribute("talent", t);
                model.addAttribute("granted", pii.granted());
            }
            case "classes" -> {
                var c = trainings.trainingClass(id);
                title = c.name();
                items.add(new Item(msg("field.region", locale), c.regionName()));
                items.add(new Item(msg("talent.field.classKind", locale), msg("classKind." + c.kind(), locale)
                        + (c.term() == null ? "" : " · " + msg("talent.termN", locale, c.term()))));
                items.add(new Item(msg("talent.field.partner", locale), c.partner()));
                items.add(new Item(msg("field.date", locale), c.startDate() + " ~ " + c.endDate()));
                items.add(new Item(msg("talent.col.attendance", locale), String.valueOf(c.attendance())));
                items.add(new Item(msg("talent.field.notes", locale), c.notes()));
                model.addAttribute("trainingClass", c);
            }
            case "partnerships" -> {
                var p = partnerships.partnership(id);
                title = p.university() + " · " + p.name();
                items.add(new Item(msg("field.region", locale), p.regionName()));
                items.add(new Item(msg("talent.field.partnershipKind", locale),
                        msg("partnershipKind." + p.kind(), locale)));
                items.add(new Item(msg("talent.field.signedOn", locale), p.signedOn().toString()));
                items.add(new Item(msg("field.status", locale), msg("partnershipStatus." + p.status(), locale)));
                items.add(new Item(msg("talent.field.notes", locale), p.notes()));
            }
            case "care" -> {
                var c = cares.care(id);
                title = c.title();
                items.add(new Item(msg("field.region", locale), c.regionName()));
                items.add(new Item(msg("talent.field.careKind", locale), msg("careKind." + c.kind(), locale)));
                items.add(new Item(msg("talent.field.batch", locale), c.batch() == null ? null : String.valueOf(c.batch())));
                items.add(new Item(msg("talent.field.serviceDate", locale), c.serviceDate().toString()));
                items.add(new Item(msg("talent.field.people", locale), String.valueOf(c.people())));
                items.add(new Item(msg("talent.field.amount", locale), c.amount() == null ? null : c.amount().toPlainString()));
                items.add(new Item(msg("talent.field.notes", locale), c.notes()));
            }
            case "studios" -> {
                var s = studios.studio(id);
                title = s.name();
                items.add(new Item(msg("field.region", locale), s.regionName()));
                items.add(new Item(msg("talent.field.studioKind", locale), msg("studioKind." + s.kind(), locale)));
                items.add(new Item(msg("talent.field.leadExpert", locale), s.leadExpert()));
                items.add(new Item(msg("talent.field.establishedOn", locale), s.establishedOn().toString()));
                items.add(new Item(msg("talent.field.notes", locale), s.notes()));
                model.addAttribute("studio", s);
            }
            default -> throw new NotFoundException("talent record", kind);
        }
        model.addAttribute("kind", kind);
        model.addAttribute("recordId", id);
        model.addAttribute("recordTitle", title);
        model.addAttribute("items", items);
        return "talent/detail";
    }

    /** The full ID number and phone of one talent for a granted user; the request itself is audited. */
    @PostMapping("/talents/{id}/reveal")
    String reveal(@PathVariable long id, Model model, Locale locale) {
        var revealed = pii.reveal(id);
        model.addAttribute("revealed", revealed);
        return detail("talents", id, model, locale);
    }

    @PostMapping("/campaigns/{id}/positions")
    String addPosition(@PathVariable long id, Campaigns.PositionForm form, Model model, Locale locale,
            RedirectAttributes redirect) {
        return part("campaigns", id, () -> campaigns.addPosition(id, form), model, locale, redirect);
    }

    @PostMapping("/campaigns/{id}/positions/{positionId}")
    String updatePosition(@PathVariable long id, @PathVariable long positionId,
            @RequestParam(required = false) Integer applicants, @RequestParam(required = false) Integer hires,
            Model model, Locale locale, RedirectAttributes redirect) {
        return part("campaigns", id, () -> campaigns.updatePosition(id, positionId,
                new Campaigns.PositionForm(null, null, null, null, applicants, hires)), model, locale, redirect);
    }

    @PostMapping("/classes/{id}/participants")
    String addParticipants(@PathVariable long id, @RequestParam(required = false) String names,
            @RequestParam(required = false) String unit, Model model, Locale locale, RedirectAttributes redirect) {
        var people = TalentChecks.split(names).stream().map(n -> new Trainings.ParticipantForm(n, unit)).toList();
        return part("classes", id, () -> trainings.addParticipants(id, people), model, locale, redirect);
    }

    @PostMapping("/classes/{id}/sessions")
    String addSession(@PathVariable long id, @RequestParam(required = false) LocalDate sessionDate,
            @RequestParam(required = false) String topic, @RequestParam(required = false) String speaker,
            @RequestParam(required = false) List<Long> absent, Model model, Locale locale,
            RedirectAttributes redirect) {
        return part("classes", id, () -> trainings.addSession(id, new Trainings.SessionForm(sessionDate, topic, speaker,
                absent)), model, locale, redirect);
    }

    @PostMapping("/studios/{id}/members")
    String addMember(@PathVariable long id, @RequestParam(required = false) String memberName,
            @RequestParam(required = false) String memberTitle, Model model, Locale locale,
            RedirectAttributes redirect) {
        return part("studios", id, () -> studios.addMember(id, memberName, memberTitle), model, locale, redirect);
    }

    @PostMapping("/studios/{id}/outputs")
    String addOutput(@PathVariable long id, @RequestParam(required = false) LocalDate outputDate,
            @RequestParam(required = false) String outputTitle, Model model, Locale locale,
            RedirectAttributes redirect) {
        return part("studios", id, () -> studios.addOutput(id, outputDate, outputTitle), model, locale, redirect);
    }

    private String part(String kind, long id, Runnable action, Model model, Locale locale,
            RedirectAttributes redirect) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return detail(kind, id, model, locale);
        }
        redirect.addFlashAttribute("flash", msg("saved", locale));
        return "redirect:/talent/" + kind + "/" + id;
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** A filter from the query string; an unknown value filters nothing rather than failing. */
    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** For the dashboard's table fallback: value or dash. */
    static String share(BigDecimal share) {
        return share == null ? "—" : share.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP) + "%";
    }

    static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }
}
