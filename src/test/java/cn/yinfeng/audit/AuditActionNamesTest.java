package cn.yinfeng.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every action code the application writes to the audit log has a name in Chinese and in English. The codes are read
 * from src/main: the upper-case string literals among the arguments of every audit call ({@code audit.record(...)},
 * the modules' {@code audit(...)} helpers); a code built from a prefix is expanded with the suffixes its caller uses.
 */
class AuditActionNamesTest {

    private static final Pattern CALL =
            Pattern.compile("\\b(?:audit|writes|support)\\w*\\.(?:record|audit)\\(|(?<![.\\w])audit\\(");
    private static final Pattern CODE = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]*)*)\"");

    /** Codes written as a prefix plus a value: ProjectReviews ("PROJECT_" + act), ProjectCredits (+ decision). */
    private static final Map<String, List<String>> PREFIXES = Map.of(
            "PROJECT_", List.of("SUBMIT", "APPROVE", "RETURN"),
            "PROJECT_CREDIT_", List.of("CONFIRMED", "DISPUTED"));

    static Set<String> writtenCodes() throws IOException {
        var codes = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String s = Files.readString(f, StandardCharsets.UTF_8);
                Matcher call = CALL.matcher(s);
                while (call.find()) {
                    Matcher code = CODE.matcher(arguments(s, call.end()));
                    while (code.find()) {
                        String c = code.group(1);
                        if (c.endsWith("_")) {
                            assertThat(PREFIXES).as("prefix %s in %s", c, f).containsKey(c);
                            PREFIXES.get(c).forEach(suffix -> codes.add(c + suffix));
                        } else {
                            codes.add(c);
                        }
                    }
                }
            }
        }
        return codes;
    }

    /** The text of a call's arguments, up to its closing parenthesis (string literals skipped). */
    static String arguments(String s, int start) {
        int depth = 1;
        int i = start;
        while (depth > 0 && i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            i++;
        }
        return s.substring(start, Math.max(start, i - 1));
    }

    static Properties bundle(String name) throws IOException {
        var p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void everyActionCodeWrittenHasAChineseAndAnEnglishName() throws IOException {
        Set<String> codes = writtenCodes();
        assertThat(codes).contains("LOGIN", "PROJECT_CREATE", "PROJECT_APPROVE", "TASK_ESCALATE", "TALENT_CREATE");
        assertThat(codes.size()).isGreaterThan(90);
        for (String bundle : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties p = bundle(bundle);
            var missing = new TreeSet<String>();
            for (String c : codes) {
                String name = p.getProperty("audit.action." + c);
                if (name == null || name.isBlank()) {
                    missing.add(c);
                }
            }
            assertThat(missing).as("action codes without a name in %s", bundle).isEmpty();
        }
    }

    @Test
    void theServerItselfReadsAsLocalAndAMappedAddressAsIpv4() {
        assertThat(AuditWords.readableAddress("::1")).isNull();
        assertThat(AuditWords.readableAddress("0:0:0:0:0:0:0:1")).isNull();
        assertThat(AuditWords.readableAddress("127.0.0.1")).isNull();
        assertThat(AuditWords.readableAddress("::ffff:127.0.0.1")).isNull();
        assertThat(AuditWords.readableAddress("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(AuditWords.readableAddress("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(AuditWords.readableAddress("2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(AuditWords.readableAddress(null)).isEqualTo("—");
    }
}
