package cn.yinfeng.activities;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Regions;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/** Activity pages: overview with figures and calendar, per-leader list, and the four kinds of record. */
@Controller
@RequestMapping("/activities")
class ActivityController {

    /** A calendar cell: a day of the shown month (or null padding) and its activities. */
    record Day(LocalDate date, List<Activities.Entry> entries) {}

    private final Activities activities;
    private final ActivityFigures figures;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final MessageSource messages;
    private final cn.yinfeng.projects.ProjectLookups projects;
    private final Accounts accounts;

    ActivityController(
            Activities activities,
            ActivityFigures figures,
            Regions regions,
            CurrentUser currentUser,
            MessageSource messages,
            cn.yinfeng.projects.ProjectLookups projects,
            Accounts accounts) {
        this.accounts = accounts;
        this.activities = activities;
        this.figures = figures;
        this.regions = regions;
        this.currentUser = currentUser;
        this.messages = messages;
        this.projects = projects;
    }

    @ModelAttribute
    void common(Model model) {
        if (currentUser.get().isPresent()) {
            model.addAttribute("regions", regions.visible(currentUser.scope()));
            model.addAttribute("canWrite", activities.canWrite());
            model.addAttribute("statuses", Activities.Status.values());
            model.addAttribute("eventKinds", Activities.EventKind.values());
            model.addAttribute("leaders", accounts.leaders(currentUser.scope()));
        }
    }

    /** The month with the latest done activity in scope: where a user wants to land. */
    private YearMonth latestMonth() {
        var entries = activities.entries(LocalDate.of(2000, 1, 1), activities.today(), null, null, null);
        return entries.isEmpty()
                ? YearMonth.from(activities.today())
                : YearMonth.from(entries.get(0).date());
    }

    @GetMapping
    String index(
            @RequestParam(required = false) String month,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            Model model) {
        YearMonth ym = month == null || month.isBlank() ? latestMonth() : YearMonth.parse(month);
        LocalDate yearFrom = LocalDate.of(ym.getYear(), 1, 1);
        LocalDate monthEnd = ym.atEndOfMonth();
        // 1-N月: the figures run from January to the end of the shown month, as reports quote them
        model.addAttribute("figures", figures.figures(regionId, yearFrom, monthEnd));
        var entries = activities.entries(ym.atDay(1), monthEnd, regionId, blankToNull(type), null);
        // a figure's records: the list for the whole period it counts (1-N月), the calendar stays on the month
        model.addAttribute(
                "entries",
                from != null && to != null ? activities.entries(from, to, regionId, blankToNull(type), null) : entries);
        model.addAttribute("drill", from != null && to != null);
        model.addAttribute("yearFrom", yearFrom);
        model.addAttribute("monthEnd", monthEnd);
        var days = new ArrayList<Day>();
        int pad = ym.atDay(1).getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
        for (int i = 0; i < pad; i++) {
            days.add(new Day(null, List.of()));
        }
        for (int d = 1; d <= ym.lengthOfMonth(); d++) {
            LocalDate date = ym.atDay(d);
            days.add(new Day(
                    date,
                    entries.stream()
                            .filter(e -> !date.isBefore(e.date()) && !date.isAfter(e.endDate()))
                            .toList()));
        }
        model.addAttribute("days", days);
        model.addAttribute("month", ym);
        model.addAttribute("prevMonth", ym.minusMonths(1));
        model.addAttribute("nextMonth", ym.plusMonths(1));
        model.addAttribute("regionId", regionId);
        model.addAttribute("type", type);
        return "activities/index";
    }

    @GetMapping("/leaders")
    String leaders(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? latestMonth().getYear() : year;
        model.addAttribute("year", y);
        model.addAttribute("byLeader", activities.byLeader(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)));
        return "activities/leaders";
    }

    // ------------------------------------------------------------------ trips

    @GetMapping("/trips/new")
    String newTrip(Model model) {
        model.addAttribute(
                "form",
                new Activities.TripForm(
                        "",
                        currentUser.require().region(),
                        null,
                        null,
                        null,
                        false,
                        null,
                        null,
                        activities.today(),
                        activities.today(),
                        "",
                        null,
                        null,
                        Activities.Status.DONE,
                        0L));
        return "activities/trip-form";
    }

    @PostMapping("/trips")
    String createTrip(Activities.TripForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = activities.createTrip(form);
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
            return "redirect:/activities/trips/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            return "activities/trip-form";
        }
    }

    @GetMapping("/trips/{id}")
    String trip(@PathVariable long id, Model model) {
        model.addAttribute("trip", activities.trip(id));
        return "activities/trip";
    }

    @GetMapping("/trips/{id}/edit")
    String editTrip(@PathVariable long id, Model model) {
        var t = activities.trip(id);
        model.addAttribute("tripId", id);
        model.addAttribute(
                "form",
                new Activities.TripForm(
                        t.title(),
                        t.regionId(),
                        t.leaderUserId(),
                        t.leaderName(),
                        t.leaderRank(),
                        t.pointToPoint(),
                        t.members(),
                        t.units(),
                        t.startDate(),
                        t.endDate(),
                        t.cities(),
                        t.purpose(),
                        t.outcome(),
                        t.status(),
                        t.version()));
        keepHeldLeader(model, t.leaderUserId(), t.leaderName());
        return "activities/trip-form";
    }

    /** A trip's leader since disabled stays on the edit form (kept as history), marked as such. */
    private void keepHeldLeader(Model model, Long leaderId, String name) {
        @SuppressWarnings("unchecked")
        var leaders = new java.util.ArrayList<>((List<Accounts.UserRef>) model.getAttribute("leaders"));
        if (leaderId != null && leaders.stream().noneMatch(l -> l.id() == leaderId)) {
            leaders.add(
                    0,
                    new Accounts.UserRef(
                            leaderId,
                            messages.getMessage(
                                    "reference.leader.disabledName",
                                    new Object[] {name},
                                    org.springframework.context.i18n.LocaleContextHolder.getLocale())));
            model.addAttribute("leaders", leaders);
        }
    }

    @PostMapping("/trips/{id}")
    String updateTrip(
            @PathVariable long id, Activities.TripForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            activities.updateTrip(id, form);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            model.addAttribute("tripId", id);
            return "activities/trip-form";
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/activities/trips/" + id;
    }

    @PostMapping("/trips/{id}/visits")
    String addVisit(
            @PathVariable long id,
            @RequestParam(required = false) String enterpriseName,
            @RequestParam(required = false) String enterpriseCode,
            @RequestParam(required = false) LocalDate visitDate,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) String notes,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            activities.addVisit(id, enterpriseName, enterpriseCode, visitDate, city, notes);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return trip(id, model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/activities/trips/" + id;
    }

    @PostMapping("/trips/{id}/visits/{visitId}/lead")
    String lead(
            @PathVariable long id,
            @PathVariable long visitId,
            @RequestParam(required = false) String projectName,
            @RequestParam(required = false) BigDecimal totalInvestment,
            Locale locale,
            RedirectAttributes redirect) {
        long projectId = activities.visitToLead(id, visitId, projectName, totalInvestment);
        redirect.addFlashAttribute("flash", messages.getMessage("trip.leadCreated", null, locale));
        return "redirect:/projects/" + projectId;
    }

    // ------------------------------------------------------------------ delegations, talks, events

    @GetMapping("/delegations/new")
    String newDelegation(Model model) {
        model.addAttribute(
                "form",
                new Activities.DelegationForm(
                        "",
                        currentUser.require().region(),
                        activities.today(),
                        0,
                        "",
                        null,
                        null,
                        List.of(),
                        Activities.Status.DONE,
                        0L));
        return "activities/delegation-form";
    }

    @PostMapping("/delegations")
    String createDelegation(
            Activities.DelegationForm form,
            @RequestParam(required = false) String enterpriseNames,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        var f = new Activities.DelegationForm(
                form.title(),
                form.regionId(),
                form.visitDate(),
                form.people(),
                form.hostName(),
                form.sites(),
                form.outcome(),
                split(enterpriseNames),
                form.status(),
                form.version());
        try {
            long id = activities.createDelegation(f);
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
            return "redirect:/activities/delegations/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", f);
            model.addAttribute("enterpriseNames", enterpriseNames);
            return "activities/delegation-form";
        }
    }

    @GetMapping("/delegations/{id}")
    String delegation(@PathVariable long id, Model model) {
        model.addAttribute("d", activities.delegation(id));
        return "activities/delegation";
    }

    @GetMapping("/talks/new")
    String newTalk(Model model) {
        model.addAttribute(
                "form",
                new Activities.TalkForm(
                        currentUser.require().region(),
                        activities.today(),
                        "",
                        null,
                        "",
                        null,
                        Activities.Status.DONE,
                        0L));
        return "activities/talk-form";
    }

    @PostMapping("/talks")
    String createTalk(Activities.TalkForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = activities.createTalk(form);
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
            return "redirect:/activities/talks/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            return "activities/talk-form";
        }
    }

    @GetMapping("/talks/{id}")
    String talk(@PathVariable long id, Model model) {
        model.addAttribute("t", activities.talk(id));
        return "activities/talk";
    }

    @GetMapping("/events/new")
    String newEvent(Model model) {
        model.addAttribute(
                "form",
                new Activities.EventForm(
                        currentUser.require().region(),
                        Activities.EventKind.SIGNING,
                        "",
                        activities.today(),
                        "",
                        null,
                        Activities.Status.DONE,
                        0L));
        return "activities/event-form";
    }

    @PostMapping("/events")
    String createEvent(Activities.EventForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = activities.createEvent(form);
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
            return "redirect:/activities/events/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            return "activities/event-form";
        }
    }

    @GetMapping("/events/{id}")
    String event(@PathVariable long id, Model model) {
        model.addAttribute("ev", activities.event(id));
        return "activities/event";
    }

    @PostMapping("/events/{id}/projects")
    String addProject(
            @PathVariable long id,
            @RequestParam(required = false) String projectCode,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            Long projectId = projectCode == null
                    ? null
                    : projects.readableId(projectCode).orElse(null);
            if (projectId == null) {
                throw new InvalidInputException("projectId", "event.project.notVisible");
            }
            var counted = asFieldError(() -> activities.addProjectToEvent(id, projectId));
            redirect.addFlashAttribute("flash", messages.getMessage("event.added." + counted.name(), null, locale));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return event(id, model);
        }
        return "redirect:/activities/events/" + id;
    }

    @PostMapping("/{type}/{id}/projects")
    String link(
            @PathVariable String type,
            @PathVariable long id,
            @RequestParam(required = false) String projectCode,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        String kind = switch (type) {
            case "delegations" -> "DELEGATION";
            case "talks" -> "TALK";
            default -> throw new cn.yinfeng.common.NotFoundException("activity", type);
        };
        try {
            Long projectId = projectCode == null
                    ? null
                    : projects.readableId(projectCode).orElse(null);
            if (projectId == null) {
                throw new InvalidInputException("projectId", "event.project.notVisible");
            }
            asFieldError(() -> {
                activities.linkProject(kind, id, projectId);
                return null;
            });
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "linkErrors", FormErrors.resolve(e, messages, locale).get("projectId"));
            return "redirect:/activities/" + type + "/" + id;
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/activities/" + type + "/" + id;
    }

    /**
     * On the page, a project code the user cannot read gets the same inline error as one that does not exist (the
     * API answers both with the 404 of a read).
     */
    private static <T> T asFieldError(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (cn.yinfeng.common.NotFoundException e) {
            if ("project".equals(e.what())) {
                throw new InvalidInputException("projectId", "event.project.notVisible");
            }
            throw e;
        }
    }

    static List<String> split(String names) {
        if (names == null || names.isBlank()) {
            return List.of();
        }
        return List.of(names.split("[\\n,，、;；]+")).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
