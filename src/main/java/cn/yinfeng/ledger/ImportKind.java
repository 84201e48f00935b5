package cn.yinfeng.ledger;

import cn.yinfeng.common.NotFoundException;
import java.util.Locale;

/** What a ledger file holds; the path segment of its API ({@code /api/v1/ledger/projects/preview}). */
public enum ImportKind {
    PROJECTS,
    ENTERPRISES,
    FUNDS,
    TRIPS,
    DELEGATIONS,
    ACTUALS;

    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportKind of(String text) {
        if (text == null || text.isBlank()) {
            return PROJECTS;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("import kind", text);
        }
    }
}
