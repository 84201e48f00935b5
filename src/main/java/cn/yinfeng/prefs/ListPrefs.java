package cn.yinfeng.prefs;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed-in user's settings of one list ({@code listKey}, such as {@code projects}): the columns they hid, their
 * page size, and their saved filters. Always the caller's own rows: no method takes a user id. A saved filter holds
 * only parameter names and values; the list that applies it scopes its query to the user as for any other request.
 */
@Service
public class ListPrefs {

    /** Page sizes a list offers. */
    public static final List<Integer> PAGE_SIZES = List.of(20, 50, 100);

    /** A user's settings of one list; {@code version} 0 and nothing hidden when never saved. */
    public record Pref(String listKey, List<String> hiddenColumns, Integer pageSize, long version) {

        public boolean hidden(String column) {
            return hiddenColumns.contains(column);
        }
    }

    /** A named filter: the list's query parameters (filters and sort) by name. */
    public record SavedFilter(long id, String listKey, String name, Map<String, String> params) {

        /** The parameters as a URL's query, encoded: {@code listPath + '?' + query()}. */
        public String query() {
            return cn.yinfeng.common.Pager.query(params.entrySet());
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final Set<String> NOT_SAVED = Set.of("cursor", "before", "page", "size", "lang", "_csrf");
    static final int MAX_FILTERS = 30;

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;

    ListPrefs(JdbcClient jdbc, CurrentUser currentUser, AuditLog audit) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    private long me() {
        return currentUser.require().id();
    }

    static String checkKey(String listKey) {
        if (listKey == null || !KEY.matcher(listKey).matches()) {
            throw new InvalidInputException("listKey", "validation.invalid");
        }
        return listKey;
    }

    /** The caller's settings of the list (defaults when never saved). */
    @Transactional(readOnly = true)
    public Pref get(String listKey) {
        checkKey(listKey);
        return jdbc.sql("select hidden_columns::text, page_size, version from user_list_pref"
                        + " where user_id = :u and list_key = :k")
                .param("u", me())
                .param("k", listKey)
                .query((rs, n) -> new Pref(listKey, columns(rs.getString(1)), (Integer) rs.getObject(2), rs.getLong(3)))
                .optional()
                .orElse(new Pref(listKey, List.of(), null, 0));
    }

    /**
     * Saves the hidden columns and page size as read at {@code version} (0 for never saved): a stale version is a
     * conflict, not a silent overwrite of what another tab saved. {@code pageSize} null keeps the list's default.
     */
    @Transactional
    public Pref save(String listKey, List<String> hiddenColumns, Integer pageSize, long version) {
        checkKey(listKey);
        var hidden = new LinkedHashSet<String>();
        for (String c : hiddenColumns == null ? List.<String>of() : hiddenColumns) {
            if (c == null || !COLUMN.matcher(c).matches() || hidden.size() >= 40) {
                throw new InvalidInputException("hiddenColumns", "validation.invalid");
            }
            hidden.add(c);
        }
        if (pageSize != null && !PAGE_SIZES.contains(pageSize)) {
            throw new InvalidInputException("pageSize", "validation.invalid");
        }
        long user = me();
        String json = JSON.writeValueAsString(new ArrayList<>(hidden));
        int rows;
        if (version == 0) {
            rows = jdbc.sql("insert into user_list_pref (user_id, list_key, hidden_columns, page_size, version)"
                            + " values (:u, :k, cast(:h as jsonb), :s, 1) on conflict do nothing")
                    .param("u", user)
                    .param("k", listKey)
                    .param("h", json)
                    .param("s", pageSize)
                    .update();
        } else {
            rows = jdbc.sql("update user_list_pref set hidden_columns = cast(:h as jsonb), page_size = :s,"
                            + " version = version + 1, updated_at = now()"
                            + " where user_id = :u and list_key = :k and version = :v")
                    .param("u", user)
                    .param("k", listKey)
                    .param("h", json)
                    .param("s", pageSize)
                    .param("v", version)
                    .update();
        }
        ConflictException.unlessUpdated(rows, "list-pref", version, () -> {
            Pref now = get(listKey);
            var shown = new LinkedHashMap<String, Object>();
            shown.put("hiddenColumns", String.join(",", now.hiddenColumns()));
            shown.put("pageSize", now.pageSize());
            return new ConflictException.Stored(now.version(), shown);
        });
        audit.record("LIST_PREF", "user_list_pref", listKey, Outcome.SUCCESS, "hidden=" + hidden + " size=" + pageSize);
        return get(listKey);
    }

    /** Saves the page size only (the pager's choice), keeping the columns; no conflict: the last choice wins. */
    @Transactional
    public void savePageSize(String listKey, int pageSize) {
        Pref now = get(listKey);
        if (now.pageSize() == null || now.pageSize() != pageSize) {
            save(listKey, now.hiddenColumns(), pageSize, now.version());
        }
    }

    /** The caller's saved filters of the list, by name. */
    @Transactional(readOnly = true)
    public List<SavedFilter> filters(String listKey) {
        checkKey(listKey);
        return jdbc.sql("select id, name, params::text from user_saved_filter where user_id = :u and list_key = :k"
                        + " order by name, id")
                .param("u", me())
                .param("k", listKey)
                .query((rs, n) -> new SavedFilter(rs.getLong(1), listKey, rs.getString(2), params(rs.getString(3))))
                .list();
    }

    /**
     * Saves the list's current parameters under a name (the same name again replaces them). Paging parameters are
     * dropped: a saved filter opens on its first page.
     */
    @Transactional
    public SavedFilter saveFilter(String listKey, String name, Map<String, String> params) {
        checkKey(listKey);
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) {
            throw new InvalidInputException("name", "validation.required");
        }
        if (n.length() > 60) {
            throw new InvalidInputException("name", "validation.tooLong", 60);
        }
        var kept = new LinkedHashMap<String, String>();
        (params == null ? Map.<String, String>of() : params).forEach((k, v) -> {
            if (k == null || !PARAM.matcher(k).matches() || kept.size() >= 30) {
                throw new InvalidInputException("params", "validation.invalid");
            }
            if (!NOT_SAVED.contains(k) && v != null && !v.isBlank()) {
                if (v.length() > 200) {
                    throw new InvalidInputException("params", "validation.invalid");
                }
                kept.put(k, v.trim());
            }
        });
        long user = me();
        long count = jdbc.sql("select count(*) from user_saved_filter where user_id = :u and list_key = :k")
                .param("u", user)
                .param("k", listKey)
                .query(Long.class)
                .single();
        if (count >= MAX_FILTERS) {
            throw new InvalidInputException("name", "listPrefs.tooMany", MAX_FILTERS);
        }
        long id = jdbc.sql("insert into user_saved_filter (user_id, list_key, name, params)"
                        + " values (:u, :k, :n, cast(:p as jsonb))"
                        + " on conflict (user_id, list_key, name) do update set params = excluded.params"
                        + " returning id")
                .param("u", user)
                .param("k", listKey)
                .param("n", n)
                .param("p", JSON.writeValueAsString(kept))
                .query(Long.class)
                .single();
        audit.record("LIST_FILTER_SAVE", "user_saved_filter", id, Outcome.SUCCESS, listKey + " " + n);
        return new SavedFilter(id, listKey, n, kept);
    }

    /** Deletes one of the caller's saved filters; another user's id is not found. */
    @Transactional
    public void deleteFilter(String listKey, long id) {
        checkKey(listKey);
        int rows = jdbc.sql("delete from user_saved_filter where id = :id and user_id = :u and list_key = :k")
                .param("id", id)
                .param("u", me())
                .param("k", listKey)
                .update();
        if (rows == 0) {
            throw new NotFoundException("saved-filter", id);
        }
        audit.record("LIST_FILTER_DELETE", "user_saved_filter", id, Outcome.SUCCESS, listKey);
    }

    private static List<String> columns(String json) {
        return List.copyOf(JSON.readValue(json, new TypeReference<List<String>>() {}));
    }

    private static Map<String, String> params(String json) {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    }
}
