package cn.yinfeng.talent;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.common.Pager;
import cn.yinfeng.common.TypedNames;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
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
 * details and create/edit forms with inline errors. What differs between the record types is in one
 * {@link TalentRecordPage} each; the saving of each type's forms and parts is here.
 */
@Controller
@RequestMapping("/talent")
class TalentController {

    static final List<String> KINDS = List.of("campaigns", "talents", "classes", "partnerships", "care", "studios");

    private final Map<String, TalentRecordPage> pages = new LinkedHashMap<>();
    private final Talents talents;
    private final Campaigns campaigns;
    private final Trainings trainings;
    private final Partnerships partnerships;
    private final CareServices cares;
    private final Studios studios;
    private final TalentFigures figures;
    private final TalentPii pii;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    TalentController(
            List<TalentRecordPage> pages,
            Talents talents,
            Campaigns campaigns,
            Trainings trainings,
            Partnerships partnerships,
            CareServices cares,
            Studios studios,
            TalentFigures figures,
            TalentPii pii,
            Regions regions,
            CurrentUser currentUser,
            MessageSource messages) {
        pages.forEach(p -> this.pages.put(p.kind(), p));
        this.talents = talents;
        this.campaigns = campaigns;
        this.trainings = trainings;
        this.partnerships = partnerships;
        this.cares = cares;
        this.studios = studios;
        this.figures = figures;
        this.pii = pii;
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

    private TalentRecordPage page(String kind, String what) {
        var page = pages.get(kind);
        if (page == null) {
            throw new NotFoundException(what, kind);
        }
        return page;
    }

    // ------------------------------------------------------------------ dashboard

    @GetMapping
    String dashboard(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) Integer year,
            Model model,
            Locale locale) {
        var scope = currentUser.scope();
        Region r = region == null || region.isBlank()
                ? regions.find(scope.regionId()).orElseThrow()
                : regions.visible(scope, region.trim());
        int y = year == null ? latestYear() : year;
        var f = figures.figures(r.id(), LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
        model.addAttribute("f", f);
        model.addAttribute("region", r);
        model.addAttribute("year", y);
        var degrees = new ArrayList<Map<String, Object>>();
        f.byDegree().forEach((d, n) -> degrees.add(Map.of("name", msg("degree." + d, locale), "value", n)));
        var months = new ArrayList<Map<String, Object>>();
        f.monthly()
                .forEach(m -> months.add(Map.of("name", msg("talent.month", locale, m.month()), "value", m.talents())));
        model.addAttribute("degreeData", degrees);
        model.addAttribute("monthData", months);
        return "talent/index";
    }

    /** The year with the latest talent introduced in scope, or this year. */
    private int latestYear() {
        var rows = talents.talents(new ListQuery(null, null, null, "date", "desc", 0, 1), null)
                .rows();
        return rows.isEmpty()
                ? talents.today().getYear()
                : rows.get(0).introducedOn().getYear();
    }

    // ------------------------------------------------------------------ lists

    @GetMapping("/{kind}")
    String list(
            @PathVariable String kind,
            ListQuery asked,
            @RequestParam(required = false) String filter,
            @RequestParam(required = false) Integer pageNo,
            HttpServletRequest request,
            Model model) {
        TalentRecordPage page = page(kind, "talent list");
        // the pager's go-to box sends the page number counted from 1
        ListQuery query = pageNo == null
                ? asked
                : new ListQuery(
                        asked.q(),
                        asked.regionId(),
                        asked.year(),
                        asked.sort(),
                        asked.dir(),
                        Math.max(0, pageNo - 1),
                        asked.size());
        PageResult<?> result = page.list(query, filter);
        var hidden = new ArrayList<>(Pager.params(request.getParameterMap(), NOT_FILTERS));
        hidden.add(Map.entry("sort", query.sort() == null ? "date" : query.sort()));
        hidden.add(Map.entry("dir", query.sort() == null ? "desc" : (query.asc() ? "asc" : "desc")));
        model.addAttribute(
                "pager", Pager.of(result, request.getRequestURI() + "?" + Pager.query(hidden), hidden, List.of()));
        model.addAttribute("kind", kind);
        model.addAttribute("result", result);
        model.addAttribute("query", query);
        model.addAttribute("filter", filter);
        model.addAttribute("filters", page.filters());
        model.addAttribute("sort", query.sort() == null ? "date" : query.sort());
        model.addAttribute("dir", query.sort() == null ? "desc" : (query.asc() ? "asc" : "desc"));
        model.addAttribute(
                "listBase",
                "/talent/" + kind + "?"
                        + queryString(
                                query,
                                filter == null || filter.isBlank()
                                        ? null
                                        : URLEncoder.encode(filter, StandardCharsets.UTF_8)));
        model.addAttribute("granted", "talents".equals(kind) && pii.granted());
        return "talent/list";
    }

    private static final java.util.Set<String> NOT_FILTERS =
            java.util.Set.of("sort", "dir", "page", "pageNo", "lang", "_csrf");

    /** A list's search as a query string, each parameter followed by {@code &}; {@code filter} as given. */
    static String queryString(ListQuery query, String filter) {
        var s = new StringBuilder();
        if (query.q() != null && !query.q().isBlank()) {
            s.append("q=")
                    .append(URLEncoder.encode(query.q(), StandardCharsets.UTF_8))
                    .append('&');
        }
        if (query.regionId() != null) {
            s.append("regionId=").append(query.regionId()).append('&');
        }
        if (query.year() != null) {
            s.append("year=").append(query.year()).append('&');
        }
        if (filter != null) {
            s.append("filter=").append(filter).append('&');
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ new and edit forms

    @GetMapping("/{kind}/new")
    String newForm(@PathVariable String kind, Model model, Locale locale) {
        long region = currentUser.require().region();
        Object form = page(kind, "talent form").blankForm(region, talents.today());
        return form(kind, null, form, null, model, locale);
    }

    @GetMapping("/{kind}/{id}/edit")
    String editForm(@PathVariable String kind, @PathVariable long id, Model model, Locale locale) {
        return form(kind, id, page(kind, "talent form").editForm(id), null, model, locale);
    }

    private String form(
            String kind, Long id, Object form, Map<String, List<String>> errors, Model model, Locale locale) {
        TalentRecordPage page = page(kind, "talent form");
        model.addAttribute("kind", kind);
        model.addAttribute("recordId", id);
        model.addAttribute("errors", errors);
        model.addAttribute("fields", page.fields(form, locale));
        Long version = page.version(form);
        model.addAttribute("version", version == null ? 0L : version);
        return "talent/form";
    }

    // ------------------------------------------------------------------ saving

    @PostMapping("/campaigns")
    String createCampaign(Campaigns.CampaignForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("campaigns", null, form, () -> campaigns.createCampaign(form), model, locale, redirect);
    }

    @PostMapping("/campaigns/{id}")
    String updateCampaign(
            @PathVariable long id,
            Campaigns.CampaignForm form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return update("campaigns", id, form, () -> campaigns.updateCampaign(id, form), model, locale, redirect);
    }

    @PostMapping("/talents")
    String createTalent(Talents.TalentForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("talents", null, form, () -> talents.createTalent(form), model, locale, redirect);
    }

    @PostMapping("/talents/{id}")
    String updateTalent(
            @PathVariable long id, Talents.TalentForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return update("talents", id, form, () -> talents.updateTalent(id, form), model, locale, redirect);
    }

    @PostMapping("/classes")
    String createClass(Trainings.ClassForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("classes", null, form, () -> trainings.createClass(form), model, locale, redirect);
    }

    @PostMapping("/classes/{id}")
    String updateClass(
            @PathVariable long id, Trainings.ClassForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return update("classes", id, form, () -> trainings.updateClass(id, form), model, locale, redirect);
    }

    @PostMapping("/partnerships")
    String createPartnership(
            Partnerships.PartnershipForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("partnerships", null, form, () -> partnerships.createPartnership(form), model, locale, redirect);
    }

    @PostMapping("/partnerships/{id}")
    String updatePartnership(
            @PathVariable long id,
            Partnerships.PartnershipForm form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return update(
                "partnerships", id, form, () -> partnerships.updatePartnership(id, form), model, locale, redirect);
    }

    @PostMapping("/care")
    String createCare(CareServices.CareForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("care", null, form, () -> cares.createCare(form), model, locale, redirect);
    }

    @PostMapping("/care/{id}")
    String updateCare(
            @PathVariable long id,
            CareServices.CareForm form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return update("care", id, form, () -> cares.updateCare(id, form), model, locale, redirect);
    }

    @PostMapping("/studios")
    String createStudio(Studios.StudioForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return save("studios", null, form, () -> studios.createStudio(form), model, locale, redirect);
    }

    @PostMapping("/studios/{id}")
    String updateStudio(
            @PathVariable long id, Studios.StudioForm form, Model model, Locale locale, RedirectAttributes redirect) {
        return update("studios", id, form, () -> studios.updateStudio(id, form), model, locale, redirect);
    }

    private String update(
            String kind,
            long id,
            Object form,
            Runnable update,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return save(
                kind,
                id,
                form,
                () -> {
                    update.run();
                    return id;
                },
                model,
                locale,
                redirect);
    }

    /** Saves; invalid input comes back as the form with the errors under their fields (a stale version is a 409). */
    private String save(
            String kind,
            Long id,
            Object form,
            LongSupplier action,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
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
        var detail = page(kind, "talent record").detail(id, model, locale);
        model.addAttribute("kind", kind);
        model.addAttribute("recordId", id);
        model.addAttribute("recordTitle", detail.title());
        model.addAttribute("items", detail.items());
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
    String addPosition(
            @PathVariable long id,
            Campaigns.PositionForm form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return part("campaigns", id, () -> campaigns.addPosition(id, form), model, locale, redirect);
    }

    @PostMapping("/campaigns/{id}/positions/{positionId}")
    String updatePosition(
            @PathVariable long id,
            @PathVariable long positionId,
            @RequestParam(required = false) Integer applicants,
            @RequestParam(required = false) Integer hires,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return part(
                "campaigns",
                id,
                () -> campaigns.updatePosition(
                        id, positionId, new Campaigns.PositionForm(null, null, null, null, applicants, hires)),
                model,
                locale,
                redirect);
    }

    @PostMapping("/classes/{id}/participants")
    String addParticipants(
            @PathVariable long id,
            @RequestParam(required = false) String names,
            @RequestParam(required = false) String unit,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        var people = TypedNames.split(names).stream()
                .map(n -> new Trainings.ParticipantForm(n, unit))
                .toList();
        return part("classes", id, () -> trainings.addParticipants(id, people), model, locale, redirect);
    }

    @PostMapping("/classes/{id}/sessions")
    String addSession(
            @PathVariable long id,
            @RequestParam(required = false) LocalDate sessionDate,
            @RequestParam(required = false) String topic,
            @RequestParam(required = false) String speaker,
            @RequestParam(required = false) List<Long> absent,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return part(
                "classes",
                id,
                () -> trainings.addSession(id, new Trainings.SessionForm(sessionDate, topic, speaker, absent)),
                model,
                locale,
                redirect);
    }

    @PostMapping("/studios/{id}/members")
    String addMember(
            @PathVariable long id,
            @RequestParam(required = false) String memberName,
            @RequestParam(required = false) String memberTitle,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return part("studios", id, () -> studios.addMember(id, memberName, memberTitle), model, locale, redirect);
    }

    @PostMapping("/studios/{id}/outputs")
    String addOutput(
            @PathVariable long id,
            @RequestParam(required = false) LocalDate outputDate,
            @RequestParam(required = false) String outputTitle,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return part("studios", id, () -> studios.addOutput(id, outputDate, outputTitle), model, locale, redirect);
    }

    private String part(
            String kind, long id, Runnable action, Model model, Locale locale, RedirectAttributes redirect) {
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
}
