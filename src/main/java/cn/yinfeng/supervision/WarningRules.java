package cn.yinfeng.supervision;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warning rules: data in {@code warning_rule}, each with its level, whether it is on, and its numbers in
 * {@code params} (JSON). What each rule finds is {@link WarningFinder}'s.
 */
@Service
class WarningRules {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Rule(
            String code,
            String nameZh,
            String nameEn,
            String level,
            String params,
            boolean enabled,
            int sortOrder,
            long version) {

        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    private final JdbcClient jdbc;

    WarningRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Rule> rules() {
        return jdbc.sql("select * from warning_rule order by sort_order, code")
                .query((rs, n) -> new Rule(
                        rs.getString("code"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("level"),
                        rs.getString("params"),
                        rs.getBoolean("enabled"),
                        rs.getInt("sort_order"),
                        rs.getLong("version")))
                .list();
    }

    /** One rule by its code. */
    public java.util.Optional<Rule> rule(String code) {
        return rules().stream().filter(r -> r.code().equals(code)).findFirst();
    }

    /** The rule's numbers by name. */
    static Map<String, Object> params(Rule rule) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.readValue(rule.params(), Map.class);
        return m;
    }

    /** The rule's numbers as JSON, as stored. */
    static String json(Map<String, Object> params) {
        return JSON.writeValueAsString(params);
    }

    /** A rule's number, or the fallback when the rule does not set it. */
    static double number(Map<String, Object> params, String name, double fallback) {
        Object v = params.get(name);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
