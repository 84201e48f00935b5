package cn.yinfeng.approvals;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The approval steps a project passes (用地预审, 土地出让, 环评, …), each with its time limit in calendar days: a list the
 * city edits. A step in use is never deleted; the city retires it, and the projects that passed it keep it. A new
 * limit applies to milestones recorded from then on; those already recorded keep the limit they were given.
 */
@Service
public class ApprovalSteps {

    public record Step(
            String code, String name, String nameEn, int limitDays, int position, boolean active, long version) {

        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : name;
        }
    }

    /** A new step or an edit; {@code version} as read, for an edit. */
    public record Form(
            @Nullable String code,
            @Nullable String name,
            @Nullable String nameEn,
            @Nullable Integer limitDays,
            @Nullable Integer position,
            @Nullable Boolean active,
            @Nullable Long version) {}

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");
    private static final String SELECT =
            "select code, name, name_en, limit_days, position, active, version from approval_step ";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;

    ApprovalSteps(JdbcClient jdbc, CurrentUser currentUser, AuditLog audit) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    /** Every step, retired ones too, in the city's order. */
    public List<Step> all() {
        return jdbc.sql(SELECT + "order by position, code")
                .query(ApprovalSteps::map)
                .list();
    }

    /** The steps a milestone can be recorded for now. */
    public List<Step> active() {
        return all().stream().filter(Step::active).toList();
    }

    /** Every step's name in the user's language, by code, in the city's order. */
    public Map<String, String> names(Locale locale) {
        var names = new LinkedHashMap<String, String>();
        all().forEach(s -> names.put(s.code(), s.name(locale)));
        return names;
    }

    public Optional<Step> find(String code) {
        return jdbc.sql(SELECT + "where code = :c")
                .param("c", code)
                .query(ApprovalSteps::map)
                .optional();
    }

    public boolean canEdit() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.ADMIN) || u.hasRole(Role.CITY_STAFF))
                .orElse(false);
    }

    @Transactional
    public Step create(Form f) {
        return create(f, List.of());
    }

    /** {@code typed}: the problems found reading the form's text (a limit that is no number), reported with the rest. */
    @Transactional
    Step create(Form f, List<Problem> typed) {
        requireEditor();
        var problems = InvalidInputException.merge(typed, checkForm(f, null));
        String code = normalCode(f.code());
        if (problems.isEmpty() && find(code).isPresent()) {
            problems.add(new Problem("code", "approval.step.codeTaken", code));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int position = f.position() != null
                ? f.position()
                : jdbc.sql("select coalesce(max(position), 0) + 10 from approval_step")
                        .query(Integer.class)
                        .single();
        jdbc.sql("insert into approval_step (code, name, name_en, limit_days, position) values (:c, :n, :e, :l, :p)")
                .param("c", code)
                .param("n", f.name().trim())
                .param("e", f.nameEn().trim())
                .param("l", f.limitDays())
                .param("p", position)
                .update();
        audit.record(
                "APPROVAL_STEP_CREATE",
                "approval_step",
                null,
                Outcome.SUCCESS,
                code + " " + f.name().trim() + " " + f.limitDays() + "d");
        return find(code).orElseThrow();
    }

    /** Renames, changes the limit of, reorders, retires or restores a step at the version read (stale: 409). */
    @Transactional
    public Step update(String code, Form f) {
        return update(code, f, List.of());
    }

    @Transactional
    Step update(String code, Form f, List<Problem> typed) {
        requireEditor();
        Step now = find(code).orElseThrow(() -> new NotFoundException("approval_step", code));
        var problems = InvalidInputException.merge(typed, checkForm(f, code));
        if (f.version() == null) {
            problems.add(new Problem("version", "validation.required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int rows = jdbc.sql("update approval_step set name = :n, name_en = :e, limit_days = :l, position = :p, "
                        + "active = :a, version = version + 1 where code = :c and version = :v")
                .param("n", f.name().trim())
                .param("e", f.nameEn().trim())
                .param("l", f.limitDays())
                .param("p", f.position() == null ? now.position() : f.position())
                .param("a", f.active() == null ? now.active() : f.active())
                .param("c", code)
                .param("v", f.version())
                .update();
        ConflictException.unlessUpdated(rows, "approval_step", f.version(), () -> {
            Step s = find(code).orElseThrow();
            var shown = new LinkedHashMap<String, Object>();
            shown.put("name", s.name());
            shown.put("limitDays", s.limitDays());
            shown.put("active", s.active());
            return new ConflictException.Stored(s.version(), shown);
        });
        audit.record(
                "APPROVAL_STEP_UPDATE",
                "approval_step",
                null,
                Outcome.SUCCESS,
                code + ": " + now.name() + " " + now.limitDays() + "d -> "
                        + f.name().trim() + " " + f.limitDays() + "d"
                        + (Boolean.FALSE.equals(f.active()) ? " (停用)" : ""));
        return find(code).orElseThrow();
    }

    private static String normalCode(@Nullable String code) {
        return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    }

    private List<Problem> checkForm(Form f, @Nullable String existing) {
        var problems = new ArrayList<Problem>();
        if (existing == null && !CODE.matcher(normalCode(f.code())).matches()) {
            problems.add(new Problem("code", "approval.step.codeFormat"));
        }
        if (f.name() == null || f.name().isBlank()) {
            problems.add(new Problem("name", "validation.required"));
        } else {
            InvalidInputException.checkLength(problems, "name", f.name().trim(), 50);
            boolean taken = jdbc.sql("select count(*) from approval_step where name = :n and code <> :c")
                            .param("n", f.name().trim())
                            .param("c", existing == null ? "" : existing)
                            .query(Long.class)
                            .single()
                    > 0;
            if (taken) {
                problems.add(
                        new Problem("name", "approval.step.nameTaken", f.name().trim()));
            }
        }
        if (f.nameEn() == null || f.nameEn().isBlank()) {
            problems.add(new Problem("nameEn", "validation.required"));
        } else {
            InvalidInputException.checkLength(problems, "nameEn", f.nameEn().trim(), 80);
        }
        if (f.limitDays() == null) {
            problems.add(new Problem("limitDays", "approval.step.limitRequired"));
        } else if (f.limitDays() < 1 || f.limitDays() > 3650) {
            problems.add(new Problem("limitDays", "approval.step.limitRange", String.valueOf(f.limitDays())));
        }
        if (f.position() != null && (f.position() < 0 || f.position() > 100_000)) {
            problems.add(new Problem("position", "validation.invalid"));
        }
        return problems;
    }

    private void requireEditor() {
        if (!canEdit()) {
            throw new AccessDeniedException("the approval steps are the city's");
        }
    }

    private static Step map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Step(
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("name_en"),
                rs.getInt("limit_days"),
                rs.getInt("position"),
                rs.getBoolean("active"),
                rs.getLong("version"));
    }
}
