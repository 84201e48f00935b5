package cn.yinfeng.audit;

import java.time.LocalDate;
import java.util.Set;

/**
 * Filters of the audit list. All optional.
 *
 * @param sort one of {@code at}, {@code username}, {@code action}, {@code outcome}
 * @param dir {@code asc} or {@code desc}
 */
public record AuditSearch(
        LocalDate from,
        LocalDate to,
        String username,
        String action,
        Outcome outcome,
        String sort,
        String dir,
        int page,
        int size) {

    public AuditSearch {
        sort = sort == null || !Set.of("at", "username", "action", "outcome").contains(sort) ? "at" : sort;
        dir = "asc".equalsIgnoreCase(dir) ? "asc" : "desc";
        page = Math.max(page, 0);
        size = size <= 0 ? 50 : Math.min(size, 200);
        username = blankToNull(username);
        action = blankToNull(action);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
