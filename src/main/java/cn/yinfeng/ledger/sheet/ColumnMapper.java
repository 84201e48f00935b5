package cn.yinfeng.ledger.sheet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each header column its field: first a mapping the user saved for this name (or "ignore"), then the kind's
 * names and synonyms for the whole name, then — for a column under a shared parent such as 投资额(万元)/总投资 — for
 * its own last part; never the parent alone, which would give 其中省外资金 the parent's field. Columns a ledger keeps
 * for itself (序号, 备注) are kept aside, not reported; anything else unknown is listed for the user to map.
 */
public final class ColumnMapper {

    /** The value of a saved mapping that tells the import to leave a column alone. */
    public static final String IGNORE = "_ignore";

    private static final Set<String> OWN_COLUMNS = Set.of("序号", "编号", "备注", "说明", "附注", "No", "NO", "no");

    public record Mapping(
            Map<Integer, String> fields,
            List<Header.Column> unknown,
            List<Header.Column> ignored,
            List<Header.Column> duplicates) {

        /** The header column that gives a field, or null. */
        public Integer columnOf(String field) {
            for (var e : fields.entrySet()) {
                if (e.getValue().equals(field)) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    private final Map<String, String> names;

    /** @param names the kind's column names and synonyms, each to its field (keys compared by {@link HeaderNames#key}) */
    public ColumnMapper(Map<String, String> names) {
        var keyed = new LinkedHashMap<String, String>();
        names.forEach((k, v) -> keyed.put(HeaderNames.key(k), v));
        this.names = keyed;
    }

    /** The field of a column name with no saved mapping; null when the kind does not know it. */
    public String fieldOf(String name) {
        String f = names.get(HeaderNames.key(name));
        if (f != null) {
            return f;
        }
        int slash = name.lastIndexOf('/');
        return slash < 0 ? null : names.get(HeaderNames.key(name.substring(slash + 1)));
    }

    /**
     * @param saved mappings the user saved for this region and kind: column name as written → field or {@link #IGNORE}
     */
    public Mapping map(Header header, Map<String, String> saved) {
        var savedByKey = new LinkedHashMap<String, String>();
        saved.forEach((k, v) -> savedByKey.put(HeaderNames.key(k), v));
        var fields = new LinkedHashMap<Integer, String>();
        var unknown = new ArrayList<Header.Column>();
        var ignored = new ArrayList<Header.Column>();
        var duplicates = new ArrayList<Header.Column>();
        for (Header.Column c : header.columns()) {
            String field = savedByKey.get(HeaderNames.key(c.name()));
            if (IGNORE.equals(field)) {
                ignored.add(c);
                continue;
            }
            if (field == null) {
                field = fieldOf(c.name());
            }
            if (field == null) {
                if (OWN_COLUMNS.contains(HeaderNames.key(c.name()))) {
                    ignored.add(c);
                } else {
                    unknown.add(c);
                }
                continue;
            }
            if (fields.containsValue(field)) {
                duplicates.add(c);
                continue;
            }
            fields.put(c.index(), field);
        }
        return new Mapping(fields, List.copyOf(unknown), List.copyOf(ignored), List.copyOf(duplicates));
    }
}
