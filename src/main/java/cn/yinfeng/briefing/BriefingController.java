package cn.yinfeng.briefing;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The monthly 简报 as a Word document ({@code .docx}, GB/T 9704 layout), built from the latest publication of the
 * month: its frozen figures computed again as of the instant and under the rule version it used, so the document
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

    BriefingController(
            Briefings briefings,
            Clock clock,
            AuditLog audit,
            @Value("${yinfeng.report.fonts.title:方正小标宋简体}") String titleFont,
            @Value("${yinfeng.report.fonts.body:仿宋_GB2312}") String bodyFont,
            @Value("${yinfeng.report.fonts.heading:黑体}") String headingFont) {
        this.briefings = briefings;
        this.clock = clock;
        this.audit = audit;
        this.fonts = new BriefingDocument.Fonts(titleFont, bodyFont, headingFont);
    }

    @GetMapping({"/stats/report/briefing.docx", "/api/v1/stats/report/briefing.docx"})
    @Operation(summary = "The month's 简报 as a Word document (GB/T 9704 layout) from its latest publication")
    void briefing(@RequestParam(required = false) String region, @RequestParam String to, HttpServletResponse response)
            throws IOException {
        Briefings.Composed composed = compose(region, to);
        BriefingDocument doc = composed.document();
        response.setContentType(DOCX);
        attachment(response, doc.title() + suffix() + ".docx");
        BriefingDocx.write(doc, fonts, response.getOutputStream());
        audited(composed, "docx");
    }

    private Briefings.Composed compose(String region, String to) {
        YearMonth month;
        try {
            month = YearMonth.parse(to);
        } catch (RuntimeException e) {
            throw new InvalidInputException(List.of(new Problem("to", "validation.month")));
        }
        return briefings.published(region, month, LocaleContextHolder.getLocale(), clock.instant());
    }

    private static String suffix() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? " (briefing)" : "（简报）";
    }

    private static void attachment(HttpServletResponse response, String filename) {
        response.setHeader(
                "Content-Disposition",
                ContentDisposition.attachment()
                        .filename(filename, StandardCharsets.UTF_8)
                        .build()
                        .toString());
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
