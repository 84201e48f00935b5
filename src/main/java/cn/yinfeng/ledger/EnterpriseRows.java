package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;
import static cn.yinfeng.ledger.ImportRun.trim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.enterprises.CreditCode;
import cn.yinfeng.enterprises.Enterprise;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.enterprises.Enterprises.EnterpriseForm;
import cn.yinfeng.ledger.Imports.Outcome;
import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.regions.Region;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Enterprise registry rows, through {@link Enterprises} (credit-code check character, duplicate code guard).
 * Natural key: the unified social credit code; without one, the name within the row's region (a row naming no
 * region also matches a code-less entry of the same name anywhere, as the registry is shared by the city).
 */
@Component
class EnterpriseRows implements RowHandler {

    static final List<Column> COLUMNS = List.of(Column.required("name", "企业名称"), Column.of("creditCode", "统一社会信用代码"),
            Column.of("region", "所属区域"), Column.of("formerNames", "曾用名"), Column.of("capital", "注册资本（万元）"),
            Column.of("industry", "行业"), Column.of("province", "总部省份"), Column.of("city", "总部城市"),
            Column.of("contactName", "联系人"), Column.of("contactPhone", "联系电话"),
            Column.of("channel", "来源渠道").pick("外出招商", "接待来访", "以商招商", "中介推荐", "网络招商", "其他"));

    static final Map<String, String> SYNONYMS = Map.ofEntries(Map.entry("企业名", "name"), Map.entry("名称", "name"),
            Map.entry("单位名称", "name"), Map.entry("公司名称", "name"), Map.entry("信用代码", "creditCode"),
            Map.entry("社会信用代码", "creditCode"), Map.entry("统一代码", "creditCode"), Map.entry("区域", "region"),
            Map.entry("县市区", "region"), Map.entry("县(市、区)", "region"), Map.entry("所在区域", "region"), Map.entry("引进区域", "region"),
            Map.entry("注册资本", "capital"), Map.entry("注册资金", "capital"), Map.entry("所属行业", "industry"),
            Map.entry("省份", "province"), Map.entry("城市", "city"), Map.entry("总部所在地", "city"),
            Map.entry("电话", "contactPhone"), Map.entry("手机", "contactPhone"), Map.entry("来源", "channel"));

    static final Sheet SHEET = new Sheet(ImportKind.ENTERPRISES, COLUMNS, SYNONYMS, "name",
            List.of("统一社会信用代码为 18 位，系统会核对校验位；没有代码的企业按“所属区域 + 企业名称”匹配（所属区域不填即本人所在区域）。",
                    "已登记的企业按信用代码匹配并更新；空白单元格表示保留原值。同一文件导入两次不会产生重复。",
                    "注册资本单位为万元，也可写“1.5亿”“15000万元”。"));

    private final Enterprises enterprises;
    private final JdbcClient jdbc;

    EnterpriseRows(Enterprises enterprises, JdbcClient jdbc) {
        this.enterprises = enterprises;
        this.jdbc = jdbc;
    }

    @Override
    public Sheet sheet() {
        return SHEET;
    }

    @Override
    public String fileKey(Map<String, String> row, ImportRun run) {
        String code = CreditCode.normalise(row.get("creditCode"));
        if (code != null) {
            return code;
        }
        String name = row.getOrDefault("name", "");
        return name.isBlank() ? null : row.getOrDefault("region", "") + "|" + NameKeys.of(name);
    }

    @Override
    public RowResult apply(int number, Map<String, String> r, ImportRun run) {
        var problems = new ArrayList<Problem>();
        ImportRun.required(r, "name", problems);
        String code = CreditCode.normalise(r.get("creditCode"));
        if (code != null && CreditCode.problem(code) != null) {
            problems.add(new Problem("creditCode", "enterprise.code." + CreditCode.problem(code).name().toLowerCase()));
        }
        Region region = run.writableRegion(r, "region", problems);
        BigDecimal capital = ImportRun.amount(r, "capital", problems);
        ImportRun.throwIfAny(problems);
        String name = r.get("name").trim();
        Enterprise existing = match(code, name, region, blank(r.get("region")));
        if (existing == null) {
            long id = inColumns(() -> enterprises.create(new EnterpriseForm(code, name, trim(r.get("formerNames")),
                    capital, trim(r.get("province")), trim(r.get("city")), trim(r.get("industry")),
                    trim(r.get("contactName")), trim(r.get("contactPhone")), trim(r.get("channel")), 0L), region.id()));
            return RowResult.of(number, name, Outcome.CREATE, id, "/enterprises/" + id);
        }
        var form = new EnterpriseForm(code != null ? code : existing.creditCode(), name,
                keep(r, "formerNames", existing.formerNames()), capital != null ? capital : existing.registeredCapital(),
                keep(r, "province", existing.hqProvince()), keep(r, "city", existing.hqCity()),
                keep(r, "industry", existing.industry()), keep(r, "contactName", existing.contactName()),
                keep(r, "contactPhone", existing.contactPhone()), keep(r, "channel", existing.sourceChannel()),
                existing.version());
        String link = "/enterprises/" + existing.id();
        boolean same = ImportRun.same(form.creditCode(), existing.creditCode()) && ImportRun.same(name, existing.name())
                && ImportRun.same(form.formerNames(), existing.formerNames())
                && ImportRun.same(form.registeredCapital(), existing.registeredCapital())
                && ImportRun.same(form.hqProvince(), existing.hqProvince())
                && ImportRun.same(form.hqCity(), existing.hqCity()) && ImportRun.same(form.industry(), existing.industry())
                && ImportRun.same(form.contactName(), existing.contactName())
                && ImportRun.same(form.contactPhone(), existing.contactPhone())
                && ImportRun.same(form.sourceChannel(), existing.sourceChannel());
        if (same) {
            return RowResult.of(number, name, Outcome.UNCHANGED, existing.id(), link);
        }
        inColumns(() -> {
            enterprises.update(existing.id(), form);
            return existing.id();
        });
        return RowResult.of(number, name, Outcome.UPDATE, existing.id(), link);
    }

    /** The form's field names where the sheet's columns are named otherwise, so a problem names its column. */
    private static final Map<String, String> COLUMN_OF = Map.of("registeredCapital", "capital", "hqProvince",
            "province", "hqCity", "city", "sourceChannel", "channel");

    private static long inColumns(java.util.function.LongSupplier write) {
        try {
            return write.getAsLong();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(p -> new Problem(
                    COLUMN_OF.getOrDefault(p.field(), p.field()), p.messageKey(), p.args())).toList());
        }
    }

    private static String keep(Map<String, String> r, String field, String existing) {
        return blank(r.get(field)) ? existing : r.get(field).trim();
    }

    private Enterprise match(String code, String name, Region region, boolean regionBlank) {
        if (code != null) {
            return enterprises.findByCode(code).orElse(null);
        }
        Long id = jdbc.sql("select id from enterprise where credit_code is null and merged_into_id is null "
                + "and name_key = :k and created_region_id = :r order by id limit 1").param("k", NameKeys.of(name))
                .param("r", region.id()).query(Long.class).optional()
                .orElseGet(() -> !regionBlank ? null : jdbc.sql("select id from enterprise where credit_code is null "
                        + "and merged_into_id is null and name = :n order by id limit 1").param("n", name)
                        .query(Long.class).optional().orElse(null));
        return id == null ? null : enterprises.find(id);
    }
}
