package cn.yinfeng.projects;

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
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reasons a project is put on hold or ended (用地指标, 能耗指标, 环境容量, 资金, …): a list the city edits. A
 * reason in use is never deleted; the city retires it, and the projects that named it keep it.
 */
@Service
public class LossReasons {

    public record LossReason(
            String code, String name, String nameEn, boolean needsNote, int position, boolean active, long version) {

        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : name;
        }
    }

    /** A new reason or an edit; {@code version} as read, for an edit. */
    public record Form(
            String code,
            String name,
            String nameEn,
            Boolean needsNote,
            Integer position,
            Boolean active,
            Long version) {}

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");
    private static final String SELECT =
            "select code, name, name_en, needs_note, position, active, version from loss_reason ";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final MessageSource messages;

    LossReasons(JdbcClient jdbc, CurrentUser currentUser, AuditLog audit, MessageSource messages) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.audit = audit;
        this.messages = messages;
    }

    /** Every reason, retired ones too, in the city's order. */
    public List<LossReason> all() {
        return jdbc.sql(SELECT + "order by position, code")
                .query(LossReasons::map)
                .list();
    }

    /** The reasons a project can be given now. */
    public List<LossReason> active() {
        return all().stream().filter(LossReason::active).toList();
    }

    /**
     * Every reason's name in the user's language, by code, in the city's order, with
     * {@link ProjectLosses#UNEXPLAINED} for the projects that name none.
     */
    public Map<String, String> names(Locale locale) {
        var names = new LinkedHashMap<String, String>();
        all().forEach(r -> names.put(r.code(), r.name(locale)));
        names.put(ProjectLosses.UNEXPLAINED, messages.getMessage("loss.unexplained", null, locale));
        return names;
    }

    public Optional<LossReason> find(String code) {
        return jdbc.sql(SELECT + "where code = :c")
                .param("c", code)
                .query(LossReasons::map)
                .optional();
    }

    public boolean canEdit() {
        return currentUser
                .get()
                .map(u -> u.hasRole(Role.ADMIN) || u.hasRole(Role.CITY_STAFF))
                .orElse(false);
    }

    /**
     * The problems of a hold or a termination's reason: one must be chosen, from the active list, and a reason that
     * needs a note (其他) has one. {@code field} and {@code noteField} are the names the form or request used.
     */
    List<Problem> check(String code, String note, String field, String noteField) {
        var problems = new ArrayList<Problem>();
        if (code == null || code.isBlank()) {
            problems.add(new Problem(field, "loss.reasonRequired"));
            return problems;
        }
        Optional<LossReason> r = find(code.trim());
        if (r.isEmpty() || !r.get().active()) {
            problems.add(new Problem(field, "loss.reasonUnknown", code));
        } else if (r.get().needsNote() && (note == null || note.isBlank())) {
            problems.add(new Problem(noteField, "loss.noteRequired", r.get().name()));
        }
        InvalidInputException.checkLength(problems, noteField, note, 500);
        return problems;
    }

    @Transactional
    public void create(Form f) {
        requireEditor();
        var problems = checkForm(f, null);
        String code = f.code() == null ? "" : f.code().trim().toUpperCase(Locale.ROOT);
        if (problems.isEmpty() && find(code).isPresent()) {
            problems.add(new Problem("code", "loss.codeTaken", code));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int position = f.position() != null
                ? f.position()
                : jdbc.sql("select coalesce(max(position), 0) + 10 from loss_reason")
                        .query(Integer.class)
                        .single();
        jdbc.sql("insert into loss_reason (code, name, name_en, needs_note, position) values (:c, :n, :e, :nn, :p)")
                .param("c", code)
                .param("n", f.name().trim())
                .param("e", f.nameEn().trim())
                .param("nn", Boolean.TRUE.equals(f.needsNote()))
                .param("p", position)
                .update();
        audit.record(
                "LOSS_REASON_CREATE",
                "loss_reason",
                null,
                Outcome.SUCCESS,
                code + " " + f.name().trim());
    }

    /** Renames, reorders, retires or brings back a reason, at the version read (a stale one is a 409). */
    @Transactional
    public void update(String code, Form f) {
        requireEditor();
        LossReason now = find(code).orElseThrow(() -> new NotFoundException("loss_reason", code));
        var problems = checkForm(f, code);
        if (f.version() == null) {
            problems.add(new Problem("version", "validation.required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int rows = jdbc.sql("update loss_reason set name = :n, name_en = :e, needs_note = :nn, position = :p, "
                        + "active = :a, version = version + 1 where code = :c and version = :v")
                .param("n", f.name().trim())
                .param("e", f.nameEn().trim())
                .param("nn", f.needsNote() == null ? now.needsNote() : f.needsNote())
                .param("p", f.position() == null ? now.position() : f.position())
                .param("a", f.active() == null ? now.active() : f.active())
                .param("c", code)
                .param("v", f.version())
                .update();
        ConflictException.unlessUpdated(rows, "loss_reason", f.version(), () -> {
            LossReason r = find(code).orElseThrow();
            var shown = new LinkedHashMap<String, Object>();
            shown.put("name", r.name());
            shown.put("nameEn", r.nameEn());
            shown.put("active", r.active());
            return new ConflictException.Stored(r.version(), shown);
        });
        audit.record(
                "LOSS_REASON_UPDATE",
                "loss_reason",
                null,
                Outcome.SUCCESS,
                code + ": " + now.name() + " -> " + f.name().trim()
                        + (Boolean.FALSE.equals(f.active()) ? " (停用)" : ""));
    }

    private List<Problem> checkForm(Form f, String existing) {
        var problems = new ArrayList<Problem>();
        if (existing == null) {
            String code = f.code() == null ? "" : f.code().trim().toUpperCase(Locale.ROOT);
            if (!CODE.matcher(code).matches()) {
                problems.add(new Problem("code", "loss.codeFormat"));
            }
        }
        if (f.name() == null || f.name().isBlank()) {
            problems.add(new Problem("name", "validation.required"));
        } else {
            InvalidInputException.checkLength(problems, "name", f.name().trim(), 50);
            boolean taken = jdbc.sql("select count(*) from loss_reason where name = :n and code <> :c")
                            .param("n", f.name().trim())
                            .param("c", existing == null ? "" : existing)
                            .query(Long.class)
                            .single()
                    > 0;
            if (taken) {
                problems.add(new Problem("name", "loss.nameTaken", f.name().trim()));
            }
        }
        if (f.nameEn() == null || f.nameEn().isBlank()) {
            problems.add(new Problem("nameEn", "validation.required"));
        } else {
            InvalidInputException.checkLength(problems, "nameEn", f.nameEn().trim(), 80);
        }
        if (f.position() != null && (f.position() < 0 || f.position() > 100_000)) {
            problems.add(new Problem("position", "validation.invalid"));
        }
        return problems;
    }

    private void requireEditor() {
        if (!canEdit()) {
            throw new AccessDeniedException("the reasons list is the city's");
        }
    }

    private static LossReason map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new LossReason(
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("name_en"),
                rs.getBoolean("needs_note"),
                rs.getInt("position"),
                rs.getBoolean("active"),
                rs.getLong("version"));
    }
}
