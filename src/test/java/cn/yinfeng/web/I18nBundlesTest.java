package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Chinese first, English complete: both bundles hold the same keys, every key a template or the code names exists,
 * and no template carries hard-coded Chinese text that the English switch would miss.
 */
class I18nBundlesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path JAVA = Path.of("src/main/java");
    private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");

    private static Properties load(String name) throws IOException {
        var p = new Properties();
        try (var in = new InputStreamReader(
                Files.newInputStream(Path.of("src/main/resources", name)), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        assertThat(new TreeSet<>(load("messages_en.properties").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(load("messages.properties").stringPropertyNames()));
    }

    @Test
    void englishBundleIsEnglish() throws IOException {
        var en = load("messages_en.properties");
        var chinese = en.stringPropertyNames().stream()
                .filter(k -> CJK.matcher(en.getProperty(k)).find())
                .toList();
        assertThat(chinese).as("English messages containing Chinese").isEmpty();
    }

    @Test
    void apostrophesInMessagesWithArgumentsAreDoubled() throws IOException {
        // MessageFormat reads a lone ' as the start of a quoted run: "{0}" after it would print literally
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            var p = load(bundle);
            var broken = p.stringPropertyNames().stream()
                    .filter(k -> p.getProperty(k).contains("{"))
                    .filter(k -> p.getProperty(k).replace("''", "").contains("'"))
                    .toList();
            assertThat(broken).as(bundle).isEmpty();
        }
    }

    @Test
    void everyLiteralKeyUsedExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        var missing = new ArrayList<String>();
        var templateKey = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");
        var javaKey = Pattern.compile(
                "(?:Problem\\([^,]+,\\s*|InvalidInputException\\([^,]+,\\s*|getMessage\\()\"([a-zA-Z][a-zA-Z0-9_.]+)\"");
        for (Path file : files(TEMPLATES, ".html")) {
            Matcher m = templateKey.matcher(Files.readString(file));
            while (m.find()) {
                if (!keys.contains(m.group(1))) {
                    missing.add(file.getFileName() + ": " + m.group(1));
                }
            }
        }
        for (Path file : files(JAVA, ".java")) {
            Matcher m = javaKey.matcher(Files.readString(file));
            while (m.find()) {
                // a key ending in a dot is a prefix completed at run time (checked by its own test)
                if (!m.group(1).endsWith(".") && !keys.contains(m.group(1))) {
                    missing.add(file.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void templatesHaveNoHardCodedChinese() throws IOException {
        // text between tags is allowed only as the placeholder of an element whose th:text replaces it;
        // the language switch names Chinese in Chinese on purpose
        var element = Pattern.compile("<(\\w+)([^>]*)>([^<]*)");
        var offenders = new ArrayList<String>();
        for (Path file : files(TEMPLATES, ".html")) {
            Matcher m = element.matcher(Files.readString(file));
            while (m.find()) {
                String attrs = m.group(2);
                String text = m.group(3).trim();
                if (CJK.matcher(text).find()
                        && !attrs.contains("th:text")
                        && !attrs.contains("th:utext")
                        && !text.equals("中文")) {
                    offenders.add(file.getFileName() + ": " + text);
                }
                Matcher attr = Pattern.compile("\\s(title|placeholder|aria-label|alt)=\"([^\"]*)\"")
                        .matcher(attrs);
                while (attr.find()) {
                    if (CJK.matcher(attr.group(2)).find()) {
                        offenders.add(file.getFileName() + " @" + attr.group(1) + ": " + attr.group(2));
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
