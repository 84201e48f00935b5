package cn.yinfeng.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The audit log for administrators: a filtered, sortable list, and the chain check (page and API). */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "audit", description = "审计日志 / audit log")
class AuditController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AuditQueries queries;
    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;
    private final MessageSource messages;
    private final ZoneId zone;
    private final AuditWords words;
    private final ObjectProvider<AuditUserNames> userNames;

    AuditController(
            AuditQueries queries,
            AuditLog audit,
            AuditCheckpoints checkpoints,
            MessageSource messages,
            Clock clock,
            AuditWords words,
            ObjectProvider<AuditUserNames> userNames) {
        this.words = words;
        this.userNames = userNames;
        this.queries = queries;
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.messages = messages;
        this.zone = clock.getZone();
    }

    @GetMapping("/admin/audit")
    String list(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Outcome outcome,
            @RequestParam(defaultValue = "at") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var search = new AuditSearch(from, to, username, action, outcome, sort, dir, page, 50);
        model.addAttribute("search", search);
        var result = queries.search(search);
        model.addAttribute("result", result);
        var names = names(result);
        model.addAttribute("userNames", names);
        // the user a row acts on, by row id: "用户 王科长 (1)" rather than "user 1"
        var targetNames = new HashMap<Long, String>();
        result.rows().forEach(e -> {
            Long target = userTarget(e);
            if (target != null && names.containsKey(target)) {
                targetNames.put(e.id(), names.get(target));
            }
        });
        model.addAttribute("targetNames", targetNames);
        model.addAttribute("actions", queries.actions());
        model.addAttribute("outcomes", Outcome.values());
        return "audit/list";
    }

    @PostMapping("/admin/audit/verify")
    String verify(Model model, Locale locale) {
        model.addAttribute("verification", verifyAndRecord(locale));
        return list(null, null, null, null, null, "at", "desc", 0, model);
    }

    @PostMapping("/admin/audit/checkpoint")
    String checkpoint(RedirectAttributes redirect, Locale locale) {
        var written = writeCheckpoint();
        redirect.addFlashAttribute(
                "flash",
                written.map(cp -> messages.getMessage(
                                "audit.checkpoint.written",
                                new Object[] {
                                    cp.id(), time(cp.at()), checkpoints.file().toString()
                                },
                                locale))
                        .orElseGet(() -> messages.getMessage("audit.checkpoint.empty", null, locale)));
        return "redirect:/admin/audit";
    }

    @GetMapping("/api/v1/audit")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Audit rows, filtered and paged (administrators)")
    NamedPage api(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Outcome outcome,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Locale locale) {
        var result = queries.search(new AuditSearch(from, to, username, action, outcome, "at", "desc", page, size));
        var names = names(result);
        return new NamedPage(
                result.rows().stream()
                        .map(e -> new NamedEntry(
                                e.id(),
                                e.at(),
                                e.userId(),
                                e.username(),
                                e.userId() == null ? null : names.get(e.userId()),
                                e.regionId(),
                                e.action(),
                                words.action(e.action(), locale),
                                e.targetType(),
                                e.targetId(),
                                words.targetLink(e.targetType(), e.targetId()),
                                e.outcome(),
                                e.detail(),
                                e.clientIp(),
                                words.address(e.clientIp(), locale),
                                e.prevHash(),
                                e.hash()))
                        .toList(),
                result.total(),
                result.page(),
                result.size());
    }

    /** The id of the user a row acts on ("user" and "app_user" targets), or null. */
    static @Nullable Long userTarget(AuditEntry e) {
        if (e.targetId() == null
                || !("user".equals(e.targetType()) || "app_user".equals(e.targetType()))
                || !e.targetId().matches("\\d{1,18}")) {
            return null;
        }
        return Long.valueOf(e.targetId());
    }

    /** An audit row as stored, with its action, user and address in words. */
    public record NamedEntry(
            long id,
            Instant at,
            @Nullable Long userId,
            @Nullable String username,
            @Nullable String userDisplayName,
            @Nullable Long regionId,
            String action,
            String actionName,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String targetLink,
            Outcome outcome,
            @Nullable String detail,
            @Nullable String clientIp,
            String address,
            @Nullable String prevHash,
            String hash) {}

    /** A page of audit rows in words. */
    public record NamedPage(List<NamedEntry> rows, long total, int page, int size) {}

    private Map<Long, String> names(AuditQueries.Page result) {
        var ids = new LinkedHashSet<Long>();
        result.rows().forEach(e -> {
            if (e.userId() != null) {
                ids.add(e.userId());
            }
            Long target = userTarget(e);
            if (target != null) {
                ids.add(target);
            }
        });
        AuditUserNames source = userNames.getIfAvailable();
        return source == null || ids.isEmpty() ? Map.of() : source.displayNames(ids);
    }

    @GetMapping("/api/v1/audit/verify")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Walk the hash chain and report the first row that does not fit (administrators)")
    AuditQueries.Verification apiVerify(Locale locale) {
        return verifyAndRecord(locale);
    }

    /** What a checkpoint written on demand recorded (204 while the log is empty). */
    public record CheckpointWritten(long id, String hash, Instant at, String file) {}

    @PostMapping("/api/v1/audit/checkpoint")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Write a signed checkpoint of the chain's newest row to the checkpoint file and the log now")
    ResponseEntity<CheckpointWritten> apiCheckpoint() {
        return writeCheckpoint()
                .map(cp -> ResponseEntity.ok(new CheckpointWritten(
                        cp.id(), cp.hash(), cp.at(), checkpoints.file().toString())))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    private Optional<AuditCheckpoints.Checkpoint> writeCheckpoint() {
        audit.record(
                "AUDIT_CHECKPOINT",
                "audit_log",
                null,
                Outcome.SUCCESS,
                checkpoints.file().toString());
        return checkpoints.write("on demand");
    }

    private AuditQueries.Verification verifyAndRecord(Locale locale) {
        var result = queries.verify();
        audit.record(
                "AUDIT_VERIFY",
                "audit_log",
                null,
                result.intact() ? Outcome.SUCCESS : Outcome.FAILURE,
                result.intact()
                        ? result.rowsChecked() + " rows, " + result.checkpointsChecked() + " checkpoints"
                        : result.reason() + " at " + result.brokenAt());
        return result.withMessage(describe(result, locale));
    }

    /** The finding in words: which row, what failed, against which checkpoint. */
    String describe(AuditQueries.Verification v, Locale locale) {
        String cpAt = v.checkpointAt() == null ? "—" : time(v.checkpointAt());
        String file = v.checkpointFile();
        Object[] args;
        String key;
        if (v.reason() == null) {
            if (v.checkpointId() == null) {
                key = "audit.verified.intactNoCheckpoint";
                args = new Object[] {v.rowsChecked(), file};
            } else {
                key = "audit.verified.intact";
                args = new Object[] {v.rowsChecked(), v.checkpointsChecked(), cpAt, v.checkpointId()};
            }
        } else {
            key = switch (v.reason()) {
                case "link" -> "audit.verified.link";
                case "content" -> "audit.verified.content";
                case "rule" -> "audit.verified.rule";
                case "checkpoint-hash" -> "audit.verified.checkpointHash";
                case "checkpoint-missing" -> "audit.verified.checkpointMissing";
                case "checkpoint-file" -> "audit.verified.checkpointFile";
                default -> "audit.verified.checkpointUnreadable";
            };
            Integer cpLine = v.checkpointLine();
            args = switch (v.reason()) {
                case "checkpoint-hash" -> new Object[] {v.brokenAt(), v.rowsChecked(), cpAt, cpLine};
                case "checkpoint-missing" ->
                    new Object[] {
                        v.brokenAt(),
                        cpAt,
                        cpLine,
                        v.rowBefore() == null ? "—" : v.rowBefore().toString()
                    };
                case "checkpoint-file" -> new Object[] {file, v.badLine()};
                case "checkpoint-unreadable" -> new Object[] {file, v.checkpointError()};
                default -> new Object[] {v.brokenAt(), v.rowsChecked()};
            };
        }
        return messages.getMessage(key, args, locale);
    }

    private String time(Instant at) {
        return TIME.format(at.atZone(zone));
    }
}
