package cn.yinfeng.briefing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A 简报 ready to lay out, in one language: every string is final text, so the Word and the PDF renderings carry the
 * same words and numbers. Built by Briefings from a publication's frozen figures.
 *
 * @param briefingName the 报头's name in red ("招商引资工作简报")
 * @param issue the 期号 line ("第3期")
 * @param issuer the issuing unit, left on the line under the 报头
 * @param date the issue date, right on that line ("2024年6月3日")
 * @param title the title (二号 小标宋-style)
 * @param paragraphs the body, one string per paragraph (三号 仿宋-style, first line indented two characters)
 * @param tableHeading the line over the table ("附：…情况表")
 * @param heads the table's column heads
 * @param rows the table's rows, the total last
 * @param basis the line under the table: data basis, as-of time, unit, rule version
 * @param chart the chart of the document (signed amount by unit)
 * @param sentTo the 报尾's 报送 line, label included
 * @param copiedTo the 报尾's 抄送 line, label included
 * @param printed the 报尾's last line, right part ("2024年6月3日印发")
 */
record BriefingDocument(
        String briefingName,
        String issue,
        String issuer,
        String date,
        String title,
        List<String> paragraphs,
        String tableHeading,
        List<String> heads,
        List<Row> rows,
        String basis,
        Chart chart,
        String sentTo,
        String copiedTo,
        String printed) {

    /** A table row as shown; {@code total} rows are set in bold. */
    record Row(List<String> cells, boolean total) {}

    /**
     * A bar chart: one value per category, in {@code unit} (亿元 with two decimals). {@code values} are exact so
     * that an editable Word chart carries the table's numbers.
     */
    record Chart(String title, String seriesName, String unit, List<String> categories, List<BigDecimal> values) {}

    /** Fonts by role, as named in configuration (Word names; the PDF uses files, see BriefingPdf). */
    record Fonts(String title, String body, String heading) {}
}
