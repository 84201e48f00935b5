package cn.yinfeng.briefing;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The monthly 简报 as a Word document ({@code .docx}) and a PDF, both in the GB/T 9704 layout, built from the
 * latest publication of the month: its frozen figures computed again as of the instant and under the rule version it used, so the document
 * says what was published, and its text checked against them before it is offered. A month not yet published has
 * no 简报 (the page says to publish first). In the reader's language.
 */
@Controller
class BriefingController {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final Briefings briefings;
    private final Clock clock;
    private final AuditLog audit;
    private final BriefingDocument.Fonts fonts;
    // font files of the PDF, blank for the default; resolved per document, so a machine without them still runs
    private final String pdfTitleFont;
    private final String pdfBodyFont;
    private final String pdfHeadingFont;

    BriefingController(
            Briefings briefings,
            Clock clock,
            AuditLog audit,
            @Value("${yinfeng.report.fonts.title:方正小标宋简体}") String titleFont,
            @Value("${yinfeng.report.fonts.body:仿宋_GB2312}") String bodyFont,
            @Value("${yinfeng.report.fonts.heading:黑体}") String headingFont,
            @Value("${yinfeng.report.pdf.fonts.title:}") String pdfTitleFont,
            @Value("${yinfeng.report.pdf.fonts.body:}") String pdfBodyFont,
            @Value("${yinfeng.report.pdf.fonts.heading:}") String pdfHeadingFont) {
        this.briefings = briefings;
        this.clock = clock;
        this.audit = audit;
        this.fonts = new BriefingDocument.Fonts(titleFont, bodyFont, headingFont);
        this.pdfTitleFont = pdfTitleFont;
        this.pdfBodyFont = pdfBodyFont;
        this.pdfHeadingFont = pdfHeadingFont;
    }

    @GetMapping({"/stats/report/briefing.pdf", "/api/v1/stats/report/briefing.pdf"})
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The month's 简报 as a PDF (A4, GB/T 9704 layout, CJK fonts embedded) from its latest "
                    + "publication")
    void briefingPdf(
            @RequestParam(required = false) String region, @RequestParam String to, HttpServletResponse response)
            throws IOException {
        Briefings.Composed composed = compose(region, to);
        BriefingDocument doc = composed.document();
        var pdf = new ByteArrayOutputStream();
        try {
            BriefingPdf.write(doc, PdfFonts.configured(pdfTitleFont, pdfBodyFont, pdfHeadingFont), pdf);
        } catch (MissingGlyphException e) {
            throw new InvalidInputException(
                    List.of(new Problem("to", "report.briefingPdfGlyph", e.character(), e.codePoint(), e.font())));
        }
        response.setContentType("application/pdf");
        response.setContentLength(pdf.size());
        // inline: a phone opens it in its viewer rather than only saving it
        disposition(response, ContentDisposition.inline(), doc.title() + suffix() + ".pdf");
        pdf.writeTo(response.getOutputStream());
        audited(composed, "pdf");
    }

    @GetMapping({"/stats/report/briefing.docx", "/api/v1/stats/report/briefing.docx"})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The month's 简报 as a Word document (GB/T 9704 layout) from its latest publication")
    void briefing(@RequestParam(required = false) String region, @RequestParam String to, HttpServletResponse response)
            throws IOException {
        Briefings.Composed composed = compose(region, to);
        BriefingDocument doc = composed.document();
        var docx = new ByteArrayOutputStream(); // whole before it is sent: a failure never sends half a file
        BriefingDocx.write(doc, fonts, docx);
        response.setContentType(DOCX);
        response.setContentLength(docx.size());
        disposition(response, ContentDisposition.attachment(), doc.title() + suffix() + ".docx");
        docx.writeTo(response.getOutputStream());
        audited(composed, "docx");
    }

    /** What the API answers for a month's 简报: its words and what the check found. */
    record BriefingJson(
            String title,
            String issue,
            List<String> paragraphs,
            int claims,
            int agreed,
            List<String> problems,
            boolean offered) {
        static BriefingJson of(Briefings.Composed c) {
            BriefingDocument d = c.document();
            return new BriefingJson(
                    d.title(),
                    d.issue(),
                    d.paragraphs(),
                    c.check().claims(),
                    c.check().agreed(),
                    c.check().problems(),
                    c.check().passed());
        }
    }

    @GetMapping("/api/v1/stats/report/briefing")
    @SecurityRequirement(name = "bearer")
    @ResponseBody
    @Operation(
            summary = "The month's 简报 text from its latest publication and what the check against the frozen "
                    + "figures found (offered=false: the documents are refused until it passes)")
    BriefingJson briefingJson(@RequestParam(required = false) String region, @RequestParam String to) {
        return BriefingJson.of(checked(region, to));
    }

    /** The report page's preview of the 简报 (htmx fragment): its paragraphs and the check's verdict. */
    @GetMapping("/stats/report/briefing")
    String preview(@RequestParam(required = false) String region, @RequestParam String to, Model model) {
        try {
            model.addAttribute("briefing", BriefingJson.of(checked(region, to)));
        } catch (InvalidInputException notPublished) {
            model.addAttribute("briefing", null);
        }
        return "briefing/preview :: preview";
    }

    private Briefings.Composed checked(String region, String to) {
        return briefings.checked(region, month(to), LocaleContextHolder.getLocale(), clock.instant());
    }

    private static YearMonth month(String to) {
        try {
            return YearMonth.parse(to);
        } catch (RuntimeException e) {
            throw new InvalidInputException(List.of(new Problem("to", "validation.month")));
        }
    }

    private Briefings.Composed compose(String region, String to) {
        return briefings.published(region, month(to), LocaleContextHolder.getLocale(), clock.instant());
    }

    private static String suffix() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? " (briefing)" : "（简报）";
    }

    private static void disposition(HttpServletResponse response, ContentDisposition.Builder kind, String filename) {
        response.setHeader(
                "Content-Disposition",
                kind.filename(filename, StandardCharsets.UTF_8).build().toString());
    }

    private void audited(Briefings.Composed composed, String format) {
        var r = composed.report();
        audit.record(
                "REPORT_BRIEFING",
                "report",
                r.region().code() + "/" + r.year() + "-" + r.month(),
                Outcome.SUCCESS,
                format + " " + LocaleContextHolder.getLocale().getLanguage());
    }
}
