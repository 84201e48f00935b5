package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;

import cn.yinfeng.commitments.CommitmentRule.Kind;
import cn.yinfeng.commitments.Commitments;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.common.Times;
import cn.yinfeng.ledger.Imports.Outcome;
import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.projects.Project;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A year's actuals of signed projects (履约实际完成) as counties fill the sheet the city sends round: one row per project
 * and year with its fixed-asset investment, output, tax (万元) and jobs, through {@link Commitments#record} like the
 * form — so a closed year is the city's to change, and a figure equal to the stored one is no change. Natural key:
 * project (code, or name in the importer's region) + year.
 */
@Component
class ActualRows implements RowHandler {

    /** The figure columns and the kind each one reports. */
    private static final Map<String, Kind> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("investment", Kind.INVESTMENT);
        FIGURES.put("output", Kind.OUTPUT);
        FIGURES.put("tax", Kind.TAX);
        FIGURES.put("jobs", Kind.JOBS);
    }

    static final List<Column> COLUMNS = List.of(
            Column.required("code", "项目编号"),
            Column.of("name", "项目名称"),
            Column.required("year", "年度"),
            Column.of("investment", "固定资产投资完成额（万元）"),
            Column.of("output", "产值（万元）"),
            Column.of("tax", "税收（万元）"),
            Column.of("jobs", "就业人数（人）"),
            Column.of("note", "备注"));

    static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("编号", "code"),
            Map.entry("项目代码", "code"),
            Map.entry("项目", "name"),
            Map.entry("项目名", "name"),
            Map.entry("年份", "year"),
            Map.entry("填报年度", "year"),
            Map.entry("统计年度", "year"),
            Map.entry("固定资产投资", "investment"),
            Map.entry("完成投资", "investment"),
            Map.entry("完成固定资产投资", "investment"),
            Map.entry("固投完成额", "investment"),
            Map.entry("本年完成投资", "investment"),
            Map.entry("年产值", "output"),
            Map.entry("工业总产值", "output"),
            Map.entry("实现产值", "output"),
            Map.entry("税收", "tax"),
            Map.entry("实缴税金", "tax"),
            Map.entry("纳税额", "tax"),
            Map.entry("上缴税金", "tax"),
            Map.entry("就业人数", "jobs"),
            Map.entry("用工人数", "jobs"),
            Map.entry("带动就业", "jobs"),
            Map.entry("吸纳就业", "jobs"),
            Map.entry("说明", "note"));

    static final Sheet SHEET = new Sheet(
            ImportKind.ACTUALS,
            COLUMNS,
            SYNONYMS,
            "name",
            List.of(
                    "每行是一个已签约项目某一年度的实际完成：固定资产投资完成额、产值、税收（万元）和就业人数（人），没有的留空；" + "项目按“项目编号”匹配，不填编号时按项目名称在本人管辖区域内查找。",
                    "年度写作“2025”或“2025年”；金额最多两位小数，也可写“1.5亿”；人数写整数，如“420”或“420人”。估算数（约300、五十余人）不能导入。",
                    "同一项目同一年度已有数时：相同视为无变化，不同则以本表为准。次年 3 月 31 日后该年度结账，结账年度的修改须由市级导入。"));

    private final RowProjects rowProjects;
    private final Commitments commitments;
    private final Clock clock;

    ActualRows(RowProjects rowProjects, Commitments commitments, Clock clock) {
        this.rowProjects = rowProjects;
        this.commitments = commitments;
        this.clock = clock;
    }

    @Override
    public Sheet sheet() {
        return SHEET;
    }

    /** The template's year column picks this year or the last (the one a county reports in its first quarter). */
    @Override
    public List<Column> columns() {
        int year = LocalDate.now(clock.withZone(Times.ZONE)).getYear();
        return COLUMNS.stream()
                .map(c -> c.field().equals("year") ? c.pick(year + "年", (year - 1) + "年") : c)
                .toList();
    }

    @Override
    public String label(Map<String, String> row) {
        return row.getOrDefault("name", row.getOrDefault("code", "")) + " " + row.getOrDefault("year", "");
    }

    @Override
    public String fileKey(Map<String, String> row, ImportRun run) {
        Integer year = year(row, new ArrayList<>());
        String project = !blank(row.get("code"))
                ? row.get("code").trim()
                : blank(row.get("name")) ? null : "name:" + NameKeys.of(row.get("name"));
        return project == null || year == null ? null : project + "|" + year;
    }

    @Override
    public RowResult apply(int number, Map<String, String> r, ImportRun run) {
        var problems = new ArrayList<Problem>();
        if (blank(r.get("code")) && blank(r.get("name"))) {
            problems.add(new Problem("code", "import.fundProjectRequired"));
        }
        ImportRun.required(r, "year", problems);
        Integer year = year(r, problems);
        var figures = new LinkedHashMap<Kind, BigDecimal>();
        for (var e : FIGURES.entrySet()) {
            BigDecimal v = e.getValue() == Kind.JOBS
                    ? toDecimal(ImportRun.headcount(r, e.getKey(), problems))
                    : ImportRun.exactAmount(r, e.getKey(), problems);
            if (v != null) {
                figures.put(e.getValue(), v);
            }
        }
        if (figures.isEmpty() && problems.stream().noneMatch(p -> FIGURES.containsKey(p.field()))) {
            problems.add(new Problem("investment", "import.actualNoFigure"));
        }
        ImportRun.throwIfAny(problems);
        Project p = rowProjects.writable(r, run);
        var stored = new LinkedHashMap<Kind, Commitments.Actual>();
        commitments.card(p.id()).actuals().stream()
                .filter(a -> a.year() == year)
                .forEach(a -> stored.put(a.kind(), a));
        boolean created = false;
        boolean changed = false;
        var failed = new ArrayList<Problem>();
        for (var e : figures.entrySet()) {
            Commitments.Actual before = stored.get(e.getKey());
            if (before != null && before.amount().compareTo(e.getValue()) == 0) {
                continue;
            }
            try {
                commitments.record(
                        p.id(),
                        new Commitments.ActualForm(
                                e.getKey().name(),
                                year,
                                e.getValue(),
                                ImportRun.trim(r.get("note")),
                                before == null ? null : before.version()));
                created |= before == null;
                changed |= before != null;
            } catch (InvalidInputException refused) {
                String column = column(e.getKey());
                refused.problems()
                        .forEach(x -> failed.add(new Problem(
                                x.field().equals("amount") ? column : x.field(), x.messageKey(), x.args())));
            }
        }
        ImportRun.throwIfAny(failed.stream().distinct().toList());
        String label = p.name() + " " + year;
        Outcome outcome = created ? Outcome.CREATE : changed ? Outcome.UPDATE : Outcome.UNCHANGED;
        return RowResult.of(number, label, outcome, p.id(), "/projects/" + p.id());
    }

    private static String column(Kind kind) {
        return FIGURES.entrySet().stream()
                .filter(e -> e.getValue() == kind)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("investment");
    }

    private static BigDecimal toDecimal(Integer n) {
        return n == null ? null : BigDecimal.valueOf(n);
    }

    /** "2025", "2025年", "2025年度", or a number cell (2025.0). */
    static Integer year(Map<String, String> r, List<Problem> problems) {
        String v = r.get("year");
        if (blank(v)) {
            return null;
        }
        String s = Normalizer.normalize(v, Normalizer.Form.NFKC)
                .replaceAll("\\s", "")
                .replaceAll("年度?$", "");
        if (s.matches("\\d{4}(\\.0+)?")) {
            return Integer.valueOf(s.substring(0, 4));
        }
        problems.add(new Problem("year", "import.badYear", v.trim()));
        return null;
    }
}
