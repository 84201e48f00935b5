package cn.yinfeng.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitUntilState;

/**
 * The web suite ({@code --suite=web}, issue 22): pages as a county clerk on 4G gets them. Debian's Chromium (never a
 * downloaded browser) signs in as city staff, then loads each page with the network throttled through the DevTools
 * protocol (9 Mbps down, 3 Mbps up, 80 ms round trip), first with an empty cache (cold) and then again (warm), five
 * times each. Reported per page, medians of 5: the largest contentful paint, the bytes that crossed the network and
 * the requests that did. The same pages are loaded from a second instance run with the settings of before (no
 * compression, static files not cached) on the same database: the "today" each LCP is compared with.
 */
final class WebBench {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String USER = "benchweb";
    private static final int RUNS = 5;
    private static final double LATENCY_MS = 80;
    private static final double DOWN_BYTES_PER_S = 9_000_000 / 8.0;
    private static final double UP_BYTES_PER_S = 3_000_000 / 8.0;
    private static final double LCP_TARGET_MS = 1000;
    private static final double LCP_RATIO_TARGET = 0.5;
    private static final double FIRST_KB_TARGET = 450;
    private static final double REPEAT_KB_TARGET = 60;
    /** The settings of before the static files were versioned, compressed and cached. */
    static final List<String> OLD_SETTINGS = List.of("--server.compression.enabled=false",
            "--yinfeng.web.static-max-age=0");

    /** One visit; {@code htmlMs}: when the page's HTML had arrived; {@code element}: the LCP element, briefly. */
    private record Visit(double lcpMs, double loadMs, long bytes, int requests, double htmlMs, String element) {}

    private record PageRow(String label, List<Visit> oldCold, List<Visit> cold, List<Visit> warm) {}

    private WebBench() {}

    static String run(String base, String oldBase, Connection db) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("the web suite needs Debian's Chromium at " + CHROMIUM
                    + " (apt-get install chromium)");
        }
        insertUser(db);
        String month = latestMonth(db);
        // label, path: what a county's staff opens most
        List<String[]> pages = List.of(
                new String[] {"workbench", "/"},
                new String[] {"project list", "/projects"},
                new String[] {"statistics", "/stats?to=" + month},
                new String[] {"monthly report", "/stats/report?to=" + month});
        var rows = new ArrayList<PageRow>();
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--no-first-run",
                             "--disable-quic")))) {
            for (String[] p : pages) {
                Main.progress("web: %s (%s), %d cold and warm visits, and %d against the old settings", p[0], p[1],
                        RUNS, RUNS);
                var oldCold = new ArrayList<Visit>();
                var cold = new ArrayList<Visit>();
                var warm = new ArrayList<Visit>();
                for (int i = 0; i < RUNS; i++) {
                    oldCold.add(visits(browser, oldBase, p[1])[0]);
                    Visit[] v = visits(browser, base, p[1]);
                    cold.add(v[0]);
                    warm.add(v[1]);
                }
                rows.add(new PageRow(p[0], oldCold, cold, warm));
            }
        }
        return report(rows);
    }

    /** In a new browser context: sign in, empty the cache, then the page twice, throttled: cold, then warm. */
    private static Visit[] visits(Browser browser, String base, String path) {
        try (BrowserContext ctx = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setLocale("zh-CN").setTimezoneId("Asia/Shanghai"))) {
            Page page = ctx.newPage();
            page.navigate(base + "/login");
            page.fill("input[name=username]", USER);
            page.fill("input[name=password]", WorkbenchBench.PASSWORD);
            page.waitForNavigation(() -> page.click("button[type=submit]"));
            if (page.url().contains("/login")) {
                throw new IllegalStateException("web: sign-in as " + USER + " failed at " + base);
            }
            CDPSession cdp = ctx.newCDPSession(page);
            cdp.send("Network.enable");
            cdp.send("Network.clearBrowserCache");
            var throttle = new JsonObject();
            throttle.addProperty("offline", false);
            throttle.addProperty("latency", LATENCY_MS);
            throttle.addProperty("downloadThroughput", DOWN_BYTES_PER_S);
            throttle.addProperty("uploadThroughput", UP_BYTES_PER_S);
            cdp.send("Network.emulateNetworkConditions", throttle);
            var bytes = new AtomicLong();
            var requests = new AtomicInteger();
            cdp.on("Network.loadingFinished", e -> {
                long n = e.get("encodedDataLength").getAsLong();
                bytes.addAndGet(n);
                if (n > 0) {
                    requests.incrementAndGet();
                }
            });
            Visit first = visit(page, base + path, bytes, requests);
            Visit second = visit(page, base + path, bytes, requests);
            return new Visit[] {first, second};
        }
    }

    private static Visit visit(Page page, String url, AtomicLong bytes, AtomicInteger requests) {
        // a blank page first, so that nothing of the previous visit is still arriving when counting starts
        page.navigate("about:blank");
        bytes.set(0);
        requests.set(0);
        page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE).setTimeout(60_000));
        @SuppressWarnings("unchecked")
        var lcp = (java.util.Map<String, Object>) page.evaluate("""
                () => new Promise(resolve => {
                  new PerformanceObserver(list => {
                    const all = list.getEntries();
                    const last = all[all.length - 1];
                    const el = last.element;
                    const what = !el ? '?' : el.tagName.toLowerCase()
                        + (el.dataset && el.dataset.testid ? '[' + el.dataset.testid + ']' : '')
                        + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
                        + ' "' + (el.textContent || '').trim().slice(0, 16) + '"';
                    resolve({t: last.startTime, what: what});
                  }).observe({type: 'largest-contentful-paint', buffered: true});
                  setTimeout(() => resolve({t: -1, what: 'none'}), 3000);
                })""");
        Object html = page.evaluate("() => performance.getEntriesByType('navigation')[0].responseEnd");
        Object load = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd");
        if (page.url().contains("/login")) { // the session ended: what was measured is the sign-in page
            throw new IllegalStateException("web: " + url + " ended at " + page.url());
        }
        return new Visit(((Number) lcp.get("t")).doubleValue(), ((Number) load).doubleValue(), bytes.get(),
                requests.get(), ((Number) html).doubleValue(), String.valueOf(lcp.get("what")));
    }

    private static String report(List<PageRow> rows) {
        var out = new StringBuilder(String.format("%nPages in Chromium at 390 px, throttled to 9 Mbps down, 3 up, "
                + "80 ms round trip; medians of %d; old = no compression, static files not cached%n", RUNS));
        out.append("-".repeat(127)).append('\n');
        String fmt = "%-15s %9s %9s %7s %9s %10s %10s %10s %8s %8s%n";
        out.append(String.format(fmt, "page", "old LCP", "cold LCP", "ratio", "warm LCP", "old KB", "cold KB",
                "warm KB", "cold req", "warm req"));
        var verdicts = new StringBuilder();
        for (PageRow r : rows) {
            double oldLcp = median(r.oldCold(), Visit::lcpMs);
            double coldLcp = median(r.cold(), Visit::lcpMs);
            double warmLcp = median(r.warm(), Visit::lcpMs);
            double ratio = coldLcp / oldLcp;
            double coldKb = median(r.cold(), v -> v.bytes()) / 1024;
            double warmKb = median(r.warm(), v -> v.bytes()) / 1024;
            out.append(String.format(fmt, r.label(), ms(oldLcp), ms(coldLcp), String.format("%.2f", ratio),
                    ms(warmLcp), kb(median(r.oldCold(), v -> v.bytes()) / 1024), kb(coldKb), kb(warmKb),
                    String.format("%.0f", median(r.cold(), v -> v.requests())),
                    String.format("%.0f", median(r.warm(), v -> v.requests()))));
            if (r.label().equals("statistics") || r.label().equals("project list")) {
                boolean pass = coldLcp <= LCP_TARGET_MS && ratio <= LCP_RATIO_TARGET;
                verdicts.append(String.format("%s: cold LCP %.0f ms (target <= %.0f ms and <= %.1f x old %.0f ms: "
                        + "%.2f)  %s%n", r.label(), coldLcp, LCP_TARGET_MS, LCP_RATIO_TARGET, oldLcp, ratio,
                        pass ? "PASS" : "MISS"));
            }
            if (r.label().equals("statistics")) {
                verdicts.append(String.format("statistics: first visit %.0f KB (target <= %.0f)  %s; repeat visit "
                        + "%.1f KB (target <= %.0f)  %s%n", coldKb, FIRST_KB_TARGET,
                        coldKb <= FIRST_KB_TARGET ? "PASS" : "MISS", warmKb, REPEAT_KB_TARGET,
                        warmKb <= REPEAT_KB_TARGET ? "PASS" : "MISS"));
            }
        }
        out.append("-".repeat(127)).append('\n').append(verdicts);
        out.append("each run (cold LCP ms): ");
        for (PageRow r : rows) {
            out.append(r.label()).append(' ').append(Arrays.toString(r.cold().stream()
                    .mapToLong(v -> Math.round(v.lcpMs())).toArray())).append("  ");
        }
        out.append('\n');
        for (PageRow r : rows) {
            out.append(String.format("%s: HTML arrived at %.0f ms cold, %.0f ms warm (medians); LCP element %s%n",
                    r.label(), median(r.cold(), Visit::htmlMs), median(r.warm(), Visit::htmlMs),
                    r.cold().get(0).element()));
        }
        return out.toString();
    }

    /** City staff of the first city, with the workbench suite's password (another name: both may run). */
    private static void insertUser(Connection db) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("insert into app_user (username, display_name, "
                + "password_hash, region_id, password_changed_at) values (?, '压测网页用户', ?, 2, now()) "
                + "on conflict do nothing returning id")) {
            ps.setString(1, USER);
            ps.setString(2, WorkbenchBench.HASH);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return; // there from an earlier round
                }
                try (PreparedStatement role = db.prepareStatement(
                        "insert into user_role (user_id, role) values (?, 'CITY_STAFF')")) {
                    role.setLong(1, rs.getLong(1));
                    role.executeUpdate();
                }
            }
        }
    }

    /** The latest month with a signing: where the statistics pages land. */
    private static String latestMonth(Connection db) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "select to_char(max(signed_on), 'YYYY-MM') from project where signed_on <= current_date");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double median(List<Visit> visits, ToDoubleFunction<Visit> f) {
        double[] v = visits.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String ms(double v) {
        return String.format("%.0f", v);
    }

    private static String kb(double v) {
        return String.format("%.1f", v);
    }
}
