package cn.yinfeng.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MulRKRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.RKRecord;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.util.CellRangeAddress;
import org.dhatim.fastexcel.Workbook;

/**
 * The ledgers the ledger suite imports: one list of generated projects written in two layouts.
 *
 * <ul>
 *   <li><b>Template layout:</b> a title row, one header row with the template's column names (项目名称, 落地区域, 总投资（万元）,
 *   阶段 …), the region in a column, stages as the template's words (储备, 洽谈, 签约 …), ISO dates, leaders by their
 *   full name.</li>
 *   <li><b>Clerk layout:</b> as a county clerk keeps it: the title names the county ("东川城区2024年签约项目台账"), a
 *   subtitle with the unit ("填报单位:东川城区商务局  单位:万元") merged across, a header of two rows with 投资额(万元)
 *   merged over 总投资 and 其中省外资金 and every other column merged over both rows, 序号 first, no region column,
 *   the stage as progress words in 项目进展 (谋划中, 正在洽谈, 已签约, 已注册, 开工建设, 已投产), dates as people type
 *   them (2024.3.18, 2024年3月18日), leaders as 刘市长, 副市长张海峰 or a bare name, a blank row after every
 *   thousand projects, a 合计 row and a footer (填表人：… 审核人：… 联系电话：…) at the end.</li>
 * </ul>
 * Both carry the same fields of each project (name, chain, total investment, stage and its dates, leader,
 * responsible unit); the clerk's also has 序号, 其中省外资金 and 备注, which the application does not store. The clerk
 * layout is written as xlsx (fastexcel), .xls (POI HSSF) and CSV (GBK, as Excel on Chinese Windows saves it).
 */
final class BenchLedgers {

    static final String[] TEMPLATE_STAGES = {"储备", "洽谈", "签约", "注册落地", "开工", "投产"};
    static final String[] CLERK_STAGES = {"谋划中", "正在洽谈", "已签约", "已注册", "开工建设", "已投产"};
    private static final int[] STAGE_WEIGHTS = {15, 35, 25, 10, 10, 5};
    /** Leader accounts the suite adds ({@link #LEADER_NAMES}), and how a clerk writes each: 刘 is the only 刘. */
    static final String[] LEADER_NAMES = {"刘晋萍", "王建国", "张海峰", "陈立新"};
    private static final String[] LEADERS_AS_WRITTEN = {"刘市长", "王建国", "副市长张海峰", "陈立新"};
    private static final String[] UNITS = {"商务局", "发改局", "工信局", "招商服务中心"};
    private static final LocalDate FIRST_SIGNING = LocalDate.of(2024, 1, 1);

    /** One generated project; {@code dates} are signed, registered, started, producing (null past its stage). */
    record Project(String chain, long total, boolean inYi, long outOfProvince, int stage, LocalDate[] dates,
            int leader, int unit, boolean note) {}

    /**
     * A sheet as rows of cells (index = row index): null is an empty cell, a {@link Number} a number cell, a
     * {@link String} a text cell; merges as {first row, first column, last row, last column}.
     */
    record Sheet(List<Object[]> rows, List<int[]> merges, int dataRows) {

        /** Rows with at least one cell: what a reader of xlsx or xls sees. */
        int nonEmptyRows() {
            int n = 0;
            for (Object[] row : rows) {
                for (Object v : row) {
                    if (v != null) {
                        n++;
                        break;
                    }
                }
            }
            return n;
        }
    }

    private BenchLedgers() {}

    static List<Project> projects(int n, long seed, List<String> chains) {
        var r = new SplittableRandom(seed);
        LocalDate yesterday = LocalDate.now().minusDays(1);
        var out = new ArrayList<Project>(n);
        for (int i = 0; i < n; i++) {
            long total = 500 + r.nextInt(200_000);
            int stage = weighted(r);
            var dates = new LocalDate[4];
            LocalDate d = FIRST_SIGNING.plusDays(r.nextInt(700));
            for (int s = 0; s + 2 <= stage && s < 4; s++) {
                dates[s] = d.isAfter(yesterday) ? yesterday : d;
                d = dates[s].plusDays(1 + r.nextInt(s == 0 ? 60 : s == 1 ? 90 : 180));
            }
            out.add(new Project(r.nextInt(100) < 60 ? chains.get(r.nextInt(chains.size())) : null, total,
                    r.nextInt(10) == 0, total * r.nextInt(101) / 100, stage, dates,
                    r.nextInt(2) == 0 ? r.nextInt(LEADER_NAMES.length) : -1, r.nextInt(UNITS.length),
                    r.nextInt(10) == 0));
        }
        return out;
    }

    private static int weighted(SplittableRandom r) {
        int x = r.nextInt(100);
        for (int i = 0; i < STAGE_WEIGHTS.length; i++) {
            x -= STAGE_WEIGHTS[i];
            if (x < 0) {
                return i;
            }
        }
        return STAGE_WEIGHTS.length - 1;
    }

    private static Object total(Project p) {
        return p.inYi() ? BigDecimal.valueOf(p.total(), 4).stripTrailingZeros().toPlainString() + "亿"
                : BigDecimal.valueOf(p.total());
    }

    // ------------------------------------------------------------------ layouts

    static Sheet template(List<Project> projects, String namePrefix, String county) {
        var rows = new ArrayList<Object[]>(projects.size() + 2);
        rows.add(new Object[] {"压测用招商引资项目台账"});
        rows.add(new Object[] {"项目名称", "落地区域", "产业链", "总投资（万元）", "阶段", "签约日期", "注册日期", "开工日期",
            "投产日期", "包联领导", "责任单位"});
        for (int i = 0; i < projects.size(); i++) {
            Project p = projects.get(i);
            Object[] row = new Object[11];
            row[0] = String.format("%s%07d", namePrefix, i + 1);
            row[1] = county;
            row[2] = p.chain();
            row[3] = total(p);
            row[4] = TEMPLATE_STAGES[p.stage()];
            for (int s = 0; s < 4; s++) {
                row[5 + s] = p.dates()[s] == null ? null : p.dates()[s].toString();
            }
            row[9] = p.leader() < 0 ? null : LEADER_NAMES[p.leader()];
            row[10] = county + UNITS[p.unit()];
            rows.add(row);
        }
        return new Sheet(rows, List.of(), projects.size());
    }

    static Sheet clerk(List<Project> projects, String namePrefix, String county) {
        int width = 13;
        var rows = new ArrayList<Object[]>(projects.size() + projects.size() / 1000 + 10);
        var merges = new ArrayList<int[]>();
        rows.add(cells(width, county + "2024年签约项目台账"));
        merges.add(new int[] {0, 0, 0, width - 1});
        rows.add(cells(width, "填报单位:" + county + "商务局                    单位:万元"));
        merges.add(new int[] {1, 0, 1, width - 1});
        rows.add(cells(width, "序号", "项目名称", "产业链", "投资额(万元)", null, "项目进展", "签约时间", "注册日期", "开工时间",
                "投产时间", "包联领导", "责任单位", "备注"));
        rows.add(cells(width, null, null, null, "总投资", "其中省外资金"));
        for (int c = 0; c < width; c++) {
            if (c != 3 && c != 4) {
                merges.add(new int[] {2, c, 3, c});
            }
        }
        merges.add(new int[] {2, 3, 2, 4});
        long sumTotal = 0;
        long sumOut = 0;
        for (int i = 0; i < projects.size(); i++) {
            Project p = projects.get(i);
            if (i > 0 && i % 1000 == 0) {
                rows.add(new Object[width]); // the clerk's separator row
            }
            Object[] row = new Object[width];
            row[0] = i + 1;
            row[1] = String.format("%s%07d", namePrefix, i + 1);
            row[2] = p.chain();
            row[3] = total(p);
            row[4] = p.outOfProvince();
            row[5] = CLERK_STAGES[p.stage()];
            for (int s = 0; s < 4; s++) {
                LocalDate d = p.dates()[s];
                row[6 + s] = d == null ? null : (i % 2 == 0 ? d.getYear() + "." + d.getMonthValue() + "." + d.getDayOfMonth()
                        : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日");
            }
            row[10] = p.leader() < 0 ? null : LEADERS_AS_WRITTEN[p.leader()];
            row[11] = county + UNITS[p.unit()];
            row[12] = p.note() ? "企业已完成备案" : null;
            rows.add(row);
            sumTotal += p.total();
            sumOut += p.outOfProvince();
        }
        rows.add(new Object[width]);
        int total = rows.size();
        rows.add(cells(width, "合计", null, null, sumTotal, sumOut));
        merges.add(new int[] {total, 0, total, 2});
        rows.add(new Object[width]);
        rows.add(cells(width, "填表人：张三", null, null, "审核人：李四", null, null, "联系电话：0358-7223456"));
        return new Sheet(rows, merges, projects.size());
    }

    private static Object[] cells(int width, Object... values) {
        Object[] row = new Object[width];
        System.arraycopy(values, 0, row, 0, values.length);
        return row;
    }

    // ------------------------------------------------------------------ formats

    static byte[] xlsx(Sheet sheet) throws IOException {
        var out = new ByteArrayOutputStream(sheet.rows().size() * 90);
        Workbook wb = new Workbook(out, "bench", "1.0");
        var ws = wb.newWorksheet("签约项目台账");
        for (int[] m : sheet.merges()) {
            ws.range(m[0], m[1], m[2], m[3]).merge();
        }
        for (int r = 0; r < sheet.rows().size(); r++) {
            Object[] row = sheet.rows().get(r);
            for (int c = 0; c < row.length; c++) {
                if (row[c] instanceof Number n) {
                    ws.value(r, c, n);
                } else if (row[c] != null) {
                    ws.value(r, c, (String) row[c]);
                }
            }
            if (r % 10_000 == 0) {
                ws.flush();
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    /** Excel 97–2003; at most 65,536 rows per sheet, so the caller keeps the sheet under that. */
    static byte[] xls(Sheet sheet) throws IOException {
        if (sheet.rows().size() > 65_536) {
            throw new IllegalArgumentException("an .xls sheet holds at most 65,536 rows, not " + sheet.rows().size());
        }
        try (var wb = new HSSFWorkbook()) {
            var ws = wb.createSheet("签约项目台账");
            for (int r = 0; r < sheet.rows().size(); r++) {
                Object[] row = sheet.rows().get(r);
                org.apache.poi.ss.usermodel.Row xr = null;
                for (int c = 0; c < row.length; c++) {
                    if (row[c] == null) {
                        continue;
                    }
                    if (xr == null) {
                        xr = ws.createRow(r);
                    }
                    if (row[c] instanceof Number n) {
                        xr.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        xr.createCell(c).setCellValue((String) row[c]);
                    }
                }
            }
            for (int[] m : sheet.merges()) {
                ws.addMergedRegion(new CellRangeAddress(m[0], m[2], m[1], m[3]));
            }
            var out = new ByteArrayOutputStream(sheet.rows().size() * 100);
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** CSV as Excel saves it ("CSV (逗号分隔)"): merged cells left empty, CRLF, in {@code charset}. */
    static byte[] csv(Sheet sheet, Charset charset) {
        var text = new StringBuilder(sheet.rows().size() * 60);
        for (Object[] row : sheet.rows()) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    text.append(',');
                }
                Object v = row[c];
                String s = v == null ? "" : v instanceof BigDecimal b ? b.toPlainString() : v.toString();
                if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0) {
                    text.append('"').append(s.replace("\"", "\"\"")).append('"');
                } else {
                    text.append(s);
                }
            }
            text.append("\r\n");
        }
        return text.toString().getBytes(charset);
    }

    // ------------------------------------------------------------------ parse only

    /**
     * Reads every cell's text of an .xls with POI's HSSF event API (records stream past, no workbook model), as the
     * application's reader does, and nothing else; checks the rows seen.
     */
    static double parseXls(byte[] file, int expectRows) throws IOException {
        long t = System.nanoTime();
        var counter = new Object() {
            SSTRecord sst;
            int lastRow = -1;
            long rows;
            long chars;

            void cell(int row, String text) {
                if (row != lastRow) {
                    rows++;
                    lastRow = row;
                }
                chars += text == null ? 0 : text.length();
            }
        };
        var request = new HSSFRequest();
        request.addListenerForAllRecords(record -> {
            if (record instanceof SSTRecord s) {
                counter.sst = s;
            } else if (record instanceof LabelSSTRecord l) {
                counter.cell(l.getRow(), counter.sst.getString(l.getSSTIndex()).getString());
            } else if (record instanceof LabelRecord l) {
                counter.cell(l.getRow(), l.getValue());
            } else if (record instanceof NumberRecord n) {
                counter.cell(n.getRow(), number(n.getValue()));
            } else if (record instanceof RKRecord rk) {
                counter.cell(rk.getRow(), number(rk.getRKNumber()));
            } else if (record instanceof MulRKRecord m) {
                for (int i = 0; i < m.getNumColumns(); i++) {
                    counter.cell(m.getRow(), number(m.getRKNumberAt(i)));
                }
            }
        });
        try (var fs = new POIFSFileSystem(new ByteArrayInputStream(file))) {
            new HSSFEventFactory().processWorkbookEvents(request, fs);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        if (counter.rows != expectRows || counter.chars == 0) {
            throw new IllegalStateException("xls parse-only read " + counter.rows + " rows, not " + expectRows);
        }
        return seconds;
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Decodes the CSV ({@code charset}) and splits it into lines and fields, and nothing else. */
    static double parseCsv(byte[] file, Charset charset, int expectRows) {
        long t = System.nanoTime();
        String text = new String(file, charset);
        long rows = 0;
        long chars = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            for (String field : line.split(",", -1)) {
                chars += field.length();
            }
            rows++;
            start = end + 1;
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        if (rows != expectRows || chars == 0) {
            throw new IllegalStateException("csv parse-only read " + rows + " lines, not " + expectRows);
        }
        return seconds;
    }
}
