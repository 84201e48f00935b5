package cn.yinfeng.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;

/**
 * The held-out corpus under {@code src/test/resources/reconcile/heldout/}: texts written after the rules, by someone
 * other than their author, each with its expected claims ({@code .claims}) and their true verdicts against the demo
 * ledger ({@code .verdicts}). Posts every text to {@code /api/v1/reconcile} as the city and prints, per text and in
 * total, extraction precision and recall, verdict accuracy and the share of UNMAPPED claims listed. It asserts only
 * that every text was scored and that the harness itself works; the floors are set after reading the numbers.
 *
 * <p>A found claim matches an expected one when indicator, value, qualifier, region and period all equal and its
 * {@code growth} / {@code completion} flags equal the expected line's sixth field; each expected claim is matched
 * once. An expected {@code UNMAPPED} claim matches a found claim with indicator {@code UNMAPPED}, verdict
 * CANNOT_CHECK and the same value (region and period need not match).
 */
class HeldOutCorpusIT extends IntegrationTest {

    static final String CITY = "Bearer demo-token-city";

    static final String UNMAPPED = "UNMAPPED";

    /** One expected claim: the five fields, the optional flag ({@code growth}, {@code completion}), the verdict. */
    record Expected(
            String indicator,
            BigDecimal value,
            String qualifier,
            String region,
            String period,
            String flag,
            String verdict,
            String line) {

        static Expected parse(String line, String verdict) {
            String[] f = Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new);
            if (f.length < 5 || f.length > 6) {
                throw new IllegalArgumentException("bad claim line: " + line);
            }
            return new Expected(
                    f[0],
                    new BigDecimal(f[1]),
                    f[2],
                    "-".equals(f[3]) ? null : f[3],
                    f[4],
                    f.length == 6 ? f[5] : null,
                    verdict,
                    line);
        }

        boolean unmapped() {
            return UNMAPPED.equals(indicator);
        }

        boolean growth() {
            return "growth".equals(flag);
        }

        boolean completion() {
            return "completion".equals(flag);
        }
    }

    /** One claim of the response. */
    record Found(
            String indicator,
            BigDecimal value,
            String qualifier,
            String region,
            String period,
            boolean growth,
            boolean completion,
            String verdict) {

        static Found of(Map<String, Object> c) {
            Object from = c.get("from");
            Object to = c.get("to");
            String period = from == null || to == null ? "?" : from + ".." + to;
            Object value = c.get("value");
            return new Found(
                    (String) c.get("indicator"),
                    value == null ? null : new BigDecimal(String.valueOf(value)),
                    (String) c.get("qualifier"),
                    (String) c.get("regionCode"),
                    period,
                    Boolean.TRUE.equals(c.get("growth")),
                    Boolean.TRUE.equals(c.get("completion")),
                    (String) c.get("verdict"));
        }

        String line() {
            return indicator + " | "
                    + (value == null ? "?" : value.stripTrailingZeros().toPlainString()) + " | "
                    + qualifier + " | " + (region == null ? "-" : region) + " | " + period
                    + (growth ? " | growth" : "") + (completion ? " | completion" : "") + " => " + verdict;
        }
    }

    /** One text of the corpus. */
    record Text(String name, String date, String region, String body, List<Expected> expected) {}

    /** The score of one text (or of the whole corpus). */
    record Score(
            String name,
            int expected,
            int found,
            int matched,
            int verdictsRight,
            int unmappedExpected,
            int unmappedListed,
            List<String> missed,
            List<String> extra,
            List<String> wrongVerdicts) {

        Score plus(Score o) {
            return new Score(
                    "TOTAL",
                    expected + o.expected,
                    found + o.found,
                    matched + o.matched,
                    verdictsRight + o.verdictsRight,
                    unmappedExpected + o.unmappedExpected,
                    unmappedListed + o.unmappedListed,
                    List.of(),
                    List.of(),
                    List.of());
        }

        double precision() {
            return found == 0 ? 0 : (double) matched / found;
        }

        double recall() {
            return expected == 0 ? 0 : (double) matched / expected;
        }

        double verdictAccuracy() {
            return expected == 0 ? 0 : (double) verdictsRight / expected;
        }
    }

    static boolean matches(Expected e, Found f) {
        if (f.value() == null || e.value().compareTo(f.value()) != 0) {
            return false;
        }
        if (e.unmapped()) {
            return UNMAPPED.equals(f.indicator()) && "CANNOT_CHECK".equals(f.verdict());
        }
        return e.indicator().equals(f.indicator())
                && e.qualifier().equals(f.qualifier())
                && (e.region() == null ? f.region() == null : e.region().equals(f.region()))
                && e.period().equals(f.period())
                && e.growth() == f.growth()
                && e.completion() == f.completion();
    }

    /** Scores the found claims of one text against its expected ones; each expected claim is matched once. */
    static Score score(String name, List<Expected> expected, List<Found> found) {
        List<Found> left = new ArrayList<>(found);
        int matched = 0;
        int right = 0;
        int unmappedExpected = 0;
        int unmappedListed = 0;
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Expected e : expected) {
            if (e.unmapped()) {
                unmappedExpected++;
            }
            Found hit = null;
            for (Found f : left) {
                if (matches(e, f)) {
                    hit = f;
                    break;
                }
            }
            if (hit == null) {
                missed.add(e.line() + " => " + e.verdict());
                continue;
            }
            left.remove(hit);
            matched++;
            if (e.unmapped()) {
                unmappedListed++;
            }
            if (e.verdict().equals(hit.verdict())) {
                right++;
            } else {
                wrong.add(e.line() + " => " + e.verdict() + " (found " + hit.verdict() + ")");
            }
        }
        List<String> extra = left.stream().map(Found::line).toList();
        return new Score(
                name,
                expected.size(),
                found.size(),
                matched,
                right,
                unmappedExpected,
                unmappedListed,
                missed,
                extra,
                wrong);
    }

    static List<Text> corpus() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver();
        Resource[] texts = resolver.getResources("classpath:reconcile/heldout/*.txt");
        List<Text> out = new ArrayList<>();
        for (Resource r : texts) {
            String file = r.getFilename();
            String name = file.substring(0, file.length() - ".txt".length());
            String date = null;
            String region = null;
            StringBuilder body = new StringBuilder();
            for (String line : read(r).split("\n", -1)) {
                String l = line.strip();
                if (body.length() == 0 && l.startsWith("#date:")) {
                    date = l.substring("#date:".length()).trim();
                } else if (body.length() == 0 && l.startsWith("#region:")) {
                    region = l.substring("#region:".length()).trim();
                } else {
                    body.append(line).append('\n');
                }
            }
            List<String> claims = lines(r.createRelative(name + ".claims"));
            List<String> verdicts = lines(r.createRelative(name + ".verdicts"));
            assertThat(verdicts).as(name + ": one verdict line per claim").hasSameSizeAs(claims);
            List<Expected> expected = new ArrayList<>();
            for (int i = 0; i < claims.size(); i++) {
                String v = verdicts.get(i);
                int arrow = v.lastIndexOf(" => ");
                assertThat(arrow).as(name + ": verdict line " + (i + 1)).isPositive();
                assertThat(v.substring(0, arrow).trim())
                        .as(name + ": verdict line " + (i + 1) + " repeats its claim")
                        .isEqualTo(claims.get(i).trim());
                String verdict = v.substring(arrow + 4).trim();
                assertThat(verdict).isIn("AGREES", "DISAGREES", "CANNOT_CHECK");
                expected.add(Expected.parse(claims.get(i), verdict));
            }
            out.add(new Text(name, date, region, body.toString().strip(), expected));
        }
        out.sort(Comparator.comparing(Text::name));
        return out;
    }

    static String read(Resource r) throws IOException {
        try (InputStream in = r.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    static List<String> lines(Resource r) throws IOException {
        assertThat(r.exists()).as(r.getFilename() + " exists").isTrue();
        return Arrays.stream(read(r).split("\n"))
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    List<Found> reconcile(String text, String date, String region) throws Exception {
        StringBuilder body = new StringBuilder("{\"text\":").append(json(text));
        if (date != null) {
            body.append(",\"date\":").append(json(date));
        }
        if (region != null) {
            body.append(",\"region\":").append(json(region));
        }
        body.append('}');
        String response = mvc.perform(post("/api/v1/reconcile")
                        .header("Authorization", CITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.toString()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<Map<String, Object>> claims = JsonPath.read(response, "$.claims");
        return claims.stream().map(Found::of).toList();
    }

    static String pct(double d) {
        return String.format(Locale.ROOT, "%5.1f%%", d * 100);
    }

    static String row(Score s) {
        return String.format(
                Locale.ROOT,
                "%-34s %4d %4d %4d  %s  %s  %3d/%-3d %s  %d/%d",
                s.name(),
                s.expected(),
                s.found(),
                s.matched(),
                pct(s.precision()),
                pct(s.recall()),
                s.verdictsRight(),
                s.expected(),
                pct(s.verdictAccuracy()),
                s.unmappedListed(),
                s.unmappedExpected());
    }

    @Test
    void scoresEveryHeldOutText() throws Exception {
        List<Text> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(12);
        List<Score> scores = new ArrayList<>();
        for (Text t : corpus) {
            assertThat(t.expected()).as(t.name() + " has expected claims").isNotEmpty();
            scores.add(score(t.name(), t.expected(), reconcile(t.body(), t.date(), t.region())));
        }
        assertThat(scores).hasSameSizeAs(corpus);

        StringBuilder out = new StringBuilder("\nHeld-out reconcile corpus\n");
        out.append(String.format(
                Locale.ROOT,
                "%-34s %4s %4s %4s  %6s  %6s  %-7s %6s  %s%n",
                "text",
                "exp",
                "fnd",
                "hit",
                "prec",
                "recall",
                "verdict",
                "acc",
                "unmapped"));
        Score total = new Score("TOTAL", 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of());
        for (Score s : scores) {
            out.append(row(s)).append('\n');
            total = total.plus(s);
        }
        out.append(row(total)).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "precision %s  recall %s  verdict accuracy %s  UNMAPPED listed %d/%d%n",
                pct(total.precision()),
                pct(total.recall()),
                pct(total.verdictAccuracy()),
                total.unmappedListed(),
                total.unmappedExpected()));
        for (Score s : scores) {
            if (s.missed().isEmpty() && s.extra().isEmpty() && s.wrongVerdicts().isEmpty()) {
                continue;
            }
            out.append("\n").append(s.name()).append('\n');
            s.missed().forEach(l -> out.append("  missed   ").append(l).append('\n'));
            s.extra().forEach(l -> out.append("  extra    ").append(l).append('\n'));
            s.wrongVerdicts().forEach(l -> out.append("  verdict  ").append(l).append('\n'));
        }
        System.out.println(out);

        assertThat(total.expected())
                .isEqualTo(corpus.stream().mapToInt(t -> t.expected().size()).sum());
    }

    @Test
    void theScorerCountsMatchesMissesAndVerdicts() {
        List<Expected> expected = List.of(
                Expected.parse("SIGNED_COUNT | 117 | EXACT | 141100 | 2024-01..2024-10", "AGREES"),
                Expected.parse("SIGNED_COUNT | 11.1 | EXACT | 141100 | 2024-01..2024-10 | growth", "AGREES"),
                Expected.parse("SIGNED_AMOUNT | 85.6 | EXACT | 141100 | 2024-01..2024-10 | completion", "AGREES"),
                Expected.parse("UNMAPPED | 2860 | EXACT | 141181 | 2024-01..2024-12", "CANNOT_CHECK"));
        List<Found> found = List.of(
                new Found(
                        "SIGNED_COUNT",
                        new BigDecimal("117.00"),
                        "EXACT",
                        "141100",
                        "2024-01..2024-10",
                        false,
                        false,
                        "DISAGREES"),
                new Found(
                        "SIGNED_COUNT",
                        new BigDecimal("11.1"),
                        "EXACT",
                        "141100",
                        "2024-01..2024-10",
                        true,
                        false,
                        "AGREES"),
                new Found("SIGNED_AMOUNT", new BigDecimal("85.6"), "EXACT", "141100", "?", false, false, "AGREES"),
                new Found("UNMAPPED", new BigDecimal("2860"), "EXACT", null, "?", false, false, "CANNOT_CHECK"));
        Score s = score("inline", expected, found);
        assertThat(s.matched()).isEqualTo(3);
        assertThat(s.verdictsRight()).isEqualTo(2);
        assertThat(s.unmappedListed()).isEqualTo(1);
        assertThat(s.unmappedExpected()).isEqualTo(1);
        assertThat(s.missed()).singleElement().asString().contains("completion");
        assertThat(s.extra()).hasSize(1);
        assertThat(s.precision()).isEqualTo(0.75);
        assertThat(s.recall()).isEqualTo(0.75);
        assertThat(s.verdictAccuracy()).isEqualTo(0.5);
    }

    @Test
    void aDeliberatelyFalseFigureComesBackDisagrees() throws Exception {
        List<Found> found = reconcile("2024年1—10月份，全市招商引资签约项目999个。", "2024-11-05", "141100");
        Expected e = Expected.parse("SIGNED_COUNT | 999 | EXACT | 141100 | 2024-01..2024-10", "DISAGREES");
        Score s = score("inline", List.of(e), found);
        assertThat(s.matched()).isEqualTo(1);
        assertThat(s.verdictsRight()).isEqualTo(1);
    }
}
