package cn.yinfeng.reconcile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled corpus under {@code src/test/resources/reconcile/}: {@code NN-name.txt} (optional header lines
 * {@code #date: 2024-11-05} and {@code #region: 141100}, then the text) with {@code NN-name.claims}, one expected
 * claim a line: {@code INDICATOR | value | qualifier | region | from..to [| growth|completion]} (money in 万元, US
 * dollars in 万美元, {@code -} for no region, {@code ?} for an unclear period). Scores claim extraction: a found claim
 * is right when all its fields equal an expected one's (each expected claim matched once). Values listed as
 * {@link Claim#UNMAPPED} (indicator unreadable, shown to people as such) are left out of the score: they are neither
 * counted as found nor expected, so precision and recall measure the claims the checker maps.
 */
final class Corpus {

    static final String[] FILES = {
        "00-seed",
        "01-city-monthly",
        "02-county-wrapped",
        "03-fullwidth",
        "04-numerals",
        "05-mixed-page",
        "06-talent",
        "07-zone-funds",
        "08-quarters",
        "09-speech",
        "10-growth",
        "11-lower-bounds",
        "12-broken-lines",
        "13-two-counties",
        "14-bands",
        "15-no-claims",
        "16-docx-like",
        "17-heldout-summary",
        "18-heldout-rates",
        "19-heldout-two-articles",
        "40-origin",
        "41-completion",
        "42-periods-spaces",
        "43-registered-approx",
        "44-unmapped"
    };

    record Text(String name, String body, LocalDate date, String region, List<String> expected) {}

    record Score(int found, int expected, int matched, List<String> missed, List<String> wrong) {
        double precision() {
            return found == 0 ? 1 : (double) matched / found;
        }

        double recall() {
            return expected == 0 ? 1 : (double) matched / expected;
        }
    }

    static final List<ClaimExtractor.RegionName> REGIONS = List.of(
            new ClaimExtractor.RegionName("141100", "吕梁市", "吕梁", true),
            r("141102", "离石区", "离石"),
            r("141181", "孝义市", "孝义"),
            r("141182", "汾阳市", "汾阳"),
            r("141121", "文水县", "文水"),
            r("141122", "交城县", "交城"),
            r("141123", "兴县", "兴县"),
            r("141124", "临县", "临县"),
            r("141125", "柳林县", "柳林"),
            r("141126", "石楼县", "石楼"),
            r("141127", "岚县", "岚县"),
            r("141128", "方山县", "方山"),
            r("141129", "中阳县", "中阳"),
            r("141130", "交口县", "交口"),
            r("141171", "吕梁经济技术开发区", "经开区"));

    private static ClaimExtractor.RegionName r(String code, String name, String shortName) {
        return new ClaimExtractor.RegionName(code, name, shortName, false);
    }

    static String read(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream("/reconcile/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Text load(String name) {
        String raw = read(name + ".txt");
        LocalDate date = null;
        String region = null;
        var body = new StringBuilder();
        for (String line : raw.split("\n", -1)) {
            if (line.startsWith("#date:")) {
                date = LocalDate.parse(line.substring(6).trim());
            } else if (line.startsWith("#region:")) {
                region = line.substring(8).trim();
            } else {
                body.append(line).append('\n');
            }
        }
        List<String> expected = new ArrayList<>();
        for (String line : read(name + ".claims").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(canonical(line));
            }
        }
        return new Text(name, body.toString(), date, region, expected);
    }

    static String canonical(String line) {
        String[] f = line.split("\\|");
        List<String> parts = new ArrayList<>();
        for (String x : f) {
            parts.add(x.trim());
        }
        parts.set(1, new BigDecimal(parts.get(1)).stripTrailingZeros().toPlainString());
        if (parts.size() < 6) {
            parts.add("");
        }
        return String.join(" | ", parts);
    }

    static String key(Claim c) {
        String period = c.periodClear() ? c.from() + ".." + c.to() : "?";
        return String.join(
                " | ",
                c.indicator(),
                c.value().stripTrailingZeros().toPlainString(),
                c.qualifier().name(),
                c.regionCode() == null ? "-" : c.regionCode(),
                period,
                c.growth() ? "growth" : c.completion() ? "completion" : "");
    }

    static Score score(ClaimExtractor extractor, Text t) {
        var result = extractor.extract(t.body(), t.date(), t.region());
        Map<String, Integer> want = new HashMap<>();
        t.expected().forEach(e -> want.merge(e, 1, Integer::sum));
        int matched = 0;
        List<String> wrong = new ArrayList<>();
        int found = 0;
        for (Claim c : result.claims()) {
            if (c.unmapped()) {
                continue; // listed for people to check by hand; not scored
            }
            found++;
            String k = key(c);
            if (want.getOrDefault(k, 0) > 0) {
                want.merge(k, -1, Integer::sum);
                matched++;
            } else {
                wrong.add(k + "   <- " + result.sentences().get(c.sentence()).text());
            }
        }
        List<String> missed = new ArrayList<>();
        want.forEach((k, n) -> {
            for (int i = 0; i < n; i++) {
                missed.add(k);
            }
        });
        return new Score(found, t.expected().size(), matched, missed, wrong);
    }

    /** Scores every text; prints per text and the totals; returns {precision, recall}. */
    static double[] run(boolean verbose) {
        ClaimExtractor extractor = new ClaimExtractor(REGIONS);
        int found = 0;
        int expected = 0;
        int matched = 0;
        for (String name : FILES) {
            Score s = score(extractor, load(name));
            found += s.found();
            expected += s.expected();
            matched += s.matched();
            System.out.printf("%-20s found %3d expected %3d matched %3d%n", name, s.found(), s.expected(), s.matched());
            if (verbose) {
                s.missed().forEach(m -> System.out.println("    missed: " + m));
                s.wrong().forEach(w -> System.out.println("    wrong:  " + w));
            }
        }
        double p = found == 0 ? 1 : (double) matched / found;
        double r = expected == 0 ? 1 : (double) matched / expected;
        System.out.printf(
                "claim extraction on %d texts: %d found, %d expected, %d matched; precision %.3f, " + "recall %.3f%n",
                FILES.length, found, expected, matched, p, r);
        return new double[] {p, r};
    }
}
