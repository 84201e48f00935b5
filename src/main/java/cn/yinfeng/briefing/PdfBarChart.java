package cn.yinfeng.briefing;

import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The 简报's bar chart drawn as PDF paths: the title, the unit and the series over a value axis with grid lines,
 * one bar per category with its value over it, the category names under the bars (wrapped inside the bar's slot
 * when they are wider). All labels are text.
 */
final class PdfBarChart {

    /** The chart's height when there is room for it, and the least it is drawn at. */
    static final float HEIGHT = 260f;

    static final float MIN_HEIGHT = 120f;
    private static final Color BAR = new Color(0x2E, 0x5C, 0x8A);
    private static final Color GRID = new Color(0xBF, 0xBF, 0xBF);

    private PdfBarChart() {}

    static boolean isEmpty(BriefingDocument.Chart chart) {
        return Math.min(chart.categories().size(), chart.values().size()) == 0;
    }

    /** Draws {@code chart} {@code height} points tall from the top of the space left (which must hold it). */
    static void draw(
            PdfPages pages,
            PdfTextLayout.Face titleFace,
            PdfTextLayout.Face face,
            BriefingDocument.Chart chart,
            float height)
            throws IOException {
        int n = Math.min(chart.categories().size(), chart.values().size());
        if (n == 0) {
            return;
        }
        float top = pages.y();
        float left = PdfPages.LEFT;
        float width = PdfPages.WIDTH;

        // title, then the unit (left) and the series (right, with its swatch)
        float titleSize = 12f;
        float tw = titleFace.width(chart.title(), titleSize);
        float ts = tw > width ? titleSize * width / tw : titleSize;
        pages.text(
                titleFace,
                chart.title(),
                left + (width - titleFace.width(chart.title(), ts)) / 2,
                PdfPages.baseline(top, 22, ts),
                ts,
                true,
                PdfPages.BLACK);
        float small = 9f;
        float keyTop = top - 22;
        pages.text(face, chart.unit(), left, PdfPages.baseline(keyTop, 14, small), small, false, PdfPages.BLACK);
        float sw = face.width(chart.seriesName(), small);
        var cs = pages.cs();
        cs.setNonStrokingColor(BAR);
        cs.addRect(left + width - sw - 14, keyTop - 10, 9, 7);
        cs.fill();
        pages.text(
                face,
                chart.seriesName(),
                left + width - sw,
                PdfPages.baseline(keyTop, 14, small),
                small,
                false,
                PdfPages.BLACK);

        // the value axis: rounded steps from the smallest (or 0) to the largest value
        List<BigDecimal> values = chart.values().subList(0, n);
        double max = 0;
        double min = 0;
        for (BigDecimal v : values) {
            max = Math.max(max, v.doubleValue());
            min = Math.min(min, v.doubleValue());
        }
        // about one grid line per 25 pt of plot, 2 to 5 steps
        int steps = Math.max(2, Math.min(5, Math.round((height - 70) / 25)));
        double step = niceStep((max - min) / steps);
        double axisMax = Math.ceil(max / step) * step;
        double axisMin = Math.floor(min / step) * step;
        if (axisMax <= axisMin) {
            axisMax = axisMin + step;
        }
        float tickW = 0;
        List<String> ticks = new ArrayList<>();
        for (double t = axisMin; t <= axisMax + step / 2; t += step) {
            String s = BigDecimal.valueOf(t)
                    .setScale(decimals(step), RoundingMode.HALF_UP)
                    .toPlainString();
            ticks.add(s);
            tickW = Math.max(tickW, face.width(s, small));
        }

        // category labels: 9 pt, wrapped inside their slot if wider
        float plotLeft = left + tickW + 6;
        float plotW = left + width - plotLeft;
        float slot = plotW / n;
        float labelSize = 9f;
        List<List<String>> labels = new ArrayList<>();
        int labelLines = 1;
        for (int i = 0; i < n; i++) {
            List<String> ls = new ArrayList<>();
            for (PdfTextLayout.Line l :
                    PdfTextLayout.wrap(face, labelSize, chart.categories().get(i), slot - 2, slot - 2)) {
                ls.add(l.text());
            }
            labels.add(ls);
            labelLines = Math.max(labelLines, ls.size());
        }
        float labelLead = labelSize * 1.25f;
        float plotTop = keyTop - 14 - 14; // room for the value over the tallest bar
        float plotBottom = top - height + labelLines * labelLead + 10;
        float plotH = plotTop - plotBottom;

        // grid lines and tick labels
        cs.setLineWidth(0.3f);
        for (int i = 0; i < ticks.size(); i++) {
            double t = axisMin + i * step;
            float y = (float) (plotBottom + (t - axisMin) / (axisMax - axisMin) * plotH);
            cs.setStrokingColor(GRID);
            cs.moveTo(plotLeft, y);
            cs.lineTo(plotLeft + plotW, y);
            cs.stroke();
            String s = ticks.get(i);
            pages.text(face, s, plotLeft - 4 - face.width(s, small), y - small * 0.35f, small, false, PdfPages.BLACK);
        }
        float zero = (float) (plotBottom + (0 - axisMin) / (axisMax - axisMin) * plotH);

        // value labels: as large as fits the slot, 8 pt at most
        List<String> texts = new ArrayList<>();
        float valueSize = 8f;
        for (BigDecimal v : values) {
            String s = v.setScale(2, RoundingMode.HALF_UP).toPlainString();
            texts.add(s);
            float w = face.width(s, valueSize);
            if (w > slot - 1) {
                valueSize = Math.max(5f, valueSize * (slot - 1) / w);
            }
        }

        float barW = Math.min(slot * 0.6f, 36f);
        for (int i = 0; i < n; i++) {
            double v = values.get(i).doubleValue();
            float x = plotLeft + slot * i + (slot - barW) / 2;
            float y = (float) (plotBottom + (v - axisMin) / (axisMax - axisMin) * plotH);
            cs.setNonStrokingColor(BAR);
            cs.addRect(x, Math.min(y, zero), barW, Math.abs(y - zero));
            cs.fill();
            String s = texts.get(i);
            float vy = v >= 0 ? y + 3 : y - valueSize - 2;
            pages.text(face, s, x + (barW - face.width(s, valueSize)) / 2, vy, valueSize, false, PdfPages.BLACK);
            List<String> ls = labels.get(i);
            for (int j = 0; j < ls.size(); j++) {
                String l = ls.get(j);
                float lx = plotLeft + slot * i + (slot - face.width(l, labelSize)) / 2;
                float ly = plotBottom - 4 - labelSize * 0.85f - j * labelLead;
                pages.text(face, l, lx, ly, labelSize, false, PdfPages.BLACK);
            }
        }

        // the axes
        cs.setStrokingColor(PdfPages.BLACK);
        cs.setLineWidth(0.6f);
        cs.moveTo(plotLeft, plotTop + 6);
        cs.lineTo(plotLeft, plotBottom);
        cs.stroke();
        cs.moveTo(plotLeft, zero);
        cs.lineTo(plotLeft + plotW, zero);
        cs.stroke();
        pages.down(height);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static int decimals(double step) {
        return step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
    }
}
