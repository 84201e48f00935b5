package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;
import static cn.yinfeng.ledger.ImportRun.trim;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.enterprises.CreditCode;
import cn.yinfeng.enterprises.Enterprise;
import cn.yinfeng.enterprises.EnterpriseBatch;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.enterprises.Enterprises.EnterpriseForm;
import cn.yinfeng.ledger.Imports.Outcome;
import cn.yinfeng.ledger.Imports.RowResult;
import cn.yinfeng.regions.Region;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Enterprise registry rows, through {@link Enterprises} (credit-code check character, duplicate code guard).
 * Natural key: the unified social credit code; without one, the name within the row's region (a row naming no
 * region also matches a code-less entry of the same name anywhere, as the registry is shared by the city). The
 * region may be another county's where the row names an entry as it stands (the registry's export): only a row that
 * creates an entry must name the importer's own region, and a row that changes one is the owner's to make.
 */
@Component
class EnterpriseRows implements RowHandler {

    static final List<Column> COLUMNS = List.of(
            Column.required("name", "企业名称"),
            Column.of("creditCode", "统一社会信用代码"),
            Column.of("region", "所属区域"),
            Column.of("formerNames", "曾用名"),
            Column.of("capital", "注册资本（万元）"),
            Column.of("industry", "行业"),
            Column.of("province", "总部省份"),
            Column.of("city", "总部城市"),
            Column.of("contactName", "联系人"),
            Column.of("contactPhone", "联系电话"),
            Column.of("channel", "来源渠道").pick("外出招商", "接待来访", "以商招商", "中介推荐", "网络招商", "其他"));

    static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("企业名", "name"),
            Map.entry("名称", "name"),
            Map.entry("单位名称", "name"),
            Map.entry("公司名称", "name"),
            Map.entry("信用代码", "creditCode"),
            Map.entry("社会信用代码", "creditCode"),
            Map.entry("统一代码", "creditCode"),
            Map.entry("区域", "region"),
            Map.entry("县市区", "region"),
            Map.entry("县(市、区)", "region"),
            Map.entry("所在区域", "region"),
            Map.entry("引进区域", "region"),
            Map.entry("注册资本", "capital"),
            Map.entry("注册资金", "capital"),
            Map.entry("所属行业", "industry"),
            Map.entry("省份", "province"),
            Map.entry("城市", "city"),
            Map.entry("总部所在地", "city"),
            Map.entry("电话", "contactPhone"),
            Map.entry("手机", "contactPhone"),
            Map.entry("来源", "channel"),
            // as county offices head their own registers: 企业总部 over 省份 | 城市, 联系人 over 姓名 | 电话
            Map.entry("联系人/姓名", "contactName"),
            Map.entry("联系人姓名", "contactName"),
            Map.entry("联系方式", "contactPhone"),
            Map.entry("联系人/联系方式", "contactPhone"),
            Map.entry("企业总部/所在地", "city"),
            Map.entry("招商方式", "channel"),
            Map.entry("引进方式", "channel"),
            Map.entry("引进渠道", "channel"),
            Map.entry("所属产业", "industry"),
            Map.entry("产业类别", "industry"),
            Map.entry("曾用名称", "formerNames"));

    static final Sheet SHEET = new Sheet(
            ImportKind.ENTERPRISES,
            COLUMNS,
            SYNONYMS,
            "name",
            List.of(
                    "统一社会信用代码为 18 位，系统会核对校验位；没有代码的企业按“所属区域 + 企业名称”匹配（所属区域不填即本人所在区域）。",
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
        String code = code(row);
        if (code != null) {
            return code;
        }
        String name = row.getOrDefault("name", "");
        return name.isBlank() ? null : row.getOrDefault("region", "") + "|" + NameKeys.of(name);
    }

    /** What clerks write in the code column of a firm that has none yet. */
    private static final Set<String> NO_CODE = Set.of("无", "暂无", "无代码", "未取得", "未办理", "-", "--", "—", "——", "/", "\\");

    /** The row's credit code, normalised; null when blank or written as "none" (无, —, /). */
    private static String code(Map<String, String> r) {
        String code = CreditCode.normalise(r.get("creditCode"));
        return code == null || NO_CODE.contains(code) ? null : code;
    }

    /** A row's values, read and looked up; problems with them are thrown as the row's field errors. */
    private record Parsed(String code, String name, Region region, boolean regionBlank, BigDecimal capital) {}

    private static Parsed parse(Map<String, String> r, ImportRun run) {
        var problems = new ArrayList<Problem>();
        ImportRun.required(r, "name", problems);
        String code = code(r);
        if (code != null && CreditCode.problem(code) != null) {
            problems.add(new Problem(
                    "creditCode",
                    "enterprise.code." + CreditCode.problem(code).name().toLowerCase()));
        }
        // the region names the entry a code-less row is (another county's entry may be named, as the registry's
        // export names it); it must be the importer's own only where the row creates an entry
        Region region = run.region(r.get("region"));
        if (region == null) {
            problems.add(new Problem("region", "import.regionUnknown", r.getOrDefault("region", "")));
        }
        BigDecimal capital = ImportRun.exactAmount(r, "capital", problems);
        ImportRun.throwIfAny(problems);
        return new Parsed(code, r.get("name").trim(), region, blank(r.get("region")), capital);
    }

    /** A row that creates an entry records it as brought in by its region, which must be the importer's. */
    private static void writable(Parsed p, ImportRun run) {
        if (!run.scope.covers(p.region())) {
            throw new InvalidInputException(
                    "region", "import.regionOutOfScope", p.region().name());
        }
    }

    private static EnterpriseForm newForm(Parsed p, Map<String, String> r) {
        return new EnterpriseForm(
                p.code(),
                p.name(),
                trim(r.get("formerNames")),
                p.capital(),
                trim(r.get("province")),
                trim(r.get("city")),
                trim(r.get("industry")),
                trim(r.get("contactName")),
                trim(r.get("contactPhone")),
                trim(r.get("channel")),
                0L);
    }

    @Override
    public RowResult apply(int number, Map<String, String> r, ImportRun run) {
        Parsed p = parse(r, run);
        String code = p.code();
        String name = p.name();
        Enterprise existing = match(code, name, p.region(), p.regionBlank());
        if (existing == null) {
            writable(p, run);
            long id =
                    inColumns(() -> enterprises.create(newForm(p, r), p.region().id()));
            if (code == null) {
                changed(run, name);
            }
            return RowResult.of(number, name, Outcome.CREATE, id, "/enterprises/" + id);
        }
        touched(run).add(existing.id());
        var form = changedForm(p, r, existing);
        if (form.creditCode() == null) {
            changed(run, name); // a code-less entry by this name now (renamed, perhaps): later rows may meet it
        }
        String link = "/enterprises/" + existing.id();
        if (same(form, existing)) {
            return RowResult.of(number, name, Outcome.UNCHANGED, existing.id(), link);
        }
        inColumns(() -> {
            enterprises.update(existing.id(), form);
            return existing.id();
        });
        return RowResult.of(number, name, Outcome.UPDATE, existing.id(), link);
    }

    /** The form's field names where the sheet's columns are named otherwise, so a problem names its column. */
    private static final Map<String, String> COLUMN_OF = Map.of(
            "registeredCapital", "capital", "hqProvince", "province", "hqCity", "city", "sourceChannel", "channel");

    private static long inColumns(LongSupplier write) {
        try {
            return write.getAsLong();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream()
                    .map(p -> new Problem(
                            p.field() == null ? null : COLUMN_OF.getOrDefault(p.field(), p.field()),
                            p.messageKey(),
                            p.args()))
                    .toList());
        }
    }

    /** The entry as the row would leave it: blank optional cells keep the stored value. */
    private static EnterpriseForm changedForm(Parsed p, Map<String, String> r, Enterprise existing) {
        return new EnterpriseForm(
                p.code() != null ? p.code() : existing.creditCode(),
                p.name(),
                keep(r, "formerNames", existing.formerNames()),
                p.capital() != null ? p.capital() : existing.registeredCapital(),
                keep(r, "province", existing.hqProvince()),
                keep(r, "city", existing.hqCity()),
                keep(r, "industry", existing.industry()),
                keep(r, "contactName", existing.contactName()),
                keep(r, "contactPhone", existing.contactPhone()),
                keep(r, "channel", existing.sourceChannel()),
                existing.version());
    }

    /** What the row's form would store equals what is stored. */
    private static boolean same(EnterpriseForm form, Enterprise existing) {
        return ImportRun.same(form.creditCode(), existing.creditCode())
                && ImportRun.same(form.name(), existing.name())
                && ImportRun.same(form.formerNames(), existing.formerNames())
                && ImportRun.same(form.registeredCapital(), existing.registeredCapital())
                && ImportRun.same(form.hqProvince(), existing.hqProvince())
                && ImportRun.same(form.hqCity(), existing.hqCity())
                && ImportRun.same(form.industry(), existing.industry())
                && ImportRun.same(form.contactName(), existing.contactName())
                && ImportRun.same(form.contactPhone(), existing.contactPhone())
                && ImportRun.same(form.sourceChannel(), existing.sourceChannel());
    }

    private static String keep(Map<String, String> r, String field, String existing) {
        return blank(r.get(field)) ? existing : r.get(field).trim();
    }

    // ------------------------------------------------------------------ all rows at once

    /** What {@link #prefetch} found: ids by code, by "region|name key" and by name (code-less), and the entries. */
    private record Prefetched(
            Map<String, Long> byCode,
            Map<String, Long> byKey,
            Map<String, Long> byName,
            Map<Long, Enterprise> entries) {}

    /** Matches every row against the registry in three statements, and looks up every credit code once. */
    @Override
    public void prefetch(List<Map<String, String>> rows, ImportRun run) {
        var codes = new LinkedHashSet<String>();
        var regionIds = new ArrayList<Long>();
        var keys = new ArrayList<String>();
        var names = new LinkedHashSet<String>();
        for (var r : rows) {
            String code = code(r);
            if (code != null) {
                codes.add(code);
            } else if (!blank(r.get("name"))) {
                Region region = run.region(r.get("region"));
                if (region != null) {
                    regionIds.add(region.id());
                    keys.add(NameKeys.of(r.get("name").trim())); // as the row is matched: by its trimmed name
                }
                if (blank(r.get("region"))) {
                    names.add(r.get("name").trim());
                }
            }
        }
        var byCode = new HashMap<String, Long>();
        var byKey = new HashMap<String, Long>();
        var byName = new HashMap<String, Long>();
        if (!codes.isEmpty()) {
            jdbc.sql("select credit_code, id from enterprise where credit_code = any(:c)")
                    .param("c", codes.toArray(String[]::new))
                    .query(rs -> {
                        byCode.put(rs.getString(1), rs.getLong(2));
                    });
        }
        if (!keys.isEmpty()) {
            jdbc.sql("""
                    select distinct on (x.r, e.name_key) x.r, e.name_key, e.id
                      from enterprise e
                      join (select distinct r, k from unnest(:r::bigint[], :k::text[]) as x(r, k)) x
                        on coalesce(e.created_region_id, (select id from region where parent_id is null
                                                          order by id limit 1)) = x.r and e.name_key = x.k
                     where e.credit_code is null and e.merged_into_id is null
                     order by x.r, e.name_key, e.id
                    """)
                    .param("r", regionIds.toArray(Long[]::new))
                    .param("k", keys.toArray(String[]::new))
                    .query(rs -> {
                        byKey.put(rs.getLong(1) + "|" + rs.getString(2), rs.getLong(3));
                    });
        }
        if (!names.isEmpty()) {
            jdbc.sql("""
                    select distinct on (name) name, id from enterprise
                     where credit_code is null and merged_into_id is null and name = any(:n)
                     order by name, id
                    """).param("n", names.toArray(String[]::new)).query(rs -> {
                byName.put(rs.getString(1), rs.getLong(2));
            });
        }
        var ids = new HashSet<Long>(byCode.values());
        ids.addAll(byKey.values());
        ids.addAll(byName.values());
        var entries = enterprises.findAll(ids);
        run.memo("enterprises:prefetched", () -> new Prefetched(byCode, byKey, byName, entries));
        batch(run).preload(codes);
    }

    private EnterpriseBatch batch(ImportRun run) {
        return run.memo("enterprises:batch", enterprises::batch);
    }

    /** Entries that rows of this run have gone through {@link #apply} for (their prefetched copy is stale). */
    private static Set<Long> touched(ImportRun run) {
        return run.memo("enterprises:touched", HashSet::new);
    }

    /**
     * Code-less entries this run creates or changes, as later rows could meet them in the registry: "key:" + name
     * key and "name:" + name, whatever the region (a cautious match: such a row is decided against the registry as
     * it then is, row by row).
     */
    private static Set<String> pending(ImportRun run) {
        return run.memo("enterprises:pending", HashSet::new);
    }

    private static void changed(ImportRun run, String name) {
        pending(run).add("key:" + NameKeys.of(name));
        pending(run).add("name:" + name);
    }

    /** Ids of entries written before the end of the run, by row number. */
    private static Map<Integer, Long> written(ImportRun run) {
        return run.memo("enterprises:written", HashMap::new);
    }

    /**
     * New rows are checked with {@code Enterprises.create}'s rules and kept for {@link #writeDeferred}; rows equal to
     * their entry are unchanged; rows that change an entry go through {@link #apply} (null). A code-less row whose
     * name or name key an earlier row of this file gave to an entry (created or changed; in whatever region) could
     * meet that entry on the row-by-row path: the entries kept so far are written first, and the row goes through
     * {@link #apply}, which matches against the registry as it then is.
     */
    @Override
    public RowResult decide(int number, Map<String, String> r, ImportRun run) {
        Parsed p = parse(r, run);
        if (p.code() == null
                && (pending(run).contains("key:" + NameKeys.of(p.name()))
                        || pending(run).contains("name:" + p.name()))) {
            flush(run);
            return null;
        }
        Prefetched pre = run.memo("enterprises:prefetched", () -> null);
        Enterprise existing = prefetched(pre, p);
        if (existing == null) {
            writable(p, run);
            var form = newForm(p, r);
            var problems = batch(run).check(form, p.region().id());
            if (!problems.isEmpty()) {
                inColumns(() -> {
                    throw new InvalidInputException(problems);
                });
            }
            batch(run).add(number, form, p.region().id());
            if (p.code() == null) {
                changed(run, p.name());
            }
            return RowResult.of(number, p.name(), Outcome.CREATE, null, null);
        }
        if (touched(run).contains(existing.id())) {
            return null; // an earlier row of this file changed it: compare with it as it is now, in apply
        }
        return same(changedForm(p, r, existing), existing)
                ? RowResult.of(number, p.name(), Outcome.UNCHANGED, existing.id(), "/enterprises/" + existing.id())
                : null;
    }

    /** The entry a row names, from what {@link #prefetch} found (the same rules as {@link #match}). */
    private static Enterprise prefetched(Prefetched pre, Parsed p) {
        Long id;
        if (p.code() != null) {
            id = pre.byCode().get(p.code());
        } else {
            id = pre.byKey().get(p.region().id() + "|" + NameKeys.of(p.name()));
            if (id == null && p.regionBlank()) {
                id = pre.byName().get(p.name());
            }
        }
        return id == null ? null : pre.entries().get(id);
    }

    /** Writes the entries kept so far, so that the rows after can meet them in the registry. */
    private void flush(ImportRun run) {
        batch(run)
                .write(run.source == null ? "dry run" : run.source)
                .forEach(c -> written(run).put(c.key(), c.id()));
    }

    @Override
    public Map<Integer, Long> writeDeferred(ImportRun run, String source) {
        var ids = new HashMap<>(written(run));
        batch(run).write(source).forEach(c -> ids.put(c.key(), c.id()));
        return ids;
    }

    @Override
    public String link(Long id) {
        return "/enterprises/" + id;
    }

    private Enterprise match(String code, String name, Region region, boolean regionBlank) {
        if (code != null) {
            return enterprises.findByCode(code).orElse(null);
        }
        Long id = jdbc.sql("select id from enterprise where credit_code is null and merged_into_id is null "
                        + "and name_key = :k and coalesce(created_region_id, (select id from region where parent_id is null "
                        + "order by id limit 1)) = :r order by id limit 1")
                .param("k", NameKeys.of(name))
                .param("r", region.id())
                .query(Long.class)
                .optional()
                .orElseGet(() -> !regionBlank
                        ? null
                        : jdbc.sql("select id from enterprise where credit_code is null "
                                        + "and merged_into_id is null and name = :n order by id limit 1")
                                .param("n", name)
                                .query(Long.class)
                                .optional()
                                .orElse(null));
        return id == null ? null : enterprises.find(id);
    }
}
