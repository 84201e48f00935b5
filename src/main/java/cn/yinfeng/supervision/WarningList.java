package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.common.PageResult;
import cn.yinfeng.regions.RegionScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Reading warnings: the list with its filters, one warning, the board's counts and the lights of projects. */
@Service
class WarningList {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Warning(
            long id,
            String rule,
            String ruleName,
            String subjectType,
            long subjectId,
            String subjectName,
            long regionId,
            String regionName,
            Long ownerId,
            String ownerName,
            String level,
            Map<String, Object> detail,
            Instant raisedAt,
            Instant lastSeenAt,
            Instant clearedAt) {

        public boolean active() {
            return clearedAt == null;
        }
    }

    /** A project's light (2 red, 1 yellow, 0 green) and how many of its warnings are active. */
    public record Light(int level, int warnings) {}

    public record Search(
            String rule,
            String level,
            Long regionId,
            boolean history,
            Long ownerId,
            String sort,
            boolean desc,
            int page,
            int size) {}

    public record Count(String regionName, String rule, String ruleName, long yellow, long red) {}

    private static final String SELECT = """
            select w.*, wr.name_zh, wr.name_en, r.name as region_name,
                   case w.subject_type when 'PROJECT' then p.name when 'REGION' then rr.name
                        else pa.name || ' / ' || pb.name end as subject_name
              from warning w
              join warning_rule wr on wr.code = w.rule_code
              join region r on r.id = w.region_id
              left join project p on w.subject_type = 'PROJECT' and p.id = w.subject_id
              left join region rr on w.subject_type = 'REGION' and rr.id = w.subject_id
              left join project pa on w.subject_type = 'PAIR' and pa.id = (w.detail ->> 'a')::bigint
              left join project pb on w.subject_type = 'PAIR' and pb.id = (w.detail ->> 'b')::bigint
            """;

    private static final Map<String, String> SORTS = Map.of(
            "raised",
            "w.raised_at",
            "level",
            "w.level",
            "rule",
            "wr.sort_order",
            "region",
            "r.path",
            "seen",
            "w.last_seen_at");

    private final JdbcClient jdbc;
    private final Accounts accounts;

    WarningList(JdbcClient jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** The lights of these projects from their active warnings (projects without one are green). */
    public Map<Long, Light> projectLights(Collection<Long> projectIds) {
        var out = new HashMap<Long, Light>();
        if (projectIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select w.subject_id, max(case w.level when 'RED' then 2 when 'YELLOW' then 1 else 0 end), count(*)
                  from warning w
                 where w.subject_type = 'PROJECT' and w.subject_id = any(:ids) and w.cleared_at is null
                 group by w.subject_id
                """).param("ids", projectIds.toArray(Long[]::new)).query(rs -> {
            out.put(rs.getLong(1), new Light(rs.getInt(2), rs.getInt(3)));
        });
        return out;
    }

    public PageResult<Warning> search(Search s, RegionScope scope, Locale locale) {
        var where = new ArrayList<String>();
        where.add(scope.where("w.region_id"));
        where.add(s.history() ? "true" : "w.cleared_at is null");
        Map<String, Object> params = new HashMap<>();
        if (s.rule() != null && !s.rule().isBlank()) {
            where.add("w.rule_code = :rule");
            params.put("rule", s.rule());
        }
        if (s.level() != null && !s.level().isBlank()) {
            where.add("w.level = :level");
            params.put("level", s.level());
        }
        if (s.regionId() != null) {
            where.add("w.region_id in (select id from region where path like (select path from region where id = "
                    + ":regionId) || '%')");
            params.put("regionId", s.regionId());
        }
        if (s.ownerId() != null) {
            where.add("w.owner_user_id = :owner");
            params.put("owner", s.ownerId());
        }
        String order = SORTS.getOrDefault(s.sort(), "w.raised_at") + (s.desc() ? " desc" : " asc") + ", w.id desc";
        String cond = String.join(" and ", where);
        long total = scope.bind(jdbc.sql("select count(*) from warning w join warning_rule wr on wr.code = "
                        + "w.rule_code join region r on r.id = w.region_id where " + cond))
                .params(params)
                .query(Long.class)
                .single();
        var rows = scope.bind(jdbc.sql(SELECT + " where " + cond + " order by " + order + " limit :size offset :off"))
                .params(params)
                .param("size", s.size())
                .param("off", s.page() * s.size())
                .query((rs, n) -> map(rs, locale))
                .list();
        return new PageResult<>(withOwnerNames(rows), total, s.page(), s.size());
    }

    public Warning get(long id, RegionScope scope, Locale locale) {
        return scope.bind(jdbc.sql(SELECT + " where w.id = :id and " + scope.where("w.region_id")))
                .param("id", id)
                .query((rs, n) -> map(rs, locale))
                .optional()
                .map(w -> withOwnerNames(List.of(w)).get(0))
                .orElseThrow(() -> new NotFoundException("warning", id));
    }

    /** Active warnings by region and rule, for the bureau's board. */
    public List<Count> counts(RegionScope scope, Locale locale) {
        return scope.bind(jdbc.sql("""
                select r.name as region_name, wr.code, wr.name_zh, wr.name_en,
                       count(*) filter (where w.level = 'YELLOW') as yellow,
                       count(*) filter (where w.level = 'RED') as red
                  from warning w join warning_rule wr on wr.code = w.rule_code join region r on r.id = w.region_id
                 where w.cleared_at is null and %s
                 group by r.path, r.name, wr.sort_order, wr.code, wr.name_zh, wr.name_en
                 order by r.path, wr.sort_order
                """.formatted(scope.where("w.region_id"))))
                .query((rs, n) -> new Count(
                        rs.getString("region_name"),
                        rs.getString("code"),
                        "en".equals(locale.getLanguage()) ? rs.getString("name_en") : rs.getString("name_zh"),
                        rs.getLong("yellow"),
                        rs.getLong("red")))
                .list();
    }

    /** The warnings with their owners' names, looked up together (the accounts module holds them). */
    private List<Warning> withOwnerNames(List<Warning> rows) {
        Map<Long, String> names = accounts.displayNames(
                rows.stream().map(Warning::ownerId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return rows.stream()
                .map(w -> new Warning(
                        w.id(),
                        w.rule(),
                        w.ruleName(),
                        w.subjectType(),
                        w.subjectId(),
                        w.subjectName(),
                        w.regionId(),
                        w.regionName(),
                        w.ownerId(),
                        w.ownerId() == null ? null : names.get(w.ownerId()),
                        w.level(),
                        w.detail(),
                        w.raisedAt(),
                        w.lastSeenAt(),
                        w.clearedAt()))
                .toList();
    }

    /** A warning as stored; the owner's name is added by {@link #withOwnerNames}. */
    private static Warning map(ResultSet rs, Locale locale) throws SQLException {
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = JSON.readValue(rs.getString("detail"), Map.class);
        Timestamp cleared = rs.getTimestamp("cleared_at");
        return new Warning(
                rs.getLong("id"),
                rs.getString("rule_code"),
                "en".equals(locale.getLanguage()) ? rs.getString("name_en") : rs.getString("name_zh"),
                rs.getString("subject_type"),
                rs.getLong("subject_id"),
                rs.getString("subject_name"),
                rs.getLong("region_id"),
                rs.getString("region_name"),
                (Long) rs.getObject("owner_user_id", Long.class),
                null,
                rs.getString("level"),
                detail,
                rs.getTimestamp("raised_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant(),
                cleared == null ? null : cleared.toInstant());
    }
}
