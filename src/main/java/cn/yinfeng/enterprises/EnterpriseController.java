package cn.yinfeng.enterprises;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.Pager;
import cn.yinfeng.prefs.ListPrefs;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages of the enterprise registry. */
@Controller
@RequestMapping("/enterprises")
class EnterpriseController {

    private final Enterprises enterprises;
    private final EnterpriseProposals proposals;
    private final MessageSource messages;

    static final String LIST_KEY = "enterprises";

    private static final java.util.Set<String> NOT_FILTERS =
            java.util.Set.of("sort", "dir", "page", "pageNo", "size", "lang", "_csrf");

    private final ListPrefs listPrefs;

    EnterpriseController(
            Enterprises enterprises, EnterpriseProposals proposals, MessageSource messages, ListPrefs listPrefs) {
        this.listPrefs = listPrefs;
        this.enterprises = enterprises;
        this.proposals = proposals;
        this.messages = messages;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String industry,
            @RequestParam(required = false) Boolean prospect,
            @RequestParam(defaultValue = "updated") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) Integer pageNo,
            @RequestParam(required = false) Integer size,
            HttpServletRequest request,
            Model model) {
        // the page size chosen is kept for the user, as on the project list
        if (size != null && ListPrefs.PAGE_SIZES.contains(size)) {
            listPrefs.savePageSize(LIST_KEY, size);
        }
        Integer saved = listPrefs.get(LIST_KEY).pageSize();
        int pageSize = saved == null ? ListPrefs.PAGE_SIZES.get(0) : saved;
        int current = pageNo != null ? Math.max(0, pageNo - 1) : page;
        var search = new Enterprises.Search(q, industry, prospect, sort, "desc".equals(dir), current, pageSize);
        model.addAttribute("search", search);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        var result = enterprises.search(search);
        var filters = Pager.params(request.getParameterMap(), NOT_FILTERS);
        var hidden = new java.util.ArrayList<>(filters);
        hidden.add(java.util.Map.entry("sort", sort));
        hidden.add(java.util.Map.entry("dir", dir));
        String base = request.getRequestURI() + "?" + Pager.query(hidden);
        model.addAttribute("result", result);
        model.addAttribute("pager", Pager.of(result, base, hidden, ListPrefs.PAGE_SIZES));
        model.addAttribute("industries", enterprises.industries());
        model.addAttribute("canEdit", enterprises.canEdit());
        return "enterprises/list";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute(
                "form", new Enterprises.EnterpriseForm(null, "", null, null, null, null, null, null, null, null, 0L));
        return form(model, null);
    }

    @PostMapping
    String create(Enterprises.EnterpriseForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            long id = enterprises.create(form);
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
            return "redirect:/enterprises/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            model.addAttribute("similar", form.name() == null ? List.of() : enterprises.similar(form.name(), null));
            return form(model, null);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        Enterprise e = enterprises.find(id);
        model.addAttribute("enterprise", e);
        model.addAttribute(
                "form",
                new Enterprises.EnterpriseForm(
                        e.creditCode(),
                        e.name(),
                        e.formerNames(),
                        e.registeredCapital(),
                        e.hqProvince(),
                        e.hqCity(),
                        e.industry(),
                        e.contactName(),
                        enterprises.canSeeContacts() ? e.contactPhone() : null,
                        e.sourceChannel(),
                        e.version()));
        model.addAttribute("similar", enterprises.similar(e.name(), e.id()));
        model.addAttribute("canMerge", enterprises.canMerge());
        return form(model, e);
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable long id,
            Enterprises.EnterpriseForm form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        EnterpriseProposals.Change change;
        try {
            change = proposals.change(id, form);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            model.addAttribute("form", form);
            Enterprise current = enterprises.find(id);
            model.addAttribute("enterprise", current);
            model.addAttribute("similar", enterprises.similar(current.name(), id));
            model.addAttribute("canMerge", enterprises.canMerge());
            return form(model, current);
        }
        if (change.proposed()) {
            redirect.addFlashAttribute("flash", messages.getMessage("enterprise.proposal.submitted", null, locale));
            return "redirect:/enterprises/proposals/" + change.proposalId();
        }
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/enterprises/" + id;
    }

    // ---------------------------------------------------------------- proposed changes of shared entries

    @GetMapping("/proposals")
    String proposals(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) EnterpriseProposals.Status status,
            @RequestParam(defaultValue = "proposed") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var search = new EnterpriseProposals.Search(q, status, sort, "desc".equals(dir), page, 20);
        model.addAttribute("search", search);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("statuses", EnterpriseProposals.Status.values());
        model.addAttribute("result", proposals.search(search));
        model.addAttribute("canDecide", proposals.canDecide());
        return "enterprises/proposals";
    }

    @GetMapping("/proposals/{pid}")
    String proposal(@PathVariable long pid, Model model) {
        var p = proposals.find(pid);
        model.addAttribute("proposal", p);
        Enterprise current = enterprises.find(p.enterpriseId());
        model.addAttribute("current", current);
        model.addAttribute("rows", rows(current, p.proposed()));
        model.addAttribute("canDecide", proposals.canDecide());
        return "enterprises/proposal";
    }

    /** One line of the current-versus-proposed table. */
    record FieldRow(String labelKey, String current, String proposed) {
        public boolean changed() {
            return !Objects.equals(current, proposed);
        }
    }

    static List<FieldRow> rows(Enterprise e, Enterprises.EnterpriseForm f) {
        return List.of(
                new FieldRow("field.enterpriseName", e.name(), f.name()),
                new FieldRow("field.creditCode", e.creditCode(), f.creditCode()),
                new FieldRow("field.formerNames", e.formerNames(), f.formerNames()),
                new FieldRow("field.registeredCapital", plain(e.registeredCapital()), plain(f.registeredCapital())),
                new FieldRow("field.hqProvince", e.hqProvince(), f.hqProvince()),
                new FieldRow("field.hqCity", e.hqCity(), f.hqCity()),
                new FieldRow("field.industry", e.industry(), f.industry()),
                new FieldRow("field.contactName", e.contactName(), f.contactName()),
                new FieldRow("field.contactPhone", e.contactPhone(), f.contactPhone()),
                new FieldRow("field.sourceChannel", e.sourceChannel(), f.sourceChannel()));
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    @PostMapping("/proposals/{pid}/accept")
    String accept(
            @PathVariable long pid,
            @RequestParam(required = false) String reason,
            Locale locale,
            RedirectAttributes redirect) {
        return decided(pid, () -> proposals.accept(pid, reason), "enterprise.proposal.accepted", locale, redirect);
    }

    @PostMapping("/proposals/{pid}/reject")
    String reject(
            @PathVariable long pid,
            @RequestParam(required = false) String reason,
            Locale locale,
            RedirectAttributes redirect) {
        return decided(pid, () -> proposals.reject(pid, reason), "enterprise.proposal.rejected", locale, redirect);
    }

    private String decided(long pid, Runnable decision, String flashKey, Locale locale, RedirectAttributes redirect) {
        try {
            decision.run();
            redirect.addFlashAttribute("flash", messages.getMessage(flashKey, null, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("decisionErrors", FormErrors.resolve(e, messages, locale));
        }
        return "redirect:/enterprises/proposals/" + pid;
    }

    @PostMapping("/{id}/merge")
    String merge(@PathVariable long id, @RequestParam long intoId, Locale locale, RedirectAttributes redirect) {
        enterprises.merge(id, intoId);
        redirect.addFlashAttribute("flash", messages.getMessage("enterprise.merged", null, locale));
        return "redirect:/enterprises/" + intoId;
    }

    private String form(Model model, Enterprise enterprise) {
        model.addAttribute("enterprise", enterprise);
        model.addAttribute("canEdit", enterprises.canEdit());
        model.addAttribute("canSeeContacts", enterprises.canSeeContacts());
        // staff of another region may still edit: their change is proposed to the city, and the page says so
        model.addAttribute(
                "proposeOnly",
                enterprise != null && enterprises.canEdit() && !enterprises.canEditDirectly(enterprise.id()));
        model.addAttribute("ownerRegion", enterprise == null ? null : enterprises.ownerRegionName(enterprise.id()));
        return "enterprises/form";
    }
}
