package cn.yinfeng.ledger;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.Like;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.ledger.Imports.Outcome;
import cn.yinfeng.ledger.Imports.RowResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The caller's imports as their pages list them: 我的导入记录 (searched, sorted, paged) and one batch with its report. */
@Service
public class ImportHistory {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;

    ImportHistory(JdbcClient jdbc, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    /** A batch as its page shows it: where it is, how far a running one has got, its report once it has one. */
    public record Batch(
            long id,
            ImportKind kind,
            String fileName,
            String status,
            int created,
            int updated,
            int unchanged,
            int rejected,
            List<RowResult> results,
            String error,
            String phase,
            int done,
            int total,
            boolean stale,
            Instant at,
            Imports.SheetInfo sheet,
            ImportOptions options) {

        public boolean running() {
            return ImportBatches.Status.valueOf(status).running();
        }

        public int rows() {
            return created + updated + unchanged + rejected;
        }

        /** How far the row-by-row check has got, in percent; -1 in phases that cannot say (a bar without end). */
        public int percent() {
            return "CHECKING".equals(phase) && total > 0 ? (int) (100L * done / total) : -1;
        }

        /** Rows of the report not on its page (the copy with results has them). */
        public int hiddenRows() {
            return results == null
                    ? 0
                    : Math.max(
                            0,
                            rows()
                                    - (int) results.stream()
                                            .filter(r -> r.outcome() != Outcome.SKIP)
                                            .count());
        }
    }

    static final List<String> STATUSES =
            Arrays.stream(ImportBatches.Status.values()).map(Enum::name).toList();

    private static final Map<String, String> HISTORY_SORTS = Map.of(
            "at",
            "b.at",
            "kind",
            "b.kind",
            "file",
            "b.file_name",
            "status",
            "b.status",
            "created",
            "b.created",
            "updated",
            "b.updated",
            "unchanged",
            "b.unchanged",
            "rejected",
            "b.rejected");

    /** The caller's imports: file name containing {@code q}, in a status; sorted by a column, 20 a page. */
    public record HistorySearch(String q, String status, String sort, boolean desc, int page) {

        public HistorySearch {
            q = q == null || q.isBlank() ? null : q.trim();
            status = status != null && STATUSES.contains(status) ? status : null;
            sort = sort != null && HISTORY_SORTS.containsKey(sort) ? sort : "at";
            page = Math.max(0, page);
        }
    }

    /** One import in the caller's list. */
    public record HistoryRow(
            long id,
            ImportKind kind,
            String fileName,
            String status,
            int created,
            int updated,
            int unchanged,
            int rejected,
            Instant at) {}

    public PageResult<HistoryRow> history(HistorySearch search) {
        String where = " where b.user_id = :u" + (search.q() == null ? "" : " and b.file_name ilike :q escape '\\'")
                + (search.status() == null ? "" : " and b.status = :s");
        UnaryOperator<JdbcClient.StatementSpec> bind = spec -> {
            spec = spec.param("u", currentUser.require().id());
            if (search.q() != null) {
                spec = spec.param("q", Like.contains(search.q()));
            }
            return search.status() == null ? spec : spec.param("s", search.status());
        };
        long total = bind.apply(jdbc.sql("select count(*) from import_batch b" + where))
                .query(Long.class)
                .single();
        int size = 20;
        var rows = bind.apply(jdbc.sql("select b.id, b.kind, b.file_name, b.status, b.created, b.updated, b.unchanged, "
                        + "b.rejected, b.at from import_batch b" + where + " order by "
                        + HISTORY_SORTS.get(search.sort()) + (search.desc() ? " desc" : " asc") + ", b.id desc "
                        + "limit :limit offset :offset"))
                .param("limit", size)
                .param("offset", (long) search.page() * size)
                .query((rs, n) -> new HistoryRow(
                        rs.getLong("id"),
                        ImportKind.valueOf(rs.getString("kind")),
                        rs.getString("file_name"),
                        rs.getString("status"),
                        rs.getInt("created"),
                        rs.getInt("updated"),
                        rs.getInt("unchanged"),
                        rs.getInt("rejected"),
                        rs.getTimestamp("at").toInstant()))
                .list();
        return new PageResult<>(rows, total, search.page(), size);
    }

    /** The caller's own batch; another user's is not found. */
    public Batch batch(long id) {
        return jdbc.sql("""
                select b.id, b.kind, b.file_name, b.status, b.created, b.updated, b.unchanged, b.rejected,
                       b.report::text as report, b.error, b.at, g.phase, g.rows_done, g.rows_total,
                       b.sheet::text as sheet, b.options::text as options,
                       b.status in ('PREVIEWING', 'COMMITTING')
                           and coalesce(g.heartbeat_at, b.at) < now() - make_interval(secs => :stale) as stale
                  from import_batch b left join import_progress g on g.batch_id = b.id
                 where b.id = :id and b.user_id = :u
                """)
                .param("id", id)
                .param("u", currentUser.require().id())
                .param("stale", ImportJobs.STALE.toSeconds())
                .query((rs, n) -> new Batch(
                        rs.getLong("id"),
                        ImportKind.valueOf(rs.getString("kind")),
                        rs.getString("file_name"),
                        rs.getString("status"),
                        rs.getInt("created"),
                        rs.getInt("updated"),
                        rs.getInt("unchanged"),
                        rs.getInt("rejected"),
                        rs.getString("report") == null
                                ? null
                                : List.of(Imports.JSON.readValue(rs.getString("report"), RowResult[].class)),
                        rs.getString("error"),
                        rs.getString("phase"),
                        rs.getInt("rows_done"),
                        rs.getInt("rows_total"),
                        rs.getBoolean("stale"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("sheet") == null
                                ? null
                                : Imports.JSON.readValue(rs.getString("sheet"), Imports.SheetInfo.class),
                        ImportOptions.parse(rs.getString("options"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("import", id));
    }
}
