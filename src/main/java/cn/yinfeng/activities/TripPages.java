package cn.yinfeng.activities;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.activities.Trips.TripForm;
import cn.yinfeng.common.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The trip pages: new, show, edit, a visit added, a visit turned into a lead. */
@Controller
@RequestMapping("/activities/trips")
class TripPages {

    private static final String FORM = "activities/trip-form";

    private final Trips trips;
    private final ActivitySupport support;
    private final CurrentUser currentUser;
    private final PageForms forms;

    TripPages(Trips trips, ActivitySupport support, CurrentUser currentUser, PageForms forms) {
        this.trips = trips;
        this.support = support;
        this.currentUser = currentUser;
        this.forms = forms;
    }

    @GetMapping("/new")
    String newTrip(Model model) {
        LocalDate today = support.today();
        model.addAttribute(
                "form",
                new TripForm(
                        "",
                        currentUser.require().region(),
                        null,
                        null,
                        null,
                        false,
                        null,
                        null,
                        today,
                        today,
                        "",
                        null,
                        null,
                        ActivityStatus.DONE,
                        0L));
        return FORM;
    }

    @PostMapping
    String create(TripForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = trips.create(form);
            return forms.saved(redirect, locale, "/activities/trips/" + id);
        } catch (InvalidInputException e) {
            return forms.invalid(model, e, locale, form, FORM);
        }
    }

    @GetMapping("/{id}")
    String trip(@PathVariable long id, Model model) {
        model.addAttribute("trip", trips.find(id));
        return "activities/trip";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        var t = trips.find(id);
        model.addAttribute("tripId", id);
        model.addAttribute(
                "form",
                new TripForm(
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
        return FORM;
    }

    /** A trip's leader since disabled stays on the edit form (kept as history), marked as such. */
    private void keepHeldLeader(Model model, Long leaderId, String name) {
        @SuppressWarnings("unchecked")
        var leaders = new ArrayList<>((List<Accounts.UserRef>) model.getAttribute("leaders"));
        if (leaderId != null && leaders.stream().noneMatch(l -> l.id() == leaderId)) {
            leaders.add(
                    0,
                    new Accounts.UserRef(
                            leaderId,
                            forms.message("reference.leader.disabledName", LocaleContextHolder.getLocale(), name)));
            model.addAttribute("leaders", leaders);
        }
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, TripForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            trips.update(id, form);
        } catch (InvalidInputException e) {
            model.addAttribute("tripId", id);
            return forms.invalid(model, e, locale, form, FORM);
        }
        return forms.saved(redirect, locale, "/activities/trips/" + id);
    }

    @PostMapping("/{id}/visits")
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
            trips.addVisit(id, enterpriseName, enterpriseCode, visitDate, city, notes);
        } catch (InvalidInputException e) {
            forms.errors(model, e, locale);
            return trip(id, model);
        }
        return forms.saved(redirect, locale, "/activities/trips/" + id);
    }

    @PostMapping("/{id}/visits/{visitId}/lead")
    String lead(
            @PathVariable long id,
            @PathVariable long visitId,
            @RequestParam(required = false) String projectName,
            @RequestParam(required = false) BigDecimal totalInvestment,
            Locale locale,
            RedirectAttributes redirect) {
        long projectId = trips.visitToLead(id, visitId, projectName, totalInvestment);
        redirect.addFlashAttribute("flash", forms.message("trip.leadCreated", locale));
        return "redirect:/projects/" + projectId;
    }
}
