package cn.yinfeng.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.ProjectForm;
import cn.yinfeng.projects.ProjectType;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.projects.Stage;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The project ledger import. Every row goes through the same service and rules as the form, each in its own
 * savepoint: a dry run does all of it and rolls back, reporting per row what would be created, updated, left
 * unchanged or rejected (with the cell and the reason); the commit does the same and keeps the accepted rows, all in
 * one transaction. Rows match existing projects by code, else by name in the same region, so the same file twice
 * changes nothing the second time.
 */
@Service
public class ProjectImport {

    /** Template columns, in order: field, Chinese header, required. */
    static final List<String[]> COLUMNS = List.of(
            new String[] {"code", "项目编号", ""}, new String[] {"name", "项目名称", "*"},
            new String[] {"region", "落地区域", "*"}, new String[] {"investor", "投资方", ""},
            new String[] {"investorCode", "投资方统一社会信用代码", ""}, new String[] {"chain", "产业链", ""},
            new String[] {"type", "项目类型", ""}, new String[] {"totalInvestment", "总投资（万元）", "*"},
            new String[] {"contractAmount", "签约金额（万元）", ""}, new String[] {"origin", "资金来源", ""},
            new String[] {"key", "重点项目", ""}, new String[] {"stage", "阶段", "*"},
            new String[] {"signedOn", "签约日期", ""}, new String[] {"registeredOn", "注册日期", ""},
            new String[] {"startedOn", "开工日期", ""}, new String[] {"producingOn", "投产日期", ""},
            new String[] {"fullProductionOn", "达产日期", ""}, new String[] {"leader", "包联领导", ""},
            new String[] {"unit", "责任单位", ""}, new String[] {"contactName", "联系人", ""},
            new String[] {"contactPhone", "联系电话", ""}, new String[] {"counted", "计入考核", ""},
            new String[] {"notCountedReason", "不计入原因", ""});

    /** Header variants people use, normalised by {@link Spreadsheets#header}. */
    static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("项目编号", "code"), Map.entry("编号", "code"), Map.entry("项目名称", "name"), Map.entry("项目名", "name"),
            Map.entry("名称", "name"), Map.entry("落地区域", "region"), Map.entry("所在区域", "region"),
            Map.entry("县市区", "region"), Map.entry("县(市、区)", "region"), Map.entry("区域", "region"),
            Map.entry("所属县区", "region"), Map.entry("投资方", "investor"), Map.entry("投资主体", "investor"),
            Map.entry("投资企业", "investor"), Map.entry("投资方统一社会信用代码", "investorCode"),
            Map.entry("统一社会信用代码", "investorCode"), Map.entry("信用代码", "investorCode"), Map.entry("产业链", "chain"),
            Map.entry("所属产业链", "chain"), Map.entry("项目类型", "type"), Map.entry("类型", "type"),
            Map.entry("总投资", "totalInvestment"), Map.entry("总投资额", "totalInvestment"),
            Map.entry("投资总额", "totalInvestment"), Map.entry("计划总投资", "totalInvestment"),
            Map.entry("签约金额", "contractAmount"), Map.entry("签约额", "contractAmount"),
            Map.entry("合同金额", "contractAmount"), Map.entry("协议投资额", "contractAmount"), Map.entry("资金来源", "origin"),
            Map.entry("重点项目", "key"), Map.entry("是否重点项目", "key"), Map.entry("阶段", "stage"),
            Map.entry("项目阶段", "stage"), Map.entry("进展阶段", "stage"), Map.entry("签约日期", "signedOn"),
            Map.entry("签约时间", "signedOn"), Map.entry("注册日期", "registeredOn"), Map.entry("落地日期", "registeredOn"),
            Map.entry("开工日期", "startedOn"), Map.entry("开工时间", "startedOn"), Map.entry("投产日期", "producingOn"),
            Map.entry("投产时间", "producingOn"), Map.entry("达产日期", "fullProductionOn"), Map.entry("包联领导", "leader"),
            Map.entry("责任单位", "unit"), Map.entry("联系人", "contactName"), Map.entry("联系电话", "contactPhone"),
            Map.entry("计入考核", "counted"), Map.entry("是否计入考核", "counted"), Map.entry("不计入原因", "notCountedReason"));

    static final Map<String, Stage> STAGES = Map.ofEntries(Map.entry("储备", Stage.RESERVE), Map.entry("谋划", Stage.RESERVE),
            Map.entry("洽谈", Stage.NEGOTIATING), Map.entry("在谈", Stage.NEGOTIATING), Map.entry("签约", Stage.SIGNED),
            Map.entry("已签约", Stage.SIGNED), Map.entry("注册", Stage.REGISTERED), Map.entry("落地", Stage.REGISTERED),
            Map.entry("注册落地", Stage.REGISTERED), Map.entry("开工", Stage.STARTED), Map.entry("已开工", Stage.STARTED),
            Map.entry("在建", Stage.STARTED), Map.entry("投产", Stage.PRODUCING), Map.entry("已投产", Stage.PRODUCING),
            Map.entry("达产", Stage.FULL_PRODUCTION));

    static final Map<String, FundOrigin> ORIGINS = Map.of("境外", FundOrigin.OVERSEAS, "国内省外", FundOrigin.OUT_OF_PROVINCE,
            "省外", FundOrigin.OUT_OF_PROVINCE, "省内市外", FundOrigin.IN_PROVINCE, "市内县际", FundOrigin.IN_CITY);

    static final Map<String, ProjectType> TYPES = Map.of("工业", ProjectType.INDUSTRIAL, "服务业", ProjectType.SERVICE,
            "农文旅", ProjectType.AGRI_TOURISM, "文旅", ProjectType.AGRI_TOURISM, "基础设施", ProjectType.INFRASTRUCTURE,
            "其他", ProjectType.OTHER);

    public enum Outcome { CREATE, UPDATE, UNCHANGED, REJECT }

    public record RowResult(int rowNumber, String name, Outcome outcome, Long projectId, List<String> problems) {}

    public record Report(Long batchId, String fileName, int rows, int created, int updated, int unchanged, int rejected,
            List<RowResult> results, boolean committed) {}

    private final Projects projects;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final AuditLog audit;
    private final TransactionTemplate outer;
    private final TransactionTemplate nested;
    private final long maxBytes;
    private final int maxRows;

    ProjectImport(Projects projects, Regions regions, CurrentUser currentUser, JdbcClient jdbc, MessageSource messages,
            AuditLog audit, PlatformTransactionManager tx,
            @org.springframework.beans.factory.annotation.Value("${yinfeng.import.max-bytes:20971520}") long maxBytes,
            @org.springframework.beans.factory.annotation.Value("${yinfeng.import.max-rows:200000}") int maxRows) {
        this.projects = projects;
        this.regions = regions;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
        this.messages = messages;
        this.audit = audit;
        this.outer = new TransactionTemplate(tx);
        this.nested = new TransactionTemplate(tx);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.maxBytes = maxBytes;
        this.maxRows = maxRows;
    }

    /** Checks and runs the file without keeping anything; stores the file for the commit. */
    public Report preview(String fileName, byte[] file, Locale locale) {
        requireWriter();
        Spreadsheets.check(file, maxBytes);
        Report report = run(file, locale, false);
        long id = jdbc.sql("""
                insert into import_batch (kind, user_id, file_name, sha256, content, created, updated, unchanged,
                                          rejected, status)
                values ('PROJECTS', :u, :n, :h, :c, :cr, :up, :un, :rj, 'PREVIEWED') returning id
                """).param("u", currentUser.require().id()).param("n", safeName(fileName)).param("h", sha256(file))
                .param("c", file).param("cr", report.created()).param("up", report.updated())
                .param("un", report.unchanged()).param("rj", report.rejected()).query(Long.class).single();
        return new Report(id, safeName(fileName), report.rows(), report.created(), report.updated(), report.unchanged(),
                report.rejected(), report.results(), false);
    }

    /** Applies the previewed file's accepted rows in one transaction; only its own uploader may commit it. */
    public Report commit(long batchId, Locale locale) {
        requireWriter();
        var row = jdbc.sql("select * from import_batch where id = :id and user_id = :u").param("id", batchId)
                .param("u", currentUser.require().id()).query().listOfRows();
        if (row.isEmpty()) {
            throw new NotFoundException("import", batchId);
        }
        if ("COMMITTED".equals(row.get(0).get("status"))) {
            throw new InvalidInputException(null, "import.alreadyCommitted");
        }
        byte[] file = (byte[]) row.get(0).get("content");
        Report report = run(file, locale, true);
        jdbc.sql("update import_batch set status = 'COMMITTED', committed_at = now(), content = null, created = :c, "
                + "updated = :u, unchanged = :n, rejected = :r where id = :id").param("c", report.created())
                .param("u", report.updated()).param("n", report.unchanged()).param("r", report.rejected())
                .param("id", batchId).update();
        audit.record("IMPORT_COMMIT", "import_batch", batchId, cn.yinfeng.audit.Outcome.SUCCESS,
                "created=" + report.created() + " updated=" + report.updated() + " rejected=" + report.rejected());
        return new Report(batchId, (String) row.get(0).get("file_name"), report.rows(), report.created(),
                report.updated(), report.unchanged(), report.rejected(), report.results(), true);
    }

    private Report run(byte[] file, Locale locale, boolean keep) {
        List<Map<String, String>> rows = read(file);
        return outer.execute(status -> {
            var results = new ArrayList<RowResult>();
            var seen = new HashMap<String, Integer>();
            for (Map<String, String> r : rows) {
                int number = Integer.parseInt(r.get("_row"));
                String name = r.getOrDefault("name", "");
                String key = r.getOrDefault("region", "") + "|" + NameKeys.of(name);
                if (!name.isBlank() && seen.containsKey(key)) {
                    results.add(new RowResult(number, name, Outcome.REJECT, null, List.of(messages.getMessage(
                            "import.duplicateInFile", new Object[] {seen.get(key)}, locale))));
                    continue;
                }
                seen.put(key, number);
                try {
                    results.add(nested.execute(s -> applyRow(number, r, locale)));
                } catch (InvalidInputException e) {
                    var problems = new ArrayList<String>();
                    FormErrors.resolve(e, messages, locale).forEach((field, msgs) -> msgs.forEach(m ->
                            problems.add(column(field, locale) + "：" + m)));
                    results.add(new RowResult(number, name, Outcome.REJECT, null, problems));
                } catch (AccessDeniedException | NotFoundException e) {
                    results.add(new RowResult(number, name, Outcome.REJECT, null,
                            List.of(messages.getMessage("project.region.outOfScope", null, locale))));
                } catch (ConflictException e) {
                    results.add(new RowResult(number, name, Outcome.REJECT, null,
                            List.of(messages.getMessage("error.409.title", null, locale))));
                }
            }
            if (!keep) {
                status.setRollbackOnly();
            }
            int created = count(results, Outcome.CREATE);
            int updated = count(results, Outcome.UPDATE);
            int unchanged = count(results, Outcome.UNCHANGED);
            int rejected = count(results, Outcome.REJECT);
            return new Report(null, null, rows.size(), created, updated, unchanged, rejected, results, keep);
        });
    }

    private static int count(List<RowResult> results, Outcome o) {
        return (int) results.stream().filter(r -> r.outcome() == o).count();
    }

    /** One row through the project services: create, or update the matching project, or nothing if equal. */
    private RowResult applyRow(int number, Map<String, String> r, Locale locale) {
        var problems = new ArrayList<InvalidInputException.Problem>();
        String name = r.getOrDefault("name", "").trim();
        Region region = resolveRegion(r.get("region"));
        if (region == null) {
            problems.add(new InvalidInputException.Problem("region", "import.regionUnknown", r.getOrDefault("region", "")));
        }
        BigDecimal total = amount(r, "totalInvestment", problems);
        BigDecimal contract = amount(r, "contractAmount", problems);
        Stage stage = lookup(STAGES, r.get("stage"), "stage", problems);
        FundOrigin origin = lookup(ORIGINS, r.get("origin"), "origin", problems);
        ProjectType type = lookup(TYPES, r.get("type"), "type", problems);
        Boolean key = bool(r, "key", problems);
        Boolean counted = bool(r, "counted", problems);
        LocalDate signed = date(r, "signedOn", problems);
        LocalDate registered = date(r, "registeredOn", problems);
        LocalDate started = date(r, "startedOn", problems);
        LocalDate producing = date(r, "producingOn", problems);
        LocalDate full = date(r, "fullProductionOn", problems);
        Long chainId = blank(r.get("chain")) ? null : jdbc.sql("select id from chain where name = :n order by "
                + "(owner_region_id = :r) desc, id limit 1").param("n", r.get("chain").trim())
                .param("r", region == null ? -1 : region.id()).query(Long.class).optional().orElse(null);
        if (!blank(r.get("chain")) && chainId == null) {
            problems.add(new InvalidInputException.Problem("chain", "import.unknownValue", r.get("chain")));
        }
        Long leaderId = blank(r.get("leader")) ? null : jdbc.sql("select u.id from app_user u join user_role ur on "
                + "ur.user_id = u.id and ur.role = 'LEADER' where u.display_name = :n or u.username = :n limit 1")
                .param("n", r.get("leader").trim()).query(Long.class).optional().orElse(null);
        if (!blank(r.get("leader")) && leaderId == null) {
            problems.add(new InvalidInputException.Problem("leader", "import.unknownValue", r.get("leader")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Project existing = match(r.get("code"), name, region);
        if (existing != null && !blank(r.get("chain")) && r.get("chain").trim().equals(existing.chainName())) {
            chainId = existing.chainId(); // the same name may exist in several regions' chain sets
        }
        if (existing == null) {
            var form = new ProjectForm(name, region.id(), null, null, chainId, null, type, total, contract, null, null,
                    null, origin, key, leaderId, r.get("unit"), r.get("contactName"), r.get("contactPhone"), counted,
                    r.get("notCountedReason"), null, List.of(), r.get("investor"), r.get("investorCode"),
                    stage == null ? Stage.RESERVE : stage, signed, registered, started, producing, full, 0L);
            long id = projects.create(form);
            return new RowResult(number, name, Outcome.CREATE, id, List.of());
        }
        // compare what the sheet says with what is stored; equal rows are left alone (idempotent re-import)
        boolean fieldsSame = Objects.equals(existing.name(), name) && existing.regionId() == region.id()
                && same(existing.totalInvestment(), total) && same(existing.contractAmount(), contract)
                && (origin == null || existing.fundOrigin() == origin) && (type == null || existing.projectType() == type)
                && (key == null || existing.keyProject() == key) && (counted == null || existing.counted() == counted)
                && (chainId == null || chainId.equals(existing.chainId()))
                && (leaderId == null || leaderId.equals(existing.leaderUserId()));
        Stage target = stage == null ? existing.stage() : stage;
        boolean stageSame = target == existing.stage();
        if (fieldsSame && stageSame) {
            return new RowResult(number, name, Outcome.UNCHANGED, existing.id(), List.of());
        }
        if (!fieldsSame) {
            var form = new ProjectForm(name, region.id(), existing.attractingRegionId(), existing.attractingShare(),
                    chainId != null ? chainId : existing.chainId(), existing.chainNodeId(),
                    type != null ? type : existing.projectType(), total, contract, existing.foreignCurrency(),
                    existing.foreignAmount(), existing.exchangeRate(), origin != null ? origin : existing.fundOrigin(),
                    key != null ? key : existing.keyProject(), leaderId != null ? leaderId : existing.leaderUserId(),
                    blank(r.get("unit")) ? existing.responsibleUnit() : r.get("unit"),
                    blank(r.get("contactName")) ? existing.contactName() : r.get("contactName"),
                    blank(r.get("contactPhone")) ? existing.contactPhone() : r.get("contactPhone"),
                    counted != null ? counted : existing.counted(),
                    blank(r.get("notCountedReason")) ? existing.notCountedReason() : r.get("notCountedReason"),
                    existing.expansionOfId(), existing.investors().stream().map(Project.Investor::id).toList(),
                    r.get("investor"), r.get("investorCode"), null, null, null, null, null, null, existing.version());
            projects.update(existing.id(), form);
        }
        if (!stageSame) {
            // later stages move one step at a time with the sheet's dates: a gap is the same error as on the page
            var dates = new LocalDate[] {signed, registered, started, producing, full};
            Project p = projects.find(existing.id());
            while (p.stage().onMainLine() && p.stage().order() < target.order()) {
                Stage next = p.stage().next();
                LocalDate on = next.dated() ? dates[next.order() - Stage.SIGNED.order()] : (signed != null ? signed
                        : LocalDate.now(Projects.ZONE));
                projects.advance(p.id(), p.version(), next, on, "台账导入");
                p = projects.find(existing.id());
            }
            if (p.stage() != target) {
                throw new InvalidInputException("stage", "stage.notForward");
            }
        }
        return new RowResult(number, name, Outcome.UPDATE, existing.id(), List.of());
    }

    private Project match(String code, String name, Region region) {
        Long id = null;
        if (!blank(code)) {
            id = jdbc.sql("select id from project where code = :c").param("c", code.trim()).query(Long.class).optional()
                    .orElse(null);
            if (id == null) {
                throw new InvalidInputException("code", "import.codeUnknown", code);
            }
        } else {
            id = jdbc.sql("select id from project where region_id = :r and name_key = :k order by id limit 1")
                    .param("r", region.id()).param("k", NameKeys.of(name)).query(Long.class).optional().orElse(null);
        }
        return id == null ? null : projects.find(id);
    }

    private Region resolveRegion(String text) {
        if (blank(text)) {
            return currentUser.get().flatMap(u -> regions.find(u.region())).orElse(null);
        }
        String t = text.trim();
        return regions.visible(currentUser.scope()).stream().filter(r -> r.name().equals(t) || r.code().equals(t)
                || t.equals(r.shortName())).findFirst().orElseGet(() -> regions.findByCode(t)
                .or(() -> jdbc.sql("select code from region where name = :n or short_name = :n limit 1").param("n", t)
                        .query(String.class).optional().flatMap(regions::findByCode)).orElse(null));
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static BigDecimal amount(Map<String, String> r, String field, List<InvalidInputException.Problem> problems) {
        try {
            return Spreadsheets.wan(r.get(field));
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidInputException.Problem(field, "import.badAmount", r.get(field)));
            return null;
        }
    }

    private static Boolean bool(Map<String, String> r, String field, List<InvalidInputException.Problem> problems) {
        try {
            return Spreadsheets.yesNo(r.get(field));
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidInputException.Problem(field, "import.badYesNo", r.get(field)));
            return null;
        }
    }

    private static LocalDate date(Map<String, String> r, String field, List<InvalidInputException.Problem> problems) {
        String v = r.get(field);
        if (blank(v)) {
            return null;
        }
        String s = java.text.Normalizer.normalize(v, java.text.Normalizer.Form.NFKC).trim()
                .replaceAll("[./年月]", "-").replace("日", "").replaceAll("-$", "");
        try {
            String[] parts = s.split("-");
            if (parts.length == 3) {
                return LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
            return LocalDate.parse(s);
        } catch (RuntimeException e) {
            problems.add(new InvalidInputException.Problem(field, "import.badDate", v));
            return null;
        }
    }

    private static <T> T lookup(Map<String, T> table, String text, String field,
            List<InvalidInputException.Problem> problems) {
        if (blank(text)) {
            return null;
        }
        T v = table.get(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).trim());
        if (v == null) {
            problems.add(new InvalidInputException.Problem(field, "import.unknownValue", text));
        }
        return v;
    }

    /** Reads the first sheet: finds the header row among the first rows (title rows above are skipped). */
    List<Map<String, String>> read(byte[] file) {
        var out = new ArrayList<Map<String, String>>();
        try (var wb = new ReadableWorkbook(Spreadsheets.stream(file))) {
            var sheet = wb.getFirstSheet();
            Map<Integer, String> columns = null;
            try (var rows = sheet.openStream()) {
                var it = rows.iterator();
                while (it.hasNext()) {
                    Row row = it.next();
                    if (row.getCellCount() > 200) {
                        throw new InvalidInputException("file", "import.tooManyColumns");
                    }
                    if (columns == null) {
                        if (row.getRowNum() > 10) {
                            throw new InvalidInputException("file", "import.noHeader");
                        }
                        var found = new LinkedHashMap<Integer, String>();
                        for (int c = 0; c < row.getCellCount(); c++) {
                            String field = SYNONYMS.get(Spreadsheets.header(text(row, c)));
                            if (field != null && !found.containsValue(field)) {
                                found.put(c, field);
                            }
                        }
                        if (found.containsValue("name") && found.size() >= 3) {
                            columns = found;
                        }
                        continue;
                    }
                    var values = new HashMap<String, String>();
                    boolean any = false;
                    for (var e : columns.entrySet()) {
                        String v = Spreadsheets.restore(text(row, e.getKey()));
                        if (v != null && !v.isBlank()) {
                            any = true;
                            values.put(e.getValue(), v.trim());
                        }
                    }
                    if (!any) {
                        continue;
                    }
                    if (out.size() >= maxRows) {
                        throw new InvalidInputException("file", "import.tooManyRows", maxRows);
                    }
                    values.put("_row", String.valueOf(row.getRowNum()));
                    out.add(values);
                }
            }
            if (columns == null) {
                throw new InvalidInputException("file", "import.noHeader");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            org.slf4j.LoggerFactory.getLogger(ProjectImport.class).info("Unreadable workbook: {}", e.toString());
            throw new InvalidInputException("file", "import.notXlsx");
        }
        return out;
    }

    private static String text(Row row, int c) {
        if (c >= row.getCellCount() || row.getCell(c) == null) {
            return null;
        }
        var cell = row.getCell(c);
        return switch (cell.getType()) {
            case NUMBER -> cell.asNumber().stripTrailingZeros().toPlainString();
            case EMPTY -> null;
            default -> cell.getRawValue() == null ? cell.getText() : cell.getText();
        };
    }

    private String column(String field, Locale locale) {
        for (String[] c : COLUMNS) {
            if (c[0].equals(field)) {
                return c[1];
            }
        }
        return switch (field) {
            case "regionId" -> "落地区域";
            case "file" -> messages.getMessage("field.file", null, locale);
            case "_form" -> "";
            default -> field;
        };
    }

    /** The template: Chinese headers with lists to pick from, and an instructions sheet. */
    public void writeTemplate(OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Yinfeng", "1.0");
        var ws = wb.newWorksheet("项目台账");
        var lists = wb.newWorksheet("选项");
        for (int c = 0; c < COLUMNS.size(); c++) {
            ws.value(0, c, COLUMNS.get(c)[1] + COLUMNS.get(c)[2]);
            ws.width(c, 16);
        }
        ws.range(0, 0, 0, COLUMNS.size() - 1).style().bold().fillColor("FDE2E1").set();
        String[][] options = {{"储备", "洽谈", "签约", "注册落地", "开工", "投产", "达产"}, {"境外", "国内省外", "省内市外", "市内县际"},
                {"是", "否"}, {"工业", "服务业", "农文旅", "基础设施", "其他"}};
        for (int i = 0; i < options.length; i++) {
            for (int j = 0; j < options[i].length; j++) {
                lists.value(j, i, options[i][j]);
            }
        }
        ws.range(1, 11, 5000, 11).validateWithList(lists.range(0, 0, options[0].length - 1, 0));
        ws.range(1, 9, 5000, 9).validateWithList(lists.range(0, 1, options[1].length - 1, 1));
        ws.range(1, 10, 5000, 10).validateWithList(lists.range(0, 2, 1, 2));
        ws.range(1, 21, 5000, 21).validateWithList(lists.range(0, 2, 1, 2));
        ws.range(1, 6, 5000, 6).validateWithList(lists.range(0, 3, options[3].length - 1, 3));
        var help = wb.newWorksheet("填写说明");
        String[] lines = {"带 * 的列必填。列的顺序可以调整，表头上方可以有标题行。",
                "金额单位为万元，也可写“1.5亿”“15000万元”“15,000”，系统会换算为万元（精确到分）。",
                "阶段为签约及以后时，须填写签约日期及此前各阶段日期，日期不能晚于今天，且不能早于上一阶段。",
                "已有项目按“项目编号”匹配；没有编号时按“落地区域 + 项目名称”匹配。同一文件导入两次不会产生重复。",
                "上传后先预览：逐行显示将新增、将更新、无变化和被拒绝的行及原因，确认后一次性提交。",
                "只能导入本人管辖区域的项目；导入的修改与表单修改一样需要报送审核。"};
        for (int i = 0; i < lines.length; i++) {
            help.value(i, 0, lines[i]);
        }
        help.width(0, 100);
        wb.finish();
    }

    /** The uploaded rows again with a column giving each row's outcome and reasons, for the county to fix. */
    public void writeErrors(long batchId, Locale locale, OutputStream out) throws IOException {
        var row = jdbc.sql("select content from import_batch where id = :id and user_id = :u and status = 'PREVIEWED'")
                .param("id", batchId).param("u", currentUser.require().id()).query(byte[].class).optional()
                .orElseThrow(() -> new NotFoundException("import", batchId));
        Report report = run(row, locale, false);
        var rows = read(row);
        Workbook wb = new Workbook(out, "Yinfeng", "1.0");
        var ws = wb.newWorksheet("导入结果");
        for (int c = 0; c < COLUMNS.size(); c++) {
            ws.value(0, c, COLUMNS.get(c)[1]);
        }
        ws.value(0, COLUMNS.size(), "导入结果");
        ws.value(0, COLUMNS.size() + 1, "原因");
        for (int i = 0; i < rows.size(); i++) {
            var values = rows.get(i);
            for (int c = 0; c < COLUMNS.size(); c++) {
                String v = values.get(COLUMNS.get(c)[0]);
                if (v != null) {
                    ws.value(i + 1, c, Spreadsheets.neutralise(v));
                }
            }
            RowResult result = report.results().get(i);
            ws.value(i + 1, COLUMNS.size(), messages.getMessage("import.outcome." + result.outcome(), null, locale));
            ws.value(i + 1, COLUMNS.size() + 1, String.join("；", result.problems()));
        }
        wb.finish();
    }

    private void requireWriter() {
        var u = currentUser.require();
        if (!u.hasRole(cn.yinfeng.accounts.Role.COUNTY_STAFF) && !u.hasRole(cn.yinfeng.accounts.Role.CITY_STAFF)) {
            throw new AccessDeniedException("imports need county or city staff");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String safeName(String name) {
        String n = name == null ? "upload.xlsx" : java.nio.file.Path.of(name.replace('\\', '/')).getFileName().toString();
        return n.replaceAll("\\p{Cntrl}", "").substring(0, Math.min(200, n.length()));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
