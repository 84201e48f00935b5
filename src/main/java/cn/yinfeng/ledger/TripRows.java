package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;
import static cn.yinfeng.ledger.ImportRun.same;
import static cn.yinfeng.ledger.ImportRun.trim;

import cn.yinfeng.activities.ActivityStatus;
import cn.yinfeng.activities.Trips;
import cn.yinfeng.activities.Trips.Trip;
import cn.yinfeng.activities.Trips.TripForm;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.ledger.Imports.Outcome;
import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.regions.Region;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Trips out (外出招商), through {@link Trips} like the trip form; enterprises visited become visits on the
 * first day. Natural key: region + start date + title. The activities export (type TRIP) reads back unchanged:
 * for a matched trip, a blank cell keeps what is stored.
 */
@Component
class TripRows implements RowHandler {

    static final List<Column> COLUMNS = List.of(
            Column.required("title", "出访事项"),
            Column.of("region", "区域"),
            Column.required("leader", "带队领导"),
            Column.of("rank", "领导职务"),
            Column.of("pointToPoint", "主要领导点对点").pick("是", "否"),
            Column.of("members", "随行人员"),
            Column.of("units", "参与单位"),
            Column.required("start", "开始日期"),
            Column.required("end", "结束日期"),
            Column.required("cities", "前往城市"),
            Column.of("purpose", "目的"),
            Column.of("outcome", "成果"),
            Column.of("status", "状态").pick("已完成", "计划"),
            Column.of("visits", "拜访企业"));

    static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("事项", "title"),
            Map.entry("标题", "title"),
            Map.entry("活动名称", "title"),
            Map.entry("招商活动", "title"),
            Map.entry("县市区", "region"),
            Map.entry("县(市、区)", "region"),
            Map.entry("所在区域", "region"),
            Map.entry("带队", "leader"),
            Map.entry("负责/带队", "leader"),
            Map.entry("带队人", "leader"),
            Map.entry("职务", "rank"),
            Map.entry("点对点", "pointToPoint"),
            Map.entry("成员", "members"),
            Map.entry("单位", "units"),
            Map.entry("出发日期", "start"),
            Map.entry("返回日期", "end"),
            Map.entry("城市", "cities"),
            Map.entry("目的地", "cities"),
            Map.entry("前往地区", "cities"),
            Map.entry("出访目的", "purpose"),
            Map.entry("主要成果", "outcome"),
            Map.entry("成效", "outcome"),
            Map.entry("拜访企业名单", "visits"),
            Map.entry("对接企业", "visits"),
            // as county offices head their own trip ledgers
            Map.entry("外出时间", "period"),
            Map.entry("出访时间", "period"),
            Map.entry("外出日期", "period"),
            Map.entry("起止时间", "period"),
            Map.entry("招商事由", "title"),
            Map.entry("外出事由", "title"),
            Map.entry("事由", "title"),
            Map.entry("带队领导/姓名", "leader"),
            Map.entry("带队领导/职务", "rank"),
            Map.entry("考察地点", "cities"),
            Map.entry("外出地点", "cities"),
            Map.entry("考察城市", "cities"),
            Map.entry("活动成效", "outcome"),
            Map.entry("对接成效", "outcome"),
            Map.entry("随行人员名单", "members"),
            Map.entry("外出时间/出发", "start"),
            Map.entry("外出时间/返回", "end"));

    static final Sheet SHEET = new Sheet(
            ImportKind.TRIPS,
            COLUMNS,
            SYNONYMS,
            "title",
            List.of(
                    "每行一次外出招商；已有记录按“区域 + 开始日期 + 出访事项”匹配，区域不填即本人所在区域。",
                    "拜访企业可写多家，用顿号、逗号或分号分隔，登记为第一天的拜访；已登记的拜访不会重复。",
                    "状态为“已完成”的活动日期不能晚于今天；尚未开展的请写“计划”。已有记录中空白的单元格表示保留原值。"));

    static final Map<String, ActivityStatus> STATUSES = Map.of(
            "已完成",
            ActivityStatus.DONE,
            "完成",
            ActivityStatus.DONE,
            "已开展",
            ActivityStatus.DONE,
            "计划",
            ActivityStatus.PLANNED,
            "计划中",
            ActivityStatus.PLANNED,
            "拟开展",
            ActivityStatus.PLANNED);

    private final Trips trips;
    private final JdbcClient jdbc;

    TripRows(Trips trips, JdbcClient jdbc) {
        this.trips = trips;
        this.jdbc = jdbc;
    }

    @Override
    public Sheet sheet() {
        return SHEET;
    }

    @Override
    public String fileKey(Map<String, String> row, ImportRun run) {
        return blank(row.get("title"))
                ? null
                : row.getOrDefault("region", "") + "|" + row.getOrDefault("start", row.getOrDefault("period", "")) + "|"
                        + row.get("title").trim();
    }

    private static final Pattern PERIOD =
            Pattern.compile("(\\d{4})[年./-](\\d{1,2})[月./-](\\d{1,2})日?\\s*(?:[-—–~～至到]+\\s*(?:(\\d{4})[年./-])?"
                    + "(?:(\\d{1,2})[月./-])?(\\d{1,2})日?)?");

    /**
     * The first and last day of a trip written in one cell as clerks write it: "2024.3.12-3.15", "2024年4月8日-10日",
     * "2024年4月8日至4月10日", "2024-03-12至2024-03-15", or one day ("2024.5.6", or a date cell); null when it is none
     * of these.
     */
    static LocalDate[] period(String text) {
        if (blank(text)) {
            return null;
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
        LocalDate one = Spreadsheets.date(t);
        if (one != null && one.getYear() >= 1900) { // not "3月12日-15日" read as the year 3
            return new LocalDate[] {one, one};
        }
        var m = PERIOD.matcher(t);
        if (!m.matches()) {
            return null;
        }
        try {
            int y = Integer.parseInt(m.group(1));
            int mo = Integer.parseInt(m.group(2));
            LocalDate start = LocalDate.of(y, mo, Integer.parseInt(m.group(3)));
            if (m.group(6) == null) {
                return new LocalDate[] {start, start};
            }
            LocalDate end = LocalDate.of(
                    m.group(4) == null ? y : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? mo : Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)));
            return end.isBefore(start) ? null : new LocalDate[] {start, end};
        } catch (DateTimeException e) {
            return null;
        }
    }

    static List<String> names(String text) {
        return blank(text)
                ? List.of()
                : Arrays.stream(text.split("[、，,；;\\n]+"))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .distinct()
                        .toList();
    }

    @Override
    public RowResult apply(int number, Map<String, String> r, ImportRun run) {
        var problems = new ArrayList<Problem>();
        ImportRun.required(r, "title", problems);
        LocalDate[] period = null;
        if (blank(r.get("start")) && !blank(r.get("period"))) {
            period = period(r.get("period"));
            if (period == null) {
                problems.add(new Problem("start", "import.badPeriod", r.get("period")));
            }
        } else {
            ImportRun.required(r, "start", problems);
        }
        Region region = run.writableRegion(r, "region", problems);
        LocalDate start = period != null ? period[0] : ImportRun.date(r, "start", problems);
        LocalDate end = period != null && blank(r.get("end")) ? period[1] : ImportRun.date(r, "end", problems);
        Boolean p2p = ImportRun.bool(r, "pointToPoint", problems);
        ActivityStatus status = ImportRun.lookup(STATUSES, r.get("status"), "status", problems);
        ImportRun.throwIfAny(problems);
        String title = r.get("title").trim();
        Long id = jdbc.sql("select id from trip where region_id = :r and start_date = :d and title = :t "
                        + "order by id limit 1")
                .param("r", region.id())
                .param("d", start)
                .param("t", title)
                .query(Long.class)
                .optional()
                .orElse(null);
        List<String> visits = names(r.get("visits"));
        if (id == null) {
            if (status == null) {
                // a done trip is counted: never silently, though the dates say it took place
                run.warn(r, "status", "import.statusAssumedDone");
            }
            long created = trips.create(new TripForm(
                    title,
                    region.id(),
                    null,
                    trim(r.get("leader")),
                    trim(r.get("rank")),
                    p2p,
                    trim(r.get("members")),
                    trim(r.get("units")),
                    start,
                    end,
                    trim(r.get("cities")),
                    trim(r.get("purpose")),
                    trim(r.get("outcome")),
                    status,
                    0L));
            for (String v : visits) {
                trips.addVisit(created, v, null, start, null, null);
            }
            return RowResult.of(number, title, Outcome.CREATE, created, "/activities/trips/" + created);
        }
        Trip t = trips.find(id);
        String link = "/activities/trips/" + id;
        boolean sameLeader = blank(r.get("leader")) || same(r.get("leader"), t.leaderName());
        var form = new TripForm(
                title,
                region.id(),
                sameLeader ? t.leaderUserId() : null,
                sameLeader ? t.leaderName() : r.get("leader").trim(),
                keep(r, "rank", t.leaderRank()),
                p2p != null ? p2p : t.pointToPoint(),
                keep(r, "members", t.members()),
                keep(r, "units", t.units()),
                start,
                end != null ? end : t.endDate(),
                keep(r, "cities", t.cities()),
                keep(r, "purpose", t.purpose()),
                keep(r, "outcome", t.outcome()),
                status != null ? status : t.status(),
                t.version());
        boolean fieldsSame = sameLeader
                && same(form.leaderRank(), t.leaderRank())
                && form.pointToPoint() == t.pointToPoint()
                && same(form.members(), t.members())
                && same(form.units(), t.units())
                && Objects.equals(form.endDate(), t.endDate())
                && same(form.cities(), t.cities())
                && same(form.purpose(), t.purpose())
                && same(form.outcome(), t.outcome())
                && form.status() == t.status();
        var known = t.visits().stream().map(Trips.Visit::enterpriseName).toList();
        var newVisits = visits.stream().filter(v -> !known.contains(v)).toList();
        if (fieldsSame && newVisits.isEmpty()) {
            return RowResult.of(number, title, Outcome.UNCHANGED, id, link);
        }
        if (!fieldsSame) {
            trips.update(id, form);
        }
        for (String v : newVisits) {
            trips.addVisit(id, v, null, start, null, null);
        }
        return RowResult.of(number, title, Outcome.UPDATE, id, link);
    }

    static String keep(Map<String, String> r, String field, String existing) {
        return blank(r.get(field)) ? existing : r.get(field).trim();
    }
}
