package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;
import static cn.yinfeng.ledger.ImportRun.trim;

import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.ledger.Imports.Outcome;
import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.ProjectFunds;
import cn.yinfeng.projects.ProjectHistory;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Funds arrived (到位资金) per project, month and origin, through {@link ProjectFunds#addFund} like the fund form: the
 * record counts once the project's next version is approved, and the project goes back to draft for review.
 * Natural key: project code (or, without one, the project's name within the importer's region) + month + origin. A different amount replaces the month's record(s) for that origin.
 */
@Component
class FundRows implements RowHandler {

    static final List<Column> COLUMNS = List.of(
            Column.required("code", "项目编号"),
            Column.of("name", "项目名称"),
            Column.required("month", "到位月份"),
            Column.required("origin", "资金来源").pick("境外", "国内省外", "省内市外", "市内县际"),
            Column.required("amount", "到位资金（万元）"),
            Column.of("note", "备注"));

    static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("编号", "code"),
            Map.entry("项目代码", "code"),
            Map.entry("项目名", "name"),
            Map.entry("月份", "month"),
            Map.entry("到位时间", "month"),
            Map.entry("到位日期", "month"),
            Map.entry("年月", "month"),
            Map.entry("来源", "origin"),
            Map.entry("资金来源地", "origin"),
            Map.entry("到位资金", "amount"),
            Map.entry("到位金额", "amount"),
            Map.entry("金额", "amount"),
            Map.entry("实际到位资金", "amount"),
            Map.entry("说明", "note"),
            // as county offices head their own fund ledgers: 到位资金(万元) over 本月 | 累计 (the running total is
            // theirs, not a record: left unmapped)
            Map.entry("到位资金/本月", "amount"),
            Map.entry("本月到位", "amount"),
            Map.entry("本月到位资金", "amount"),
            Map.entry("到位金额/本月", "amount"),
            Map.entry("资金到位月份", "month"),
            Map.entry("到位年月", "month"),
            Map.entry("项目", "name"));

    // a county's own fund ledger names its projects, seldom their codes: a header with 项目名称 is one
    static final Sheet SHEET = new Sheet(
            ImportKind.FUNDS,
            COLUMNS,
            SYNONYMS,
            "name",
            List.of(
                    "每行是一个项目某月某一来源的到位资金；项目按“项目编号”匹配（可在项目台账导出中查到），填写项目名称时须与编号一致；"
                            + "不填编号时按项目名称在本人管辖区域内查找，同名项目不止一个时须填编号。",
                    "月份写作“2025-03”“2025年3月”或该月任一日期；不能晚于本月。金额单位为万元，最多两位小数，也可写“1.5亿”。",
                    "同一项目、月份、来源已有记录时：金额相同视为无变化，金额不同则以本表为准替换。",
                    "导入的到位资金与表单录入一样，项目回到草稿，审核通过后计入统计。"));

    private final RowProjects rowProjects;
    private final ProjectFunds funds;
    private final ProjectHistory history;

    FundRows(RowProjects rowProjects, ProjectFunds funds, ProjectHistory history) {
        this.rowProjects = rowProjects;
        this.funds = funds;
        this.history = history;
    }

    @Override
    public Sheet sheet() {
        return SHEET;
    }

    @Override
    public String label(Map<String, String> row) {
        return row.getOrDefault("name", row.getOrDefault("code", "")) + " " + row.getOrDefault("month", "");
    }

    @Override
    public String fileKey(Map<String, String> row, ImportRun run) {
        var problems = new ArrayList<Problem>();
        YearMonth month = ImportRun.month(row, "month", problems);
        FundOrigin origin = ImportRun.lookup(ProjectSheet.ORIGINS, row.get("origin"), "origin", problems);
        String project = !blank(row.get("code"))
                ? row.get("code").trim()
                : blank(row.get("name")) ? null : "name:" + NameKeys.of(row.get("name"));
        return project == null || month == null || origin == null ? null : project + "|" + month + "|" + origin;
    }

    @Override
    public RowResult apply(int number, Map<String, String> r, ImportRun run) {
        var problems = new ArrayList<Problem>();
        if (blank(r.get("code")) && blank(r.get("name"))) {
            problems.add(new Problem("code", "import.fundProjectRequired"));
        }
        ImportRun.required(r, "month", problems);
        ImportRun.required(r, "origin", problems);
        ImportRun.required(r, "amount", problems);
        YearMonth month = ImportRun.month(r, "month", problems);
        FundOrigin origin = ImportRun.lookup(ProjectSheet.ORIGINS, r.get("origin"), "origin", problems);
        BigDecimal amount = ImportRun.exactAmount(r, "amount", problems);
        ImportRun.throwIfAny(problems);
        Project p = rowProjects.writable(r, run);
        String label = p.name() + " " + month;
        String link = "/projects/" + p.id();
        var same = history.funds(p.id()).stream()
                .filter(f -> f.month().equals(month) && f.origin() == origin)
                .toList();
        BigDecimal stored = same.stream().map(ProjectFunds.Fund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (!same.isEmpty() && amount != null && stored.compareTo(amount) == 0) {
            return RowResult.of(number, label, Outcome.UNCHANGED, p.id(), link);
        }
        for (ProjectFunds.Fund f : same) {
            funds.deleteFund(p.id(), f.id());
        }
        funds.addFund(p.id(), month, origin, amount, trim(r.get("note")), run.backfill);
        return RowResult.of(number, label, same.isEmpty() ? Outcome.CREATE : Outcome.UPDATE, p.id(), link);
    }
}
