package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;

import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.ledger.RowHandler.Column;
import cn.yinfeng.ledger.RowHandler.Sheet;
import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.ProjectType;
import cn.yinfeng.projects.Stage;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;

/**
 * The project ledger sheet as clerks write it: its columns (the template's names), the other names counties give
 * them, the notes on the template, and the words a cell may use for a stage, a fund origin or a project type.
 */
final class ProjectSheet {

    private ProjectSheet() {}

    static final List<Column> COLUMNS = List.of(
            Column.of("code", "项目编号"),
            Column.required("name", "项目名称"),
            Column.required("region", "落地区域"),
            Column.of("investor", "投资方"),
            Column.of("investorCode", "投资方统一社会信用代码"),
            Column.of("chain", "产业链"),
            Column.of("type", "项目类型").pick("工业", "服务业", "农文旅", "基础设施", "其他"),
            Column.required("totalInvestment", "总投资（万元）"),
            Column.of("contractAmount", "签约金额（万元）"),
            Column.of("outOfProvinceAmount", "其中省外资金（万元）"),
            Column.of("origin", "资金来源").pick("境外", "国内省外", "省内市外", "市内县际"),
            Column.of("key", "重点项目").pick("是", "否"),
            Column.required("stage", "阶段").pick("储备", "洽谈", "签约", "注册落地", "开工", "投产", "达产"),
            Column.of("signedOn", "签约日期"),
            Column.of("registeredOn", "注册日期"),
            Column.of("startedOn", "开工日期"),
            Column.of("producingOn", "投产日期"),
            Column.of("fullProductionOn", "达产日期"),
            Column.of("leader", "包联领导"),
            Column.of("unit", "责任单位"),
            Column.of("contactName", "联系人"),
            Column.of("contactPhone", "联系电话"),
            Column.of("counted", "计入考核").pick("是", "否"),
            Column.of("notCountedReason", "不计入原因"));

    static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("编号", "code"),
            Map.entry("项目名", "name"),
            Map.entry("名称", "name"),
            Map.entry("所在区域", "region"),
            Map.entry("县市区", "region"),
            Map.entry("县(市、区)", "region"),
            Map.entry("区域", "region"),
            Map.entry("所属县区", "region"),
            Map.entry("投资主体", "investor"),
            Map.entry("投资企业", "investor"),
            Map.entry("统一社会信用代码", "investorCode"),
            Map.entry("信用代码", "investorCode"),
            Map.entry("所属产业链", "chain"),
            Map.entry("类型", "type"),
            Map.entry("总投资", "totalInvestment"),
            Map.entry("总投资额", "totalInvestment"),
            Map.entry("投资总额", "totalInvestment"),
            Map.entry("计划总投资", "totalInvestment"),
            Map.entry("签约金额", "contractAmount"),
            Map.entry("签约额", "contractAmount"),
            Map.entry("合同金额", "contractAmount"),
            Map.entry("协议投资额", "contractAmount"),
            Map.entry("是否重点项目", "key"),
            Map.entry("项目阶段", "stage"),
            Map.entry("进展阶段", "stage"),
            Map.entry("项目进展", "stage"),
            Map.entry("进展情况", "stage"),
            Map.entry("当前阶段", "stage"),
            Map.entry("目前进展", "stage"),
            Map.entry("项目状态", "stage"),
            Map.entry("签约时间", "signedOn"),
            Map.entry("落地日期", "registeredOn"),
            Map.entry("开工时间", "startedOn"),
            Map.entry("投产时间", "producingOn"),
            Map.entry("是否计入考核", "counted"),
            Map.entry("其中省外资金", "outOfProvinceAmount"),
            Map.entry("省外资金", "outOfProvinceAmount"),
            Map.entry("其中省外", "outOfProvinceAmount"),
            Map.entry("省外投资", "outOfProvinceAmount"),
            Map.entry("项目类别", "type"),
            Map.entry("资金来源地", "origin"));

    static final Sheet SHEET = new Sheet(
            ImportKind.PROJECTS,
            COLUMNS,
            SYNONYMS,
            "name",
            List.of(
                    "金额单位为万元，也可写“1.5亿”“15000万元”“15,000”，系统会换算为万元（精确到分）。",
                    "阶段为签约及以后时，须填写签约日期及此前各阶段日期，日期不能晚于今天，且不能早于上一阶段。",
                    "已有项目按“项目编号”匹配；没有编号时按“落地区域 + 项目名称”匹配。同一文件导入两次不会产生重复。",
                    "已有项目的空白单元格表示“不修改”；要清空已有的值，请在上传时勾选“空白单元格清空已有值”。",
                    "资金来源未填写时，按投资方统一社会信用代码的登记地推定并标注“推定”；无法推定的记为“未填写”，不计入按来源统计的指标。",
                    "表中没有“落地区域”列时，按上传时选择的区域、表格标题或文件名中的县（市、区）名确定；市级用户不会默认导入到市本级。",
                    "先预览：系统逐行说明将新增、更新（旧值 → 新值）、无变化、跳过（合计行、表尾）或拒绝及原因，不写入任何数据；"
                            + "点击“提交”后，新增和更新的行在一个事务中写入，被拒绝的行不写入，可改后再导入。",
                    "导入的修改与表单修改一样回到草稿，需要报送审核。"));

    static final Map<String, Stage> STAGES = Map.ofEntries(
            Map.entry("储备", Stage.RESERVE),
            Map.entry("谋划", Stage.RESERVE),
            Map.entry("洽谈", Stage.NEGOTIATING),
            Map.entry("在谈", Stage.NEGOTIATING),
            Map.entry("签约", Stage.SIGNED),
            Map.entry("已签约", Stage.SIGNED),
            Map.entry("注册", Stage.REGISTERED),
            Map.entry("落地", Stage.REGISTERED),
            Map.entry("注册落地", Stage.REGISTERED),
            Map.entry("开工", Stage.STARTED),
            Map.entry("已开工", Stage.STARTED),
            Map.entry("在建", Stage.STARTED),
            Map.entry("投产", Stage.PRODUCING),
            Map.entry("已投产", Stage.PRODUCING),
            Map.entry("达产", Stage.FULL_PRODUCTION));

    static final Map<String, FundOrigin> ORIGINS = Map.of(
            "境外",
            FundOrigin.OVERSEAS,
            "国内省外",
            FundOrigin.OUT_OF_PROVINCE,
            "省外",
            FundOrigin.OUT_OF_PROVINCE,
            "省内市外",
            FundOrigin.IN_PROVINCE,
            "市内县际",
            FundOrigin.IN_CITY);

    static final Map<String, ProjectType> TYPES = Map.of(
            "工业",
            ProjectType.INDUSTRIAL,
            "服务业",
            ProjectType.SERVICE,
            "农文旅",
            ProjectType.AGRI_TOURISM,
            "文旅",
            ProjectType.AGRI_TOURISM,
            "基础设施",
            ProjectType.INFRASTRUCTURE,
            "其他",
            ProjectType.OTHER);

    /** A stage as the template lists it, or as a clerk's progress words say it ("开工建设", "已签约，未开工"). */
    static Stage stage(String text, List<Problem> problems) {
        if (blank(text)) {
            return null;
        }
        Stage exact =
                STAGES.get(Normalizer.normalize(text, Normalizer.Form.NFKC).trim());
        if (exact != null) {
            return exact;
        }
        var worded = StageWords.of(text);
        if (worded.isEmpty()) {
            problems.add(new Problem("stage", "import.stageWords", text));
        }
        return worded.orElse(null);
    }
}
