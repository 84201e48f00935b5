package cn.yinfeng.reconcile;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Regions;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reconcile page: paste or upload a text, see its claims checked, save, list and export saved checks. */
@Controller
@RequestMapping("/reconcile")
class ReconcileController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** A run of a sentence's text, highlighted when it is a claim. */
    record Piece(String text, Integer claim, String verdict) {}

    /** A sentence with claims, cut into pieces, and its claims. */
    record SentenceView(int index, int segment, List<Piece> pieces, List<ReconcileService.Checked> claims) {}

    private final ReconcileService service;
    private final ReconcileChecks checks;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    ReconcileController(
            ReconcileService service,
            ReconcileChecks checks,
            Regions regions,
            CurrentUser currentUser,
            MessageSource messages) {
        this.service = service;
        this.checks = checks;
        this.regions = regions;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping
    String page(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "created") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ReconcileService.Request("", null, null));
        }
        var search = new ReconcileChecks.Search(q, sort, !"asc".equals(dir), page, 20);
        model.addAttribute("search", search);
        model.addAttribute("sort", search.sort());
        model.addAttribute("dir", dir);
        model.addAttribute("saved", checks.search(search));
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("reports", checks.reports());
        return "reconcile/index";
    }

    @PostMapping("/check")
    String check(
            @RequestParam(required = false) String text,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) MultipartFile file,
            Model model,
            Locale locale)
            throws IOException {
        String body = text;
        try {
            if (file != null && !file.isEmpty()) {
                body = UploadedText.read(file.getBytes());
            }
            var form = new ReconcileService.Request(body, date, region);
            model.addAttribute("form", form);
            var result = service.check(form);
            model.addAttribute("result", result);
            model.addAttribute("views", views(result));
        } catch (InvalidInputException e) {
            model.addAttribute("form", new ReconcileService.Request(body, date, region));
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
        }
        return page(null, "created", "desc", 0, model);
    }

    @PostMapping("/save")
    String save(
            @RequestParam(required = false) String text,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) Long reportId,
            Model model,
            Locale locale,
            RedirectAttributes redirect)
            throws IOException {
        try {
            long id = checks.save(new ReconcileService.Request(text, date, region), reportId);
            redirect.addFlashAttribute("flash", messages.getMessage("reconcile.saved", null, locale));
            return "redirect:/reconcile/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("form", new ReconcileService.Request(text, date, region));
            model.addAttribute("errors", FormErrors.resolve(e, messages, locale));
            return page(null, "created", "desc", 0, model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        var saved = checks.find(id);
        model.addAttribute("saved", saved);
        model.addAttribute("result", saved.result());
        model.addAttribute("views", views(saved.result()));
        model.addAttribute("reports", checks.reports());
        return "reconcile/detail";
    }

    @PostMapping("/{id}/report")
    String linkReport(
            @PathVariable long id,
            @RequestParam(required = false) Long reportId,
            @RequestParam long version,
            Locale locale,
            RedirectAttributes redirect) {
        checks.linkReport(id, reportId, version);
        redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        return "redirect:/reconcile/" + id;
    }

    @GetMapping("/{id}/export.xlsx")
    void export(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        checks.find(id); // 404 before any header is written
        response.setContentType(XLSX);
        response.setHeader(
                "Content-Disposition",
                ContentDisposition.attachment()
                        .filename("数据核对-" + id + ".xlsx", StandardCharsets.UTF_8)
                        .build()
                        .toString());
        checks.export(id, locale, response.getOutputStream());
    }

    /** The sentences that hold claims, each cut into plain and highlighted pieces. */
    static List<SentenceView> views(ReconcileService.Result result) {
        Map<Integer, List<ReconcileService.Checked>> bySentence = new TreeMap<>();
        for (var c : result.claims()) {
            bySentence.computeIfAbsent(c.sentence(), k -> new ArrayList<>()).add(c);
        }
        List<SentenceView> out = new ArrayList<>();
        bySentence.forEach((index, claims) -> {
            String text = result.sentences().get(index).text();
            List<Piece> pieces = new ArrayList<>();
            int at = 0;
            for (var c : claims.stream()
                    .sorted(Comparator.comparingInt(ReconcileService.Checked::start))
                    .toList()) {
                if (c.start() < at) {
                    continue;
                }
                if (c.start() > at) {
                    pieces.add(new Piece(text.substring(at, c.start()), null, null));
                }
                pieces.add(new Piece(
                        text.substring(c.start(), c.end()),
                        c.index() + 1,
                        c.verdict().name()));
                at = c.end();
            }
            if (at < text.length()) {
                pieces.add(new Piece(text.substring(at), null, null));
            }
            out.add(new SentenceView(index, result.sentences().get(index).segment(), pieces, claims));
        });
        return out;
    }
}
