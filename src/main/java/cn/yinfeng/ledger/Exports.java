package cn.yinfeng.ledger;

import cn.yinfeng.activities.Activities;
import cn.yinfeng.audit.AuditEntry;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.AuditQueries;
import cn.yinfeng.audit.AuditSearch;
import cn.yinfeng.audit.AuditWords;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.enterprises.Enterprise;
import cn.yinfeng.enterprises.Enterprises;
import cn.yinfeng.projects.FundOrigin;
import cn.yinfeng.projects.ProjectFilter;
import cn.yinfeng.projects.ProjectQueries;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Streamed exports of what a list shows: rows are fetched page by page (keyset for projects) and written as they
 * come, so memory stays flat as the list grows. Text that a spreadsheet would run as a formula is neutralised.
 */
@Service
public class Exports {

    /** One output column: its header and how a row gives its value. */
    record Column<T>(String header, Function<T, Object> value) {}

    private final ProjectQueries projects;
    private final Enterprises enterprises;
    private final AuditQueries auditQueries;
    private final AuditWords auditWords;
    private final AuditLog audit;
    private final MessageSource messages;

    Exports(
            ProjectQueries projects,
            Enterprises enterprises,
            AuditQueries auditQueries,
            AuditLog audit,
            MessageSource messages,
            AuditWords auditWords) {
        this.auditWords = auditWords;
        this.projects = projects;
        this.enterprises = enterprises;
        this.auditQueries = auditQueries;
        this.audit = audit;
        this.messages = messages;
    }

    /** The export's columns by key; a key the list's column chooser hides (region, stage, …) is left out. */
    java.util.LinkedHashMap<String, Column<ProjectQueries.Row>> projectColumnsByKey(Locale locale) {
        // labels looked up once per export, not once per row
        var stages = new HashMap<Object, String>();
        var reviews = new HashMap<Object, String>();
        var c = new java.util.LinkedHashMap<String, Column<ProjectQueries.Row>>();
        c.put("code", new Column<>("项目编号", ProjectQueries.Row::code));
        c.put("name", new Column<>("项目名称", ProjectQueries.Row::name));
        c.put("region", new Column<>("落地区域", ProjectQueries.Row::regionName));
        c.put("chain", new Column<>("产业链", ProjectQueries.Row::chainName));
        c.put(
                "stage",
                new Column<>(
                        "阶段",
                        r -> stages.computeIfAbsent(r.stage(), k -> messages.getMessage("stage." + k, null, locale))));
        c.put("investment", new Column<>("总投资（万元）", ProjectQueries.Row::totalInvestment));
        c.put("contract", new Column<>("签约金额（万元）", ProjectQueries.Row::contractAmount));
        c.put(
                "signed",
                new Column<>(
                        "签约日期", r -> r.signedOn() == null ? null : r.signedOn().toString()));
        c.put("key", new Column<>("重点项目", r -> r.keyProject() ? "是" : "否"));
        c.put("leader", new Column<>("包联领导", ProjectQueries.Row::leaderName));
        c.put(
                "review",
                new Column<>(
                        "审核状态",
                        r -> reviews.computeIfAbsent(
                                r.reviewStatus(), k -> messages.getMessage("review." + k, null, locale))));
        c.put("counted", new Column<>("计入考核", r -> r.counted() ? "是" : "否"));
        return c;
    }

    List<Column<ProjectQueries.Row>> projectColumns(Locale locale) {
        return List.copyOf(projectColumnsByKey(locale).values());
    }

    /** Every project the filter selects, in keyset pages of 2,000. */
    public void projects(ProjectFilter filter, String format, Locale locale, OutputStream out) throws IOException {
        projects(filter, "id", "desc", List.of(), null, format, locale, out);
    }

    /**
     * The projects the filter selects (only {@code ids} when given: the rows a user selected), in the list's sort,
     * without the columns the user hid; keyset pages of 2,000. The code and name are always written.
     */
    public void projects(
            ProjectFilter filter,
            String sort,
            String dir,
            List<String> hidden,
            List<Long> ids,
            String format,
            Locale locale,
            OutputStream out)
            throws IOException {
        var byKey = projectColumnsByKey(locale);
        for (String h : hidden) {
            if (!h.equals("code") && !h.equals("name")) {
                byKey.remove(h);
                if (h.equals("investment")) {
                    byKey.remove("contract"); // the list's 总投资 column stands for both amounts
                }
            }
        }
        var columns = List.copyOf(byKey.values());
        Iterable<ProjectQueries.Row> rows = paged(cursor -> {
            var p = projects.exportPage(filter, sort, dir, ids, cursor, 2000);
            return new Chunk<>(p.rows(), p.next());
        });
        long n = write("项目台账", columns, rows, format, out);
        audit.record(
                "EXPORT",
                "project",
                null,
                Outcome.SUCCESS,
                format + " " + n + " rows" + (ids == null ? "" : " selected") + " sort " + sort + " " + dir);
    }

    /**
     * Funds arrived of the projects the filter selects, with the columns and words of the funds template (one line
     * per project, month and origin), so that the file imports back unchanged.
     */
    public void funds(ProjectFilter filter, YearMonth from, YearMonth to, String format, OutputStream out)
            throws IOException {
        var origins = new EnumMap<FundOrigin, String>(FundOrigin.class);
        FundRows.COLUMNS.stream()
                .filter(c -> c.field().equals("origin"))
                .findFirst()
                .orElseThrow()
                .options()
                .forEach(label -> origins.putIfAbsent(ProjectSheet.ORIGINS.get(label), label));
        List<Column<ProjectQueries.FundLine>> columns = List.of(
                new Column<>("项目编号", ProjectQueries.FundLine::code),
                new Column<>("项目名称", ProjectQueries.FundLine::name),
                new Column<>("到位月份", l -> l.month().toString()),
                new Column<>("资金来源", l -> origins.get(l.origin())),
                new Column<>("到位资金（万元）", ProjectQueries.FundLine::amount),
                new Column<>("备注", ProjectQueries.FundLine::note));
        var last = new ProjectQueries.FundLine[1];
        Iterable<ProjectQueries.FundLine> rows = paged(cursor -> {
            var page = projects.fundLines(filter, from, to, cursor == null ? null : last[0], 2000);
            last[0] = page.isEmpty() ? null : page.get(page.size() - 1);
            return new Chunk<>(page, page.size() < 2000 ? null : "more");
        });
        long n = write("到位资金", columns, rows, format, out);
        audit.record("EXPORT", "project_fund", null, Outcome.SUCCESS, format + " " + n + " rows");
    }

    /** An entry of the registry with the region it belongs to, as the enterprise import reads it. */
    record ListedEnterprise(Enterprise e, String region) {}

    /**
     * The registry as the list shows it, with the columns and words of the enterprise template, region included: a
     * code-less entry is matched by its name within its region, so that one name in two counties reads back as two
     * unchanged entries.
     */
    public void enterprises(Enterprises.Search search, String format, OutputStream out) throws IOException {
        List<Column<ListedEnterprise>> columns = List.of(
                new Column<>("企业名称", l -> l.e().name()),
                new Column<>("统一社会信用代码", l -> l.e().creditCode()),
                new Column<>("所属区域", ListedEnterprise::region),
                new Column<>("曾用名", l -> l.e().formerNames()),
                new Column<>("注册资本（万元）", l -> l.e().registeredCapital()),
                new Column<>("行业", l -> l.e().industry()),
                new Column<>("总部省份", l -> l.e().hqProvince()),
                new Column<>("总部城市", l -> l.e().hqCity()),
                new Column<>("联系人", l -> l.e().contactName()),
                new Column<>("联系电话", l -> l.e().contactPhone()),
                new Column<>("来源渠道", l -> l.e().sourceChannel()));
        Iterable<ListedEnterprise> rows = paged(cursor -> {
            int page = cursor == null ? 0 : Integer.parseInt(cursor);
            var p = enterprises.search(
                    new Enterprises.Search(search.q(), search.industry(), search.prospect(), "name", false, page, 200));
            var regions = enterprises.ownerRegionNames(
                    p.rows().stream().map(Enterprise::id).toList());
            return new Chunk<>(
                    p.rows().stream()
                            .map(e -> new ListedEnterprise(e, regions.get(e.id())))
                            .toList(),
                    p.hasNext() ? String.valueOf(page + 1) : null);
        });
        long n = write("企业库", columns, rows, format, out);
        audit.record("EXPORT", "enterprise", null, Outcome.SUCCESS, format + " " + n + " rows");
    }

    /** The activities list (trips, delegations, talks, events) of a period, as the calendar list shows it. */
    public void activities(List<Activities.Entry> entries, String format, Locale locale, OutputStream out)
            throws IOException {
        List<Column<Activities.Entry>> columns = List.of(
                new Column<>("类型", e -> messages.getMessage("activity." + e.type(), null, locale)),
                new Column<>("开始日期", e -> e.date().toString()),
                new Column<>("结束日期", e -> e.endDate().toString()),
                new Column<>("事项", Activities.Entry::title),
                new Column<>("区域", Activities.Entry::regionName),
                new Column<>("负责/带队", Activities.Entry::who),
                new Column<>("状态", e -> messages.getMessage("activityStatus." + e.status(), null, locale)));
        long n = write("招商活动", columns, entries, format, out);
        audit.record("EXPORT", "activity", null, Outcome.SUCCESS, format + " " + n + " rows");
    }

    public void audit(AuditSearch search, OutputStream out) throws IOException {
        List<Column<AuditEntry>> columns = List.of(
                new Column<>("时间", e -> e.at().toString()),
                new Column<>("用户", AuditEntry::username),
                new Column<>("操作", AuditEntry::action),
                new Column<>("操作名称", e -> auditWords.action(e.action(), Locale.SIMPLIFIED_CHINESE)),
                new Column<>("结果", e -> e.outcome().name()),
                new Column<>("对象类型", AuditEntry::targetType),
                new Column<>("对象", AuditEntry::targetId),
                new Column<>("详情", AuditEntry::detail),
                new Column<>("客户端地址", AuditEntry::clientIp),
                new Column<>("地址", e -> auditWords.address(e.clientIp(), Locale.SIMPLIFIED_CHINESE)),
                new Column<>("哈希", AuditEntry::hash));
        Iterable<AuditEntry> rows = paged(cursor -> {
            int page = cursor == null ? 0 : Integer.parseInt(cursor);
            var p = auditQueries.search(new AuditSearch(
                    search.from(),
                    search.to(),
                    search.username(),
                    search.action(),
                    search.outcome(),
                    "at",
                    "desc",
                    page,
                    200));
            return new Chunk<>(p.rows(), (long) (page + 1) * 200 < p.total() ? String.valueOf(page + 1) : null);
        });
        long n = write("审计日志", columns, rows, "csv", out);
        audit.record("EXPORT", "audit_log", null, Outcome.SUCCESS, "csv " + n + " rows");
    }

    /** One page of rows and the cursor of the next page, null after the last. */
    record Chunk<T>(List<T> rows, String next) {}

    /**
     * Rows fetched a page at a time as the writer asks for them: {@code fetch} takes the previous page's cursor (null
     * for the first page). Only one page is in memory at any time.
     */
    static <T> Iterable<T> paged(Function<String, Chunk<T>> fetch) {
        return () -> new Iterator<>() {
            String cursor;
            Iterator<T> page = Collections.emptyIterator();
            boolean done;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !done) {
                    Chunk<T> chunk = fetch.apply(cursor);
                    page = chunk.rows().iterator();
                    cursor = chunk.next();
                    done = cursor == null;
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    /** Writes rows as xlsx (typed cells; text as text) or csv (UTF-8 with BOM so Excel/WPS read Chinese). */
    static <T> long write(String sheet, List<Column<T>> columns, Iterable<T> rows, String format, OutputStream out)
            throws IOException {
        long n = 0;
        if ("csv".equals(format)) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\ufeff');
            w.write(String.join(",", columns.stream().map(c -> csv(c.header())).toList()));
            w.write("\r\n");
            for (T row : rows) {
                var cells = new ArrayList<String>();
                for (Column<T> c : columns) {
                    Object v = c.value().apply(row);
                    cells.add(
                            v == null
                                    ? ""
                                    : v instanceof Number num
                                            ? num.toString()
                                            : csv(Spreadsheets.neutralise(v.toString())));
                }
                w.write(String.join(",", cells));
                w.write("\r\n");
                if (++n % 1000 == 0) {
                    w.flush();
                }
            }
            w.flush();
            return n;
        }
        Workbook wb = new Workbook(out, "Yinfeng", "1.0");
        var ws = wb.newWorksheet(sheet);
        for (int c = 0; c < columns.size(); c++) {
            ws.value(0, c, columns.get(c).header());
            ws.width(c, 16);
        }
        ws.range(0, 0, 0, columns.size() - 1).style().bold().fillColor("F2F2F2").set();
        int r = 1;
        for (T row : rows) {
            for (int c = 0; c < columns.size(); c++) {
                Object v = columns.get(c).value().apply(row);
                if (v instanceof Number num) {
                    ws.value(r, c, num);
                } else if (v != null) {
                    // a string cell is never evaluated; the apostrophe keeps it inert after editing too. Inline, not
                    // in the shared-strings table, which the writer keeps in memory until the end: with a million
                    // distinct names that table, not the rows, was what grew (the bench's heap ratio)
                    ws.inlineString(r, c, Spreadsheets.neutralise(v.toString()));
                }
            }
            r++;
            n++;
            if (n % 10_000 == 0) {
                ws.flush(); // rows written so far leave memory
            }
        }
        ws.freezePane(0, 1);
        wb.finish();
        return n;
    }

    static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\""
                : s;
    }
}
