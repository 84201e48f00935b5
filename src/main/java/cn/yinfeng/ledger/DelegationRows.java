package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;
import static cn.yinfeng.ledger.ImportRun.same;
import static cn.yinfeng.ledger.ImportRun.trim;
import static cn.yinfeng.ledger.TripRows.keep;

import cn.yinfeng.activities.ActivityStatus;
import cn.yinfeng.activities.Delegations;
import cn.yinfeng.activities.Delegations.Delegation;
import cn.yinfeng.activities.Delegations.DelegationForm;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.ledger.Imports.Outcome;
import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.regions.Region;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delegations received (接待考察), through {@link Delegations} like the delegation form. Natural key: region + date +
 * title. A matched delegation's own fields are updated; its visiting enterprises are set when it is created.
 */
@Component
class DelegationRows implements RowHandler {

    static final List<Column> COLUMNS = List.of(
            Column.required("title", "来访团组"),
            Column.of("region", "区域"),
            Column.required("date", "接待日期"),
            Column.of("people", "来访人数"),
            Column.required("host", "主陪领导"),
            Column.required("enterprises", "来访企业"),
            Column.of("sites", "考察点位"),
            Column.of("outcome", "成果"),
            Column.of("status", "状态").pick("已完成", "计划"));

    static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("事项", "title"),
            Map.entry("考察团", "title"),
            Map.entry("来访单位", "title"),
            Map.entry("标题", "title"),
            Map.entry("县市区", "region"),
            Map.entry("县(市、区)", "region"),
            Map.entry("所在区域", "region"),
            Map.entry("开始日期", "date"),
            Map.entry("来访日期", "date"),
            Map.entry("考察日期", "date"),
            Map.entry("日期", "date"),
            Map.entry("人数", "people"),
            Map.entry("负责/带队", "host"),
            Map.entry("接待领导", "host"),
            Map.entry("陪同领导", "host"),
            Map.entry("主陪", "host"),
            Map.entry("企业", "enterprises"),
            Map.entry("来访企业名单", "enterprises"),
            Map.entry("考察地点", "sites"),
            Map.entry("考察项目", "sites"),
            Map.entry("主要成果", "outcome"),
            Map.entry("成效", "outcome"),
            // as county offices head their own reception ledgers: 接待领导 over 姓名 | 职务
            Map.entry("来访时间", "date"),
            Map.entry("接待时间", "date"),
            Map.entry("考察时间", "date"),
            Map.entry("来访人员数", "people"),
            Map.entry("来访人员人数", "people"),
            Map.entry("接待领导/姓名", "host"),
            Map.entry("接待领导/职务", "hostRank"),
            Map.entry("陪同领导/姓名", "host"),
            Map.entry("陪同领导/职务", "hostRank"),
            Map.entry("主陪领导/姓名", "host"),
            Map.entry("主陪领导/职务", "hostRank"),
            Map.entry("来访企业名称", "enterprises"),
            Map.entry("客商企业", "enterprises"),
            Map.entry("洽谈成果", "outcome"),
            Map.entry("接待成效", "outcome"),
            Map.entry("考察点位", "sites"),
            Map.entry("参观考察地点", "sites"));

    static final Sheet SHEET = new Sheet(
            ImportKind.DELEGATIONS,
            COLUMNS,
            SYNONYMS,
            "title",
            List.of(
                    "每行一批来访考察团组；已有记录按“区域 + 接待日期 + 来访团组”匹配，区域不填即本人所在区域。",
                    "来访企业可写多家，用顿号、逗号或分号分隔，新登记的团组必填；已有团组的来访企业只增不减：表中新写的企业会加入，原有的不会删除。",
                    "状态为“已完成”的接待日期不能晚于今天；尚未开展的请写“计划”。已有记录中空白的单元格表示保留原值。",
                    "来访人数写确切的整数（如“12”“12人”“十二人”）；新登记的团组必填，“五十余人”“约20人”这样的约数不能导入，请核实后填写。"));

    private final Delegations delegations;
    private final JdbcClient jdbc;

    DelegationRows(Delegations delegations, JdbcClient jdbc) {
        this.delegations = delegations;
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
                : row.getOrDefault("region", "") + "|" + row.getOrDefault("date", "") + "|"
                        + row.get("title").trim();
    }

    /**
     * The host as the sheet names them: the name, with the post after it where the ledger has a column for it
     * (刘晋萍（副市长）); null when blank.
     */
    static String host(Map<String, String> r) {
        String name = trim(r.get("host"));
        String rank = trim(r.get("hostRank"));
        return name == null || rank == null || name.contains(rank) ? name : name + "（" + rank + "）";
    }

    @Override
    public RowResult apply(int number, Map<String, String> r, ImportRun run) {
        var problems = new ArrayList<Problem>();
        ImportRun.required(r, "title", problems);
        ImportRun.required(r, "date", problems);
        Region region = run.writableRegion(r, "region", problems);
        LocalDate date = ImportRun.date(r, "date", problems);
        Integer people = ImportRun.headcount(r, "people", problems);
        ActivityStatus status = ImportRun.lookup(TripRows.STATUSES, r.get("status"), "status", problems);
        ImportRun.throwIfAny(problems);
        String title = r.get("title").trim();
        String host = host(r);
        Long id = jdbc.sql("select id from delegation where region_id = :r and visit_date = :d and title = :t "
                        + "order by id limit 1")
                .param("r", region.id())
                .param("d", date)
                .param("t", title)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (id == null) {
            if (people == null) {
                // a head count is summed in the figures: a blank one is never stored as 0 visitors
                ImportRun.throwIfAny(List.of(new Problem("people", "import.headcountRequired")));
            }
            if (status == null) {
                run.warn(r, "status", "import.statusAssumedDone"); // a received delegation is counted
            }
            long created = delegations.create(new DelegationForm(
                    title,
                    region.id(),
                    date,
                    people,
                    host,
                    trim(r.get("sites")),
                    trim(r.get("outcome")),
                    TripRows.names(r.get("enterprises")),
                    status,
                    0L));
            return RowResult.of(number, title, Outcome.CREATE, created, "/activities/delegations/" + created);
        }
        Delegation d = delegations.find(id);
        String link = "/activities/delegations/" + id;
        var form = new DelegationForm(
                title,
                region.id(),
                date,
                people != null ? people : d.people(),
                host != null ? host : d.hostName(),
                keep(r, "sites", d.sites()),
                keep(r, "outcome", d.outcome()),
                null,
                status != null ? status : d.status(),
                d.version());
        boolean same = form.people() == d.people()
                && same(form.hostName(), d.hostName())
                && same(form.sites(), d.sites())
                && same(form.outcome(), d.outcome())
                && form.status() == d.status();
        // visiting enterprises the sheet names and the record does not list yet are added (none is removed)
        List<String> missing = TripRows.names(r.get("enterprises")).stream()
                .filter(n -> d.enterprises().stream().noneMatch(n::equals))
                .toList();
        if (same && missing.isEmpty()) {
            return RowResult.of(number, title, Outcome.UNCHANGED, id, link);
        }
        if (!same) {
            delegations.update(id, form);
        }
        delegations.addEnterprises(id, missing);
        return RowResult.of(number, title, Outcome.UPDATE, id, link);
    }
}
