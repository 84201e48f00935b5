package cn.yinfeng.stats;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.regions.Region;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The monthly 简报 as a Word document ({@code .docx}, GB/T 9704 layout), built from the latest publication of the
 * month: its frozen figures computed again as of the instant and under the rule version it used, so the document
 * says what was published. A month not yet published has no 简报 (the page says to publish first).
 */
@Controller
class BriefingController {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final Stats stats;
    private final MonthlyReport report;
    private final Clock clock;
    private final BriefingDocx.Settings settings;

    BriefingController(
            Stats stats,
            MonthlyReport report,
            Clock clock,
            @Value("${yinfeng.report.fonts.title:方正小标宋简体}") String titleFont,
            @Value("${yinfeng.report.fonts.body:仿宋_GB2312}") String bodyFont,
            @Value("${yinfeng.report.fonts.heading:黑体}") String headingFont,
            @Value("${yinfeng.report.briefing-name:招商引资工作简报}") String briefingName,
            @Value("${yinfeng.report.issuer:{region}投资促进中心}") String issuer,
            @Value("${yinfeng.report.sent-to:市委、市政府领导}") String sentTo,
            @Value("${yinfeng.report.copied-to:各县（市、区）招商引资工作领导小组办公室}") String copiedTo) {
        this.stats = stats;
        this.report = report;
        this.clock = clock;
        this.settings =
                new BriefingDocx.Settings(titleFont, bodyFont, headingFont, briefingName, issuer, sentTo, copiedTo);
    }

    @GetMapping({"/stats/report/briefing.docx", "/api/v1/stats/report/briefing.docx"})
    @Operation(summary = "The month's 简报 as a Word document (GB/T 9704 layout) from its latest publication")
    void briefing(@RequestParam(required = false) String region, @RequestParam String to, HttpServletResponse response)
            throws IOException {
        Region r = stats.region(region);
        YearMonth month;
        try {
            month = YearMonth.parse(to);
        } catch (RuntimeException e) {
            throw new InvalidInputException(List.of(new Problem("to", "validation.month")));
        }
        List<MonthlyReport.Published> published = report.published(r.code(), month.getYear(), month.getMonthValue());
        if (published.isEmpty()) {
            throw new InvalidInputException(List.of(new Problem("to", "report.briefingNeedsPublication")));
        }
        MonthlyReport.Report frozen =
                report.reproduce(r.code(), published.get(0), month.getYear(), month.getMonthValue());
        response.setContentType(DOCX);
        response.setHeader(
                "Content-Disposition",
                ContentDisposition.attachment()
                        .filename(BriefingDocx.title(frozen) + "（简报）.docx", StandardCharsets.UTF_8)
                        .build()
                        .toString());
        BriefingDocx.write(
                frozen,
                report.issueNumber(r, month.getYear(), month.getMonthValue()),
                clock.instant(),
                settings,
                response.getOutputStream());
    }
}
