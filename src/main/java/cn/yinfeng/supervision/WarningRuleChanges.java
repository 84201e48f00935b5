package cn.yinfeng.supervision;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.supervision.WarningRules.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changing a warning rule (its level, whether it is on, its numbers): the city's administrators and staff only; a
 * stale version is a 409; every problem of the input at once; one audit row with before and after in words; then
 * every rule is evaluated again at once, so the board and the deadlines follow the new numbers.
 */
@Service
class WarningRuleChanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the page or the API sends: the numbers by form name ({@code param_KEY}), as typed. */
    record Change(String level, boolean enabled, long version, Map<String, String> numbers) {}

    private final JdbcClient jdbc;
    private final WarningRules rules;
    private final Warnings warnings;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final MessageSource messages;

    WarningRuleChanges(
            JdbcClient jdbc,
            WarningRules rules,
            Warnings warnings,
            CurrentUser currentUser,
            AuditLog audit,
            MessageSource messages) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.warnings = warnings;
        this.currentUser = currentUser;
        this.audit = audit;
        this.messages = messages;
    }

    /** Whether the signed-in user may change the rules: administrators and city staff. */
    boolean canEdit() {
        YinfengUser me = currentUser.require();
        return me.isAdmin() || me.hasRole(Role.CITY_STAFF);
    }

    /** Saves the change and evaluates every rule again; returns the rule as stored now. */
    Rule update(String code, Change change) {
        if (!canEdit()) {
            throw new AccessDeniedException("warning rules: city staff and administrators only");
        }
        Rule before = rules.rule(code).orElseThrow(() -> new NotFoundException("warning_rule", code));
        var problems = new ArrayList<Problem>();
        String level = change.level() == null ? "" : change.level().trim();
        if (!level.equals("YELLOW") && !level.equals("RED")) {
            problems.add(new Problem("level", "warningRules.levelInvalid"));
        }
        Map<String, BigDecimal> numbers = RuleNumbers.parse(code, change.numbers(), problems);
        if (!problems.isEmpty()) {
            // the first argument of a number's problem is its label's key: say it as the page shows it
            Locale locale = LocaleContextHolder.getLocale();
            throw new InvalidInputException(problems.stream()
                    .map(p -> p.args() == null || p.args().length == 0
                            ? p
                            : new Problem(p.field(), p.messageKey(), withLabel(p.args(), locale)))
                    .toList());
        }
        // keep any number the page does not show, change those it does
        Map<String, Object> params = new LinkedHashMap<>(WarningRules.params(before));
        numbers.forEach((k, v) -> params.put(k, v.scale() <= 0 ? (Object) v.intValueExact() : v));
        int rows = jdbc.sql("""
                update warning_rule set level = :level, enabled = :enabled, params = cast(:params as jsonb),
                       version = version + 1
                 where code = :code and version = :version
                """)
                .param("level", level)
                .param("enabled", change.enabled())
                .param("params", JSON.writeValueAsString(params))
                .param("code", code)
                .param("version", change.version())
                .update();
        ConflictException.unlessUpdated(rows, "warning_rule " + code, change.version(), () -> {
            Rule now = rules.rule(code).orElseThrow();
            return new ConflictException.Stored(now.version(), shown(now));
        });
        Rule after = rules.rule(code).orElseThrow();
        audit.record(
                "WARNING_RULE_UPDATE", "warning_rule", code, Outcome.SUCCESS, words(before) + " → " + words(after));
        warnings.evaluate();
        return after;
    }

    private Object[] withLabel(Object[] args, Locale locale) {
        Object[] out = args.clone();
        out[0] = label(String.valueOf(args[0]), locale);
        return out;
    }

    /** A number's label as the page shows it: a stage's days read "洽谈阶段最长天数". */
    private String label(String key, Locale locale) {
        String text = messages.getMessage(key, null, key, locale);
        return key.startsWith("stage.")
                ? messages.getMessage("warningRules.stageDays", new Object[] {text}, locale)
                : text;
    }

    private Map<String, Object> shown(Rule r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("level", r.level());
        m.put("enabled", r.enabled());
        m.putAll(WarningRules.params(r));
        return m;
    }

    /** "阶段长期未推进：黄色，启用，储备=180, 洽谈=45 …" in Chinese, as the audit log is read by the city. */
    private String words(Rule r) {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        return r.nameZh() + "：" + messages.getMessage("level." + r.level(), null, r.level(), zh) + "，"
                + messages.getMessage(r.enabled() ? "warningRules.on" : "warningRules.off", null, zh) + "，"
                + RuleNumbers.words(r.code(), WarningRules.params(r), key -> messages.getMessage(key, null, key, zh));
    }

    /** The rule's numbers as the form shows them. */
    static Map<String, String> typed(Rule r) {
        var out = new LinkedHashMap<String, String>();
        Map<String, Object> p = WarningRules.params(r);
        for (RuleNumbers.Field f : RuleNumbers.of(r.code())) {
            Object v = p.get(f.key());
            out.put(f.name(), v == null ? "" : RuleNumbers.plain(v));
        }
        return out;
    }

    static List<RuleNumbers.Field> fields(String code) {
        return RuleNumbers.of(code);
    }
}
