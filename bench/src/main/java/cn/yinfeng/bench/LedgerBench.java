package cn.yinfeng.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The ledger suite: Excel in and out through the application's HTTP API, as a county user would use it.
 *
 * <ul>
 *   <li><b>Import.</b> N generated projects (default 100,000; {@link BenchLedgers}) are written in the template
 *   layout and in a county clerk's own layout, each under names of its own, and uploaded for the dry run
 *   ({@code POST /api/v1/ledger/projects/preview}) and committed ({@code POST /api/v1/ledger/{id}/commit}) in the order
 *   template, clerk, clerk, template; each layout's rate is 2N ÷ its two (dry run + commit). The template rate is
 *   set against the parse-only rate of the same reader (fastexcel-reader) reading the same file in this process
 *   (target ≥ 0.4), the clerk rate against the template rate (target ≥ 0.9). The clerk layout is also imported as
 *   .xls (60,000 rows: a sheet holds at most 65,536) and as GBK CSV (N rows), beside their parse-only rates in this
 *   process (POI's HSSF event API; a decode and split). Each import's phases are quoted from the app's log.</li>
 *   <li><b>Export.</b> {@code GET /api/v1/projects/export?format=xlsx} of every project (1,000,000 at the full
 *   scale) against a bare streaming write of the same rows with the same library (fastexcel) in this process.
 *   Target ≥ 0.7.</li>
 *   <li><b>Memory.</b> The application's heap during an export of the whole ledger and of one city (about a tenth
 *   of it), sampled every 20 ms over JMX (the bench alone starts the app with a local, unauthenticated JMX port).
 *   Reported: the peak heap in use, and the peak heap left after a collection (the live set). Target: whole ÷ city
 *   ≤ 1.3.</li>
 * </ul>
 */
final class LedgerBench {

    static final double IMPORT_TARGET = 0.4;
    static final double EXPORT_TARGET = 0.7;
    static final double HEAP_TARGET = 1.3;
    static final double CLERK_TARGET = 0.9;
    /** Projects in the .xls: a sheet holds at most 65,536 rows, with the title, header, blank rows and footer. */
    static final int XLS_ROWS = 60_000;
    private static final Charset GBK = Charset.forName("GBK");
    private static final Pattern PHASES = Pattern.compile("(Previewed|Committed) \\d+ rows \\(PROJECTS\\): [^\\r\\n]*");
    private static final long CITY_ID = 2; // the first city: 13 of the 138 counties, about a tenth of the ledger
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String YOUNG = "128m";
    private static final Pattern BATCH = Pattern.compile("\"batchId\":(\\d+)");

    static final String USAGE = """
              --suite          what to run: api, ledger, work (the workbench, a batch approval and the county performance page), stats (the
                               statistics measurements and the dashboard alone), web (pages in Chromium over a
                               throttled connection) or a list of them, e.g. api,ledger (default api)
              --import-rows    ledger suite: project rows in the uploaded file (default 100000)
              --ledger-repeats ledger suite: timed exports per size, parse-only reads and bare writes (default 3)
              --app-heap       ledger suite: the application's -Xmx (default 1g)
            """;

    /** The suites to run and the ledger suite's settings; {@link #rest} is what is left for {@link Options}. */
    record Suite(boolean api, boolean ledger, boolean work, boolean briefing, boolean stats, boolean web, int importRows,
            int repeats, String appHeap, int jmxPort, String[] rest) {

        static Suite parse(String[] args) {
            boolean api = true;
            boolean ledger = false;
            boolean work = false;
            boolean briefing = false;
            boolean stats = false;
            boolean web = false;
            int rows = 100_000;
            int repeats = 3;
            String heap = "1g";
            var rest = new ArrayList<String>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                String value = eq < 0 ? "" : arg.substring(eq + 1);
                switch (name) {
                    case "--suite" -> {
                        var names = List.of(value.split(","));
                        api = names.contains("api");
                        ledger = names.contains("ledger");
                        work = names.contains("work");
                        briefing = names.contains("briefing");
                        stats = names.contains("stats");
                        web = names.contains("web");
                        if (!api && !ledger && !work && !briefing && !stats && !web) {
                            throw new IllegalArgumentException(
                                    "--suite takes api, ledger, work, briefing, stats, web or a list of them");
                        }
                    }
                    case "--import-rows" -> rows = Integer.parseInt(value.replace("_", ""));
                    case "--ledger-repeats" -> repeats = Integer.parseInt(value);
                    case "--app-heap" -> heap = value;
                    default -> rest.add(arg);
                }
            }
            int port = 0;
            if (ledger) {
                try {
                    port = AppProcess.freePort();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return new Suite(api, ledger, work, briefing, stats, web, rows, Math.max(1, repeats), heap, port, rest.toArray(String[]::new));
        }

        /** JVM options of the app: only the ledger suite adds a heap cap and a local JMX port to sample it. */
        List<String> jvmArgs() {
            if (!ledger) {
                return List.of();
            }
            // a fixed young generation: the height of the allocation sawtooth is then the same for a short and a long
            // export, so the peak heap in use shows what grows with the rows rather than how far G1 stretched Eden
            return List.of("-Xmx" + appHeap, "-Xmn" + YOUNG, "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                    "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                    "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                    "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false");
        }

        /** The app's upload limits, raised on its command line for the generated file (defaults are unchanged). */
        List<String> appArgs() {
            if (!ledger) {
                return List.of();
            }
            return List.of("--logging.level.cn.yinfeng.ledger.Imports=info",
                    "--logging.level.cn.yinfeng.projects.ProjectBatch=debug",
                    "--yinfeng.import.max-rows=" + Math.max(200_000, importRows),
                    "--yinfeng.import.max-bytes=" + 512L * 1024 * 1024,
                    // a generated ledger has several distinct texts per row
                    "--yinfeng.import.max-shared-strings=" + Math.max(500_000, 8L * importRows),
                    "--yinfeng.import.max-shared-strings-size=512MB",
                    "--spring.servlet.multipart.max-file-size=512MB",
                    "--spring.servlet.multipart.max-request-size=513MB");
        }
    }

    private record ExportRun(double seconds, long bytes, Heap.Peak heap) {}

    private LedgerBench() {}

    static void run(Suite suite, HttpClient http, String base, Connection db, Path appLog) throws Exception {
        long projects = count(db, "select count(*) from project");
        long cityRows = count(db, "select count(*) from project p join region r on r.id = p.region_id "
                + "where r.path like '" + DataLoader.cityPath(CITY_ID) + "%'");
        var out = new StringBuilder();
        try (Heap heap = new Heap(suite.jmxPort())) {
            // ---- exports first, of the generated ledger only
            Main.progress("ledger: exporting %,d projects (whole ledger) and %,d (one city), %d times each",
                    projects, cityRows, suite.repeats());
            String all = "/api/v1/projects/export?format=xlsx";
            String city = all + "&regionId=" + CITY_ID;
            export(http, base, city, null); // warm-up of the export path (JIT), untimed
            var whole = new ArrayList<ExportRun>();
            var part = new ArrayList<ExportRun>();
            byte[][] wholeFile = new byte[1][];
            for (int i = 0; i < suite.repeats(); i++) {
                part.add(export(http, base, city, heap));
                whole.add(export(http, base, all, heap, wholeFile));
            }
            // one more export of each size, untimed, with a full collection every 500 ms: the live set as it runs
            long liveSetCity = liveSet(http, base, city, heap);
            long liveSetWhole = liveSet(http, base, all, heap);
            List<Object[]> rows = materialise(wholeFile[0]);
            wholeFile[0] = null;
            Main.progress("ledger: bare fastexcel write of the same %,d rows, %d times", rows.size(), suite.repeats());
            double[] bare = new double[suite.repeats()];
            for (int i = 0; i < bare.length; i++) {
                bare[i] = bareWrite(rows);
            }
            int exported = rows.size();
            rows = null;
            double exportSeconds = median(whole.stream().mapToDouble(ExportRun::seconds).toArray());
            double bareSeconds = median(bare);
            double exportRatio = bareSeconds / exportSeconds;
            long peakWhole = whole.stream().mapToLong(r -> r.heap().used()).max().orElse(0);
            long peakCity = part.stream().mapToLong(r -> r.heap().used()).max().orElse(0);
            long liveWhole = whole.stream().mapToLong(r -> r.heap().afterGc()).max().orElse(0);
            long liveCity = part.stream().mapToLong(r -> r.heap().afterGc()).max().orElse(0);
            double heapRatio = (double) peakWhole / peakCity;

            // ---- import
            // The same generated projects in the template layout and in a county clerk's own layout (BenchLedgers),
            // each set under its own names so that every row of every file is a create.
            insertLeaders(db);
            List<String> chains = strings(db, "select name from chain order by id");
            String county = strings(db, "select name from region where level = 'COUNTY' order by id limit 1").get(0);
            int n = suite.importRows();
            int xlsRows = Math.min(n, XLS_ROWS);
            // warm-up, untimed, as for the export: a tenth of the rows in each layout and format through the same
            // readers here and through the dry run and commit there, so that neither side is timed while its JIT
            // compiles
            int warmRows = Math.max(1, n / 10);
            Main.progress("ledger: warming up the import with %,d other rows in each layout and format (untimed)",
                    warmRows);
            var warmProjects = BenchLedgers.projects(warmRows, 20241201L, chains);
            for (Format f : Format.values()) {
                BenchLedgers.Sheet sheet = f.sheet(warmProjects, "压测预热" + f.ordinal() + "号", county);
                byte[] warm = f.write(sheet);
                f.parse(warm, sheet);
                importFile(http, base, db, appLog, f, warm, warmRows, null);
            }
            Main.progress("ledger: generating %,d projects, in the template layout and the clerk's", n);
            var generated = BenchLedgers.projects(n, 20241124L, chains);
            BenchLedgers.Sheet templateSheet = Format.TEMPLATE.sheet(generated, "压测导入项目", county);
            byte[] templateFile = Format.TEMPLATE.write(templateSheet);
            BenchLedgers.Sheet clerkSheet = Format.CLERK_XLSX.sheet(generated, "压测台账项目", county);
            byte[] clerkFile = Format.CLERK_XLSX.write(clerkSheet);
            double[] parse = new double[suite.repeats()];
            double[] clerkParse = new double[suite.repeats()];
            for (int i = 0; i < parse.length; i++) {
                parse[i] = Format.TEMPLATE.parse(templateFile, templateSheet);
                clerkParse[i] = Format.CLERK_XLSX.parse(clerkFile, clerkSheet);
            }
            double parseRate = n / median(parse);
            double clerkParseRate = n / median(clerkParse);
            // in the order template, clerk, clerk, template: the project table grows with every import, and each
            // layout gets one run on a smaller and one on a larger table
            Main.progress("ledger: importing %,d rows four times: template (%.1f MB), clerk (%.1f MB), clerk, "
                    + "template", n, templateFile.length / 1e6, clerkFile.length / 1e6);
            long lastIdBefore = count(db, "select coalesce(max(id), 0) from project");
            Imported template1 = importFile(http, base, db, appLog, Format.TEMPLATE, templateFile, n, heap);
            long lastIdAfter = count(db, "select coalesce(max(id), 0) from project");
            Imported clerk1 = importFile(http, base, db, appLog, Format.CLERK_XLSX, clerkFile, n, null);
            byte[] clerkFile2 = Format.CLERK_XLSX.write(Format.CLERK_XLSX.sheet(generated, "压测台账二项目", county));
            Imported clerk2 = importFile(http, base, db, appLog, Format.CLERK_XLSX, clerkFile2, n, null);
            byte[] templateFile2 = Format.TEMPLATE.write(Format.TEMPLATE.sheet(generated, "压测导入二项目", county));
            Imported template2 = importFile(http, base, db, appLog, Format.TEMPLATE, templateFile2, n, null);
            clerkFile2 = null;
            templateFile2 = null;
            double importRate = 2.0 * n / (template1.seconds() + template2.seconds());
            double clerkRate = 2.0 * n / (clerk1.seconds() + clerk2.seconds());
            double importRatio = importRate / parseRate;
            double clerkRatio = clerkRate / importRate;
            Main.progress("ledger: the database floor: COPY of the same rows into copies of the tables");
            double floorSeconds = copyFloor(db, lastIdBefore, lastIdAfter);

            // the clerk's layout in the two other formats: .xls (at most 65,536 rows a sheet) and GBK CSV
            Main.progress("ledger: the clerk's layout as .xls (%,d rows) and GBK CSV (%,d rows)", xlsRows, n);
            List<BenchLedgers.Project> xlsProjects = generated.subList(0, xlsRows);
            BenchLedgers.Sheet xlsSheet = Format.CLERK_XLS.sheet(xlsProjects, "压测台账xls项目", county);
            byte[] xlsFile = Format.CLERK_XLS.write(xlsSheet);
            BenchLedgers.Sheet csvSheet = Format.CLERK_CSV.sheet(generated, "压测台账csv项目", county);
            byte[] csvFile = Format.CLERK_CSV.write(csvSheet);
            double[] xlsParse = new double[suite.repeats()];
            double[] csvParse = new double[suite.repeats()];
            for (int i = 0; i < xlsParse.length; i++) {
                xlsParse[i] = Format.CLERK_XLS.parse(xlsFile, xlsSheet);
                csvParse[i] = Format.CLERK_CSV.parse(csvFile, csvSheet);
            }
            Imported xls = importFile(http, base, db, appLog, Format.CLERK_XLS, xlsFile, xlsRows, null);
            Imported csv = importFile(http, base, db, appLog, Format.CLERK_CSV, csvFile, n, null);
            double xlsParseRate = xlsRows / median(xlsParse);
            double csvParseRate = n / median(csvParse);

            out.append(String.format("%nYinfeng ledger benchmark (app heap -Xmx%s -Xmn%s; %d repeats, medians; load "
                    + "average %s)%n", suite.appHeap(), YOUNG, suite.repeats(), load()));
            out.append("-".repeat(127)).append('\n');
            out.append(String.format("import of %,d project rows through the API (dry run + commit), every row landing in "
                    + "%s, in the order template, clerk, clerk, template:%n", n, county));
            for (Imported i : List.of(template1, clerk1, clerk2, template2)) {
                out.append(i.line());
            }
            out.append(String.format("template layout (%.1f MB xlsx): %,.0f rows/s over its two runs%n",
                    templateFile.length / 1e6, importRate));
            out.append(String.format("  parse only, fastexcel-reader in the bench: %,.0f rows/s (median %.2f s)%n",
                    parseRate, median(parse)));
            out.append(String.format("  app heap during the first dry run and commit: peak %s used, %s live after GC "
                    + "(-Xmx%s)%n", mb(template1.heap().used()), mb(template1.heap().afterGc()), suite.appHeap()));
            out.append(String.format("  import rate / parse-only rate = %.4f (target >= %.1f)  %s%n", importRatio,
                    IMPORT_TARGET, verdict(importRatio >= IMPORT_TARGET)));
            out.append(String.format("  database floor: COPY of the first run's %,d project rows and their transitions "
                    + "into copies of the two tables (same indexes and foreign keys) %.2f s = %,.0f rows/s; floor / "
                    + "parse-only = %.3f (the best any import keeping those constraints could reach); import / floor = "
                    + "%.3f%n", n, floorSeconds, n / floorSeconds, n / floorSeconds / parseRate,
                    importRate / (n / floorSeconds)));
            out.append(String.format("clerk layout, xlsx (%.1f MB): %,.0f rows/s over its two runs; parse only %,.0f "
                    + "rows/s (median %.2f s), import / parse-only = %.4f%n", clerkFile.length / 1e6, clerkRate,
                    clerkParseRate, median(clerkParse), clerkRate / clerkParseRate));
            out.append(String.format("  clerk rate / template rate = %.3f (target >= %.1f)  %s%n", clerkRatio,
                    CLERK_TARGET, verdict(clerkRatio >= CLERK_TARGET)));
            out.append(String.format("clerk layout, .xls (%,d rows, %.1f MB; a sheet holds at most 65,536): %,.0f rows/s;"
                    + " parse only, POI HSSF event API in the bench, %,.0f rows/s (median %.2f s); import / parse-only = "
                    + "%.4f%n", xlsRows, xlsFile.length / 1e6, xls.rate(), xlsParseRate, median(xlsParse),
                    xls.rate() / xlsParseRate));
            out.append(xls.line());
            out.append(String.format("clerk layout, CSV in GBK (%,d rows, %.1f MB): %,.0f rows/s; parse only, decode and "
                    + "split in the bench, %,.0f rows/s (median %.2f s); import / parse-only = %.4f%n", n,
                    csvFile.length / 1e6, csv.rate(), csvParseRate, median(csvParse), csv.rate() / csvParseRate));
            out.append(csv.line());
            out.append(String.format("export of %,d projects (xlsx, %.1f MB) via GET %s: %.2f s = %,.0f rows/s%n",
                    exported, whole.get(0).bytes() / 1e6, all, exportSeconds, exported / exportSeconds));
            out.append(String.format("  bare fastexcel streaming write of the same rows in the bench: %.2f s = %,.0f "
                    + "rows/s%n", bareSeconds, exported / bareSeconds));
            out.append(String.format("  export rate / bare write rate = %.2f (target >= %.1f)  %s%n", exportRatio,
                    EXPORT_TARGET, verdict(exportRatio >= EXPORT_TARGET)));
            out.append(String.format("app heap during the export: whole ledger (%,d rows) peak %s used, %s live after "
                    + "GC; one city (%,d rows) peak %s used, %s live after GC%n", exported, mb(peakWhole),
                    mb(liveWhole), cityRows, mb(peakCity), mb(liveCity)));
            out.append(String.format("  peak heap whole / city = %.2f (target <= %.1f)  %s; live after GC whole / city "
                    + "= %.2f%n", heapRatio, HEAP_TARGET, verdict(heapRatio <= HEAP_TARGET),
                    liveCity == 0 ? Double.NaN : (double) liveWhole / liveCity));
            out.append(String.format("  live set (heap right after full collections forced every 500 ms during an "
                    + "untimed export): whole %s, city %s, whole / city = %.2f%n", mb(liveSetWhole), mb(liveSetCity),
                    (double) liveSetWhole / liveSetCity));
            if (projects < 1_000_000) {
                out.append(String.format("  (the export targets are set at 1,000,000 rows; this run exported %,d: "
                        + "informational)%n", exported));
            }
        }
        System.out.print(out);
    }

    // ------------------------------------------------------------------ export

    private static ExportRun export(HttpClient http, String base, String path, Heap heap) throws Exception {
        return export(http, base, path, heap, null);
    }

    private static ExportRun export(HttpClient http, String base, String path, Heap heap, byte[][] keep)
            throws Exception {
        if (heap != null) {
            heap.gc(); // every export starts from the same collected heap
        }
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DataLoader.TOKEN_SECRET).timeout(Duration.ofMinutes(30)).GET()
                .build();
        Heap.Window window = heap == null ? null : heap.start();
        long t = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double seconds = (System.nanoTime() - t) / 1e9;
        Heap.Peak peak = window == null ? null : window.stop();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        if (keep != null) {
            keep[0] = response.body();
        }
        return new ExportRun(seconds, response.body().length, peak);
    }

    private static long liveSet(HttpClient http, String base, String path, Heap heap) throws Exception {
        heap.gc();
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DataLoader.TOKEN_SECRET).timeout(Duration.ofMinutes(30)).GET()
                .build();
        Heap.Window window = heap.startForcing();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        Heap.Peak peak = window.stop();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return peak.used();
    }

    /** The exported rows as values (text or number), to write them again without the application. */
    private static List<Object[]> materialise(byte[] xlsx) throws IOException {
        var rows = new ArrayList<Object[]>();
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx)); var stream = wb.getFirstSheet().openStream()) {
            stream.forEach(row -> {
                Object[] values = new Object[row.getCellCount()];
                for (int c = 0; c < values.length; c++) {
                    Cell cell = row.getCell(c);
                    if (cell == null) {
                        continue;
                    }
                    values[c] = switch (cell.getType()) {
                        case NUMBER -> cell.asNumber();
                        case EMPTY -> null;
                        default -> cell.getText();
                    };
                }
                rows.add(values);
            });
        }
        return rows;
    }

    /**
     * The same rows streamed by fastexcel with nothing else (no database, no HTTP, no neutralising): the floor an export
     * can approach. Text as inline strings, numbers as numbers, like the export.
     */
    private static double bareWrite(List<Object[]> rows) throws IOException {
        long t = System.nanoTime();
        try (OutputStream sink = OutputStream.nullOutputStream()) {
            Workbook wb = new Workbook(sink, "bench", "1.0");
            var ws = wb.newWorksheet("项目台账");
            int r = 0;
            for (Object[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    Object v = row[c];
                    if (v instanceof BigDecimal n) {
                        ws.value(r, c, n);
                    } else if (v != null) {
                        ws.inlineString(r, c, (String) v); // the same cell kind as the export writes
                    }
                }
                if (++r % 10_000 == 0) {
                    ws.flush();
                }
            }
            wb.finish();
        }
        return (System.nanoTime() - t) / 1e9;
    }

    // ------------------------------------------------------------------ import

    /** A layout and format the suite imports: how its sheet is laid out, written and read back in this process. */
    enum Format {
        TEMPLATE("template xlsx", "bench-ledger.xlsx", XLSX),
        CLERK_XLSX("clerk xlsx", "bench-clerk-ledger.xlsx", XLSX),
        CLERK_XLS("clerk xls", "bench-clerk-ledger.xls", "application/vnd.ms-excel"),
        CLERK_CSV("clerk csv", "bench-clerk-ledger.csv", "text/csv");

        final String label;
        final String fileName;
        final String contentType;

        Format(String label, String fileName, String contentType) {
            this.label = label;
            this.fileName = fileName;
            this.contentType = contentType;
        }

        BenchLedgers.Sheet sheet(List<BenchLedgers.Project> projects, String namePrefix, String county) {
            return this == TEMPLATE ? BenchLedgers.template(projects, namePrefix, county)
                    : BenchLedgers.clerk(projects, namePrefix, county);
        }

        byte[] write(BenchLedgers.Sheet sheet) throws IOException {
            return switch (this) {
                case TEMPLATE, CLERK_XLSX -> BenchLedgers.xlsx(sheet);
                case CLERK_XLS -> BenchLedgers.xls(sheet);
                case CLERK_CSV -> BenchLedgers.csv(sheet, GBK);
            };
        }

        /** Seconds to read every cell's text of the file in this process (checks the rows seen). */
        double parse(byte[] file, BenchLedgers.Sheet sheet) throws IOException {
            return switch (this) {
                case TEMPLATE, CLERK_XLSX -> parseOnly(file, sheet.nonEmptyRows());
                case CLERK_XLS -> BenchLedgers.parseXls(file, sheet.nonEmptyRows());
                case CLERK_CSV -> BenchLedgers.parseCsv(file, GBK, sheet.rows().size());
            };
        }
    }

    /** One timed import: dry run and commit seconds, the app's own split of each from its log, the heap if sampled. */
    private record Imported(Format format, int rows, double preview, double commit, List<String> appLog,
            Heap.Peak heap) {

        double seconds() {
            return preview + commit;
        }

        double rate() {
            return rows / seconds();
        }

        String line() {
            var s = new StringBuilder(String.format("  %-13s %,7d rows: dry run %.1f s + commit %.1f s = %,.0f rows/s%n",
                    format.label, rows, preview, commit, rate()));
            appLog.forEach(l -> s.append("      app: ").append(l).append('\n'));
            return s.toString();
        }
    }

    /**
     * Uploads a ledger for the dry run and commits it; checks that the dry run wrote nothing and reported every row a
     * create, and that the commit created every row. {@code heap}: sample the app's heap through both, or null.
     */
    private static Imported importFile(HttpClient http, String base, Connection db, Path appLog, Format format,
            byte[] file, int rows, Heap heap) throws Exception {
        long before = count(db, "select count(*) from project");
        long logMark = Files.size(appLog);
        Heap.Window window = null;
        if (heap != null) {
            heap.gc();
            window = heap.start(); // sampled every 20 ms through the dry run and the commit
        }
        long t = System.nanoTime();
        String report = post(http, base, "/api/v1/ledger/projects/preview", file, format.fileName, format.contentType);
        double previewSeconds = (System.nanoTime() - t) / 1e9;
        expect(report, "rows", rows);
        expect(report, "created", rows);
        expect(report, "rejected", 0);
        if (count(db, "select count(*) from project") != before) {
            throw new IllegalStateException("the dry run of the " + format.label + " file wrote projects");
        }
        Matcher m = BATCH.matcher(report);
        if (!m.find()) {
            throw new IllegalStateException("no batchId in the dry run's answer");
        }
        t = System.nanoTime();
        String committed = post(http, base, "/api/v1/ledger/" + m.group(1) + "/commit", null, null, null);
        double commitSeconds = (System.nanoTime() - t) / 1e9;
        Heap.Peak peak = window == null ? null : window.stop();
        expect(committed, "created", rows);
        long added = count(db, "select count(*) from project") - before;
        if (added != rows) {
            throw new IllegalStateException("the commit of the " + format.label + " file added " + added
                    + " projects, not " + rows);
        }
        return new Imported(format, rows, previewSeconds, commitSeconds, phases(appLog, logMark), peak);
    }

    /** The app's log lines of one import's phases ("Previewed N rows (PROJECTS): read … ms, …"), written since mark. */
    private static List<String> phases(Path appLog, long mark) throws IOException {
        var lines = new ArrayList<String>();
        try (var ch = java.nio.channels.FileChannel.open(appLog)) {
            ch.position(mark);
            String text = new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(),
                    StandardCharsets.UTF_8);
            Matcher m = PHASES.matcher(text);
            while (m.find()) {
                lines.add(m.group());
            }
        }
        return lines;
    }

    /** Leader accounts (role LEADER, at the province root) for the 包联领导 cells of the generated ledgers. */
    private static void insertLeaders(Connection db) throws SQLException {
        if (count(db, "select count(*) from app_user where username like 'bench-leader-%'") > 0) {
            return;
        }
        try (var user = db.prepareStatement("insert into app_user (username, display_name, password_hash, region_id, "
                + "password_changed_at) values (?, ?, ?, ?, now()) returning id");
             var role = db.prepareStatement("insert into user_role (user_id, role) values (?, 'LEADER')")) {
            for (int i = 0; i < BenchLedgers.LEADER_NAMES.length; i++) {
                user.setString(1, "bench-leader-" + (i + 1));
                user.setString(2, BenchLedgers.LEADER_NAMES[i]);
                user.setString(3, "$2a$12$" + "b".repeat(53)); // nobody signs in: it only has to look like bcrypt
                user.setLong(4, DataLoader.ROOT_ID);
                try (ResultSet rs = user.executeQuery()) {
                    rs.next();
                    role.setLong(1, rs.getLong(1));
                    role.executeUpdate();
                }
            }
        }
    }

    /**
     * What the database alone needs to store the imported rows: the projects one import wrote (ids above
     * {@code lastIdBefore}, up to {@code lastId}) and a "created" transition each, written by COPY into fresh copies of {@code project} and
     * {@code project_transition} with the same columns, checks, indexes and foreign keys. Only the two COPY statements
     * are timed; the copies are dropped after.
     */
    private static double copyFloor(Connection db, long lastIdBefore, long lastId) throws Exception {
        var copy = db.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        String columns = "code, name, name_key, region_id, attracting_region_id, attracting_share, chain_id, "
                + "chain_node_id, project_type, total_investment, contract_amount, foreign_currency, foreign_amount, "
                + "exchange_rate, fund_origin, key_project, leader_user_id, responsible_unit, contact_name, contact_phone, "
                + "counted, not_counted_reason, expansion_of_id, stage, signed_on, registered_on, started_on, producing_on, "
                + "full_production_on, created_by";
        try (Statement s = db.createStatement()) {
            s.execute("drop table if exists bench_floor_transition, bench_floor_project");
            s.execute("create table bench_floor_project (like project including all)");
            s.execute("alter table bench_floor_project add foreign key (region_id) references region (id), "
                    + "add foreign key (attracting_region_id) references region (id), "
                    + "add foreign key (chain_id) references chain (id), "
                    + "add foreign key (chain_node_id) references chain_node (id), "
                    + "add foreign key (leader_user_id) references app_user (id), "
                    + "add foreign key (created_by) references app_user (id), "
                    + "add foreign key (expansion_of_id) references bench_floor_project (id)");
            s.execute("create table bench_floor_transition (like project_transition including all)");
            s.execute("alter table bench_floor_transition add foreign key (project_id) references bench_floor_project (id) "
                    + "on delete cascade, add foreign key (actor_id) references app_user (id)");
        }
        try {
            var rows = new ByteArrayOutputStream();
            copy.copyOut("copy (select " + columns + " from project where id > " + lastIdBefore + " and id <= " + lastId
                    + " order by id) to stdout",
                    rows);
            long t = System.nanoTime();
            copy.copyIn("copy bench_floor_project (" + columns + ") from stdin", new ByteArrayInputStream(rows.toByteArray()));
            double seconds = (System.nanoTime() - t) / 1e9;
            var transitions = new ByteArrayOutputStream();
            copy.copyOut("copy (select id, null, stage, coalesce(full_production_on, producing_on, started_on, registered_on, "
                    + "signed_on, current_date), created_by, 'created' from bench_floor_project order by id) to stdout",
                    transitions);
            t = System.nanoTime();
            copy.copyIn("copy bench_floor_transition (project_id, from_stage, to_stage, on_date, actor_id, note) from stdin",
                    new ByteArrayInputStream(transitions.toByteArray()));
            return seconds + (System.nanoTime() - t) / 1e9;
        } finally {
            try (Statement s = db.createStatement()) {
                s.execute("drop table if exists bench_floor_transition, bench_floor_project");
            }
        }
    }

    /** Reads every cell's text as the import's reader does, and nothing else. */
    private static double parseOnly(byte[] file, int expectRows) throws IOException {
        long t = System.nanoTime();
        long rows = 0;
        long chars = 0;
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(file)); var stream = wb.getFirstSheet().openStream()) {
            var it = stream.iterator();
            while (it.hasNext()) {
                Row row = it.next();
                for (int c = 0; c < row.getCellCount(); c++) {
                    Cell cell = row.getCell(c);
                    if (cell != null) {
                        String s = switch (cell.getType()) {
                            case NUMBER -> cell.asNumber().stripTrailingZeros().toPlainString();
                            case EMPTY -> "";
                            default -> cell.getText();
                        };
                        chars += s.length();
                    }
                }
                rows++;
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        if (rows != expectRows || chars == 0) {
            throw new IllegalStateException("parse-only read " + rows + " rows, not " + expectRows);
        }
        return seconds;
    }

    private static String post(HttpClient http, String base, String path, byte[] file, String fileName,
            String contentType) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DataLoader.TOKEN_SECRET).header("Accept", "application/json")
                .header("Accept-Language", "zh-CN").timeout(Duration.ofMinutes(60));
        if (file == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            String boundary = "----yinfengbench" + System.nanoTime();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            builder.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, file, tail)));
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String body = response.body();
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(800, body.length())));
        }
        return response.body();
    }

    private static void expect(String json, String field, long value) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!m.find() || Long.parseLong(m.group(1)) != value) {
            String firstReject = json.contains("\"REJECT\"") ? json.substring(json.indexOf("\"REJECT\"") - 120,
                    Math.min(json.length(), json.indexOf("\"REJECT\"") + 300)) : "";
            throw new IllegalStateException("expected " + field + " = " + value + " in the import report, got "
                    + (m.find(0) ? m.group(1) : "none") + " " + firstReject);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        var out = new ArrayList<String>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1048576.0);
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "MISS";
    }

    /**
     * The application's heap over JMX: {@code HeapMemoryUsage.used} polled every 20 ms, and the heap left after each
     * collection from the collectors' {@code LastGcInfo}. Started with a full collection so runs compare.
     */
    static final class Heap implements AutoCloseable {

        record Peak(long used, long afterGc, int samples) {}

        private final JMXConnector connector;
        private final MBeanServerConnection mbeans;
        private final ObjectName memory;
        private final List<ObjectName> collectors;

        Heap(int port) throws Exception {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
            mbeans = connector.getMBeanServerConnection();
            memory = new ObjectName("java.lang:type=Memory");
            collectors = new ArrayList<>(mbeans.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null));
        }

        void gc() throws Exception {
            mbeans.invoke(memory, "gc", null, null);
        }

        long used() throws Exception {
            return (Long) ((CompositeData) mbeans.getAttribute(memory, "HeapMemoryUsage")).get("used");
        }

        /** Heap in use after the latest collection of any collector, with that collection's id per collector. */
        private long afterGc(long[] lastIds) throws Exception {
            long max = 0;
            for (int i = 0; i < collectors.size(); i++) {
                var info = (CompositeData) mbeans.getAttribute(collectors.get(i), "LastGcInfo");
                if (info == null) {
                    continue;
                }
                long id = (Long) info.get("id");
                if (id == lastIds[i]) {
                    continue;
                }
                lastIds[i] = id;
                long sum = 0;
                for (Object row : ((TabularData) info.get("memoryUsageAfterGc")).values()) {
                    String pool = (String) ((CompositeData) row).get("key");
                    if (pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Compressed")) {
                        continue; // not heap
                    }
                    sum += (Long) ((CompositeData) ((CompositeData) row).get("value")).get("used");
                }
                max = Math.max(max, sum);
            }
            return max;
        }

        Window start() throws Exception {
            return new Window(false);
        }

        /**
         * A window that forces a full collection every 500 ms and records the heap that collection left: the live
         * set while the export runs, without the garbage that young collections promote and no cycle has reclaimed
         * yet. Slows the export, so it is a separate, untimed run.
         */
        Window startForcing() throws Exception {
            return new Window(true);
        }

        final class Window {
            private volatile boolean running = true;
            private long used;
            private long afterGc;
            private int samples;
            private Exception failure;
            private final Thread thread;
            private final long[] lastIds = new long[collectors.size()];

            Window(boolean forcing) throws Exception {
                afterGc(lastIds); // the collection before the export is not part of it
                thread = new Thread(() -> {
                    try {
                        long nextGc = System.nanoTime() + 500_000_000L;
                        while (running) {
                            if (forcing && System.nanoTime() >= nextGc) {
                                gc();
                                // the collector's own figure: reading the heap afterwards would count what the export
                                // allocated in the meantime (hundreds of MB/s)
                                used = Math.max(used, afterGc(lastIds));
                                nextGc = System.nanoTime() + 500_000_000L;
                                samples++;
                            } else if (!forcing) {
                                used = Math.max(used, used());
                                afterGc = Math.max(afterGc, afterGc(lastIds));
                                samples++;
                            }
                            Thread.sleep(20);
                        }
                    } catch (Exception e) {
                        failure = e;
                    }
                }, "heap-sampler");
                thread.setDaemon(true);
                thread.start();
            }

            Peak stop() throws Exception {
                running = false;
                thread.join();
                if (failure != null) {
                    throw failure;
                }
                afterGc = Math.max(afterGc, afterGc(lastIds));
                return new Peak(used, afterGc, samples);
            }
        }

        @Override
        public void close() throws IOException {
            connector.close();
        }
    }
}
