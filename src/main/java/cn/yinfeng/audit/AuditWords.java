package cn.yinfeng.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The audit log in words for the page, the API and the export: an action code as its name (message key {@code
 * audit.action.CODE}, the code itself when unknown), a target as its kind and a link where the object has a page,
 * and a client address people read (the server itself as 本机, an IPv4-mapped IPv6 address as IPv4).
 */
@Component("auditWords")
public class AuditWords {

    /** Object kinds with a page of their own, and where it is. */
    private static final Map<String, String> PAGES = Map.of(
            "project", "/projects/",
            "enterprise", "/enterprises/",
            "supervision_task", "/supervision/tasks/",
            "delegation", "/activities/delegations/");

    /** One change as callers write it in the detail: {@code field: old -> new}, several joined by "; ". */
    private static final Pattern CHANGE = Pattern.compile("([A-Za-z][A-Za-z0-9]*): (.*) -> (.*)", Pattern.DOTALL);

    /** A changed field in words: its label (message key {@code audit.field.NAME}, else the name), old, new. */
    public record Change(String field, String before, String after) {}

    private final MessageSource messages;

    AuditWords(MessageSource messages) {
        this.messages = messages;
    }

    /** The action's name in the locale, or its code where no name is known. */
    public String action(@Nullable String code, Locale locale) {
        if (code == null) {
            return "";
        }
        return messages.getMessage("audit.action." + code, null, code, locale);
    }

    /** The target's kind in words, or the stored kind where no name is known. */
    public String targetType(@Nullable String type, Locale locale) {
        if (type == null) {
            return "";
        }
        return messages.getMessage("audit.target." + type, null, type, locale);
    }

    /** The page of the target, or null where its kind has no page or the row names no id. */
    public @Nullable String targetLink(@Nullable String type, @Nullable String id) {
        if (type == null || id == null || !id.matches("\\d{1,18}")) {
            return null;
        }
        String base = PAGES.get(type);
        return base == null ? null : base + id;
    }

    /** The client address as people read it. */
    public String address(@Nullable String ip, Locale locale) {
        String shown = readableAddress(ip);
        return shown == null ? messages.getMessage("audit.local", null, locale) : shown;
    }

    /**
     * The address to show, or null for the server itself (IPv4 or IPv6 loopback): {@code ::ffff:10.0.0.5} reads
     * {@code 10.0.0.5}; any other address is shown as stored; no address reads "—".
     */
    static @Nullable String readableAddress(@Nullable String ip) {
        if (ip == null || ip.isBlank()) {
            return "—";
        }
        String a = ip.trim().toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        for (String mapped : new String[] {"::ffff:", "0:0:0:0:0:ffff:"}) {
            if (a.startsWith(mapped) && a.substring(mapped.length()).matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                a = a.substring(mapped.length());
            }
        }
        if (a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.startsWith("127.") || a.equals("localhost")) {
            return null;
        }
        return a.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? a : ip.trim();
    }

    /**
     * The detail's field changes as lines, or an empty list when the detail is not a list of changes (then the page
     * shows the detail as written).
     */
    public List<Change> changes(@Nullable String detail, Locale locale) {
        var out = new ArrayList<Change>();
        if (detail == null || !detail.contains(" -> ")) {
            return out;
        }
        for (String part : detail.split("; ")) {
            Matcher m = CHANGE.matcher(part.trim());
            if (!m.matches()) {
                return new ArrayList<>();
            }
            String label = messages.getMessage("audit.field." + m.group(1), null, m.group(1), locale);
            out.add(new Change(label, m.group(2), m.group(3)));
        }
        return out;
    }
}
