package cn.yinfeng.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 20, the workbench: {@code GET /} as a city's reviewer sees it (city staff of the first city, about a
 * twelfth of the projects, 15 % of them not approved), signed in with a password in a browser-like session, against
 * the statements the page runs (copied from {@code ProjectWork}, {@code Inbox}, {@code TaskList} and {@code Deadlines}; change
 * them when those change). The floor is {@code GET /inbox/badge} in the same session: the session, the security
 * context and one count. Target: page p95 ÷ (floor p95 + SQL p95) ≤ 1.5.
 */
final class WorkbenchBench {

    static final String USER = "benchcity";
    /** The password of {@link #USER}; the hash below is its BCrypt (cost 12), as the application stores them. */
    static final String PASSWORD = "Bench@2026-workbench";
    static final String HASH = "$2a$12$RLSNM.ASpP7Vby.FhfJVMOpc8MBrgVBprN8Zrshh9UgMorHBiBq9G";
    /** The first city (path /1/2/): ids 2 .. 1 + CITIES are the cities. */
    private static final long CITY_ID = 2;
    private static final double TARGET = 1.5;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /**
     * The session's cookies, kept by hand: the production profile marks them Secure, which Java's cookie manager
     * then sends only over https, while the bench talks to the app over plain http on localhost.
     */
    private static final java.util.Map<String, String> COOKIES = new java.util.concurrent.ConcurrentHashMap<>();

    private WorkbenchBench() {}

    private static HttpRequest.Builder withCookies(HttpRequest.Builder b) {
        if (!COOKIES.isEmpty()) {
            var header = new StringBuilder();
            COOKIES.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
            b.header("Cookie", header.toString());
        }
        return b;
    }

    private static void keepCookies(HttpResponse<?> response) {
        for (String c : response.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                COOKIES.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
    }

    static String run(String base, Connection db, int warmup, int requests) throws Exception {
        long userId = insertUser(db);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        signIn(http, base);
        List<AppSql.Query> statements = statements(userId);
        check(page(http, base, "/"), db, statements);
        Timing.Stats floor = Timing.measure(warmup, requests, () -> page(http, base, "/inbox/badge"));
        Timing.Stats pageT = Timing.measure(warmup, requests, () -> page(http, base, "/"));
        Timing.Stats sqlT = Timing.measure(warmup, requests, () -> {
            for (AppSql.Query q : statements) {
                Main.query(db, q);
            }
        });
        var each = new StringBuilder();
        for (int i = 0; i < statements.size(); i++) {
            AppSql.Query q = statements.get(i);
            Timing.Stats t = Timing.measure(3, 21, () -> Main.query(db, q));
            each.append(String.format("  statement %2d p50 %7.2f ms  %s%n", i + 1, t.p50(),
                    q.sql().replaceAll("\\s+", " ").substring(0, Math.min(90, q.sql().replaceAll("\\s+", " ").length()))));
        }
        double ratio = pageT.p95() / (floor.p95() + sqlT.p95());
        return String.format("%nWorkbench (GET / as city staff of one city, signed in with a session)%n")
                + "-".repeat(127) + '\n'
                + String.format("GET /: p50 %.2f ms, p95 %.2f ms; its %d statements p50 %.2f ms, p95 %.2f ms; floor "
                        + "(GET /inbox/badge, same session) p50 %.2f ms, p95 %.2f ms; %d calls after %d warm-up%n",
                        pageT.p50(), pageT.p95(), statements.size(), sqlT.p50(), sqlT.p95(), floor.p50(), floor.p95(),
                        requests, warmup)
                + each
                + String.format("workbench p95 / (floor p95 + SQL p95) = %.2f (target <= %.1f)  %s%n", ratio, TARGET,
                        ratio <= TARGET ? "PASS" : "MISS");
    }

    /** City staff of the first city; no administrator (that would ask for a second factor on the page). */
    private static long insertUser(Connection db) throws SQLException {
        long id;
        try (PreparedStatement ps = db.prepareStatement("insert into app_user (username, display_name, password_hash, "
                + "region_id, password_changed_at) values (?, '压测市级审核员', ?, ?, now()) returning id")) {
            ps.setString(1, USER);
            ps.setString(2, HASH);
            ps.setLong(3, CITY_ID);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = db.prepareStatement("insert into user_role (user_id, role) values (?, 'CITY_STAFF')")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        return id;
    }

    private static void signIn(HttpClient http, String base) throws Exception {
        String form = page(http, base, "/login");
        Matcher m = CSRF.matcher(form);
        if (!m.find()) {
            throw new IllegalStateException("workbench: no CSRF token on the sign-in page");
        }
        String body = "username=" + USER + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(withCookies(HttpRequest.newBuilder(URI.create(base + "/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        keepCookies(response);
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("workbench: sign-in answered " + response.statusCode() + " to " + location);
        }
    }

    static String page(HttpClient http, String base, String path) throws Exception {
        HttpResponse<String> response = http.send(withCookies(HttpRequest.newBuilder(URI.create(base + path)))
                .header("Accept", "text/html").timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        keepCookies(response);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The page shows the counts its statements give: waiting for review, returned, drafts. */
    private static void check(String html, Connection db, List<AppSql.Query> statements) throws SQLException {
        String[][] expected = {{"待审核项目（", "SUBMITTED"}, {"被退回待修改（", "RETURNED"}, {"草稿未提交（", "DRAFT"}};
        for (String[] e : expected) {
            long n = -1;
            for (AppSql.Query q : statements) {
                if (q.sql().startsWith("select count(*) from project p") && q.params().get(0).equals(e[1])) {
                    n = Long.parseLong(Main.query(db, q).get(0));
                }
            }
            String shown = e[0] + String.format("%,d", n) + "）";
            if (n <= 0 || !html.contains(shown)) {
                throw new IllegalStateException("workbench: the page does not show " + shown);
            }
        }
    }

    private static final String SCOPE = "p.region_id in (select scope_r.id from region scope_r where scope_r.path "
            + "like ?)";

    /** What {@code GET /} runs for city staff (no leader, no talent office), in its order. */
    static List<AppSql.Query> statements(long userId) {
        String path = "/1/" + CITY_ID + "/%";
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        var out = new java.util.ArrayList<AppSql.Query>();
        // Inbox.unread, Inbox.list (unread, 6)
        out.add(new AppSql.Query("select count(*) from notification where user_id = ? and read_at is null",
                List.of(userId)));
        out.add(new AppSql.Query("select count(*) from notification where user_id = ? and read_at is null",
                List.of(userId)));
        out.add(new AppSql.Query("select * from notification where user_id = ? and read_at is null order by id desc "
                + "limit ? offset ?", List.of(userId, 6, 0)));
        // SupervisionWork.myOpenTasks: TaskList.search for OPEN and for RESPONDED, mine, by deadline
        for (String status : new String[] {"OPEN", "RESPONDED"}) {
            String cond = "(t.assignee_region_id in (select scope_r.id from region scope_r where scope_r.path like ?) "
                    + "or t.issuer_id = ?) and t.status = ? and (t.assignee_user_id = ? or t.issuer_id = ? or "
                    + "(t.assignee_user_id is null and t.assignee_region_id = ?))";
            List<Object> p = List.of(path, userId, status, userId, userId, CITY_ID);
            out.add(new AppSql.Query("select count(*) from supervision_task t join region r on r.id = "
                    + "t.assignee_region_id where " + cond, p));
            var rows = new java.util.ArrayList<Object>(p);
            rows.add(6);
            rows.add(0);
            out.add(new AppSql.Query("select t.*, p.name as project_name, r.name as region_name from supervision_task t "
                    + "join region r on r.id = t.assignee_region_id left join project p on p.id = t.project_id where "
                    + cond + " order by t.deadline asc, t.id desc limit ? offset ?", rows));
        }
        // ProjectWork.inStatus RETURNED, DRAFT; stepsDue; reviewQueue; inStatus SUBMITTED
        for (String status : new String[] {"RETURNED", "DRAFT"}) {
            inStatus(out, status, path);
        }
        out.add(new AppSql.Query("""
                select p.id, p.name, f.next_step, f.due_date
                  from project_followup f join project p on p.id = f.project_id
                 where f.latest and f.due_date is not null and f.due_date <= ?
                   and p.stage not in ('TERMINATED', 'FULL_PRODUCTION') and\s""" + SCOPE + """
                 order by f.due_date, p.id limit ?""", List.of(java.sql.Date.valueOf(today.plusDays(7)), path, 6)));
        out.add(new AppSql.Query("""
                select r.id, r.name, count(*) as waiting, min(coalesce(v.at, p.updated_at)) as oldest
                  from project p join region r on r.id = p.region_id
                  left join lateral (select x.at from project_review x where x.project_id = p.id
                                      and x.action = 'SUBMIT' order by x.id desc limit 1) v on true
                 where p.review_status = 'SUBMITTED' and\s""" + SCOPE + """
                 group by r.id, r.name order by oldest, r.name""", List.of(path)));
        inStatus(out, "SUBMITTED", path);
        // Deadlines.dueWithin(7): the rules (read once), then the projects due in the window
        out.add(new AppSql.Query("select * from warning_rule order by sort_order, code", List.of()));
        out.add(new AppSql.Query("""
                select * from (
                select p.id, p.code, p.name, p.stage, p.review_status, s.since,
                       (select cast(max(r.at) at time zone 'Asia/Shanghai' as date) from project_review r
                         where r.project_id = p.id and r.action = 'SUBMIT') as submitted_on
                  from project p
                 cross join lateral (
                       select greatest(max(t.on_date), p.signed_on, p.registered_on, p.started_on,
                                       cast(p.created_at at time zone 'Asia/Shanghai' as date)) as since
                         from project_transition t where t.project_id = p.id) s
                 where p.stage in ('RESERVE', 'NEGOTIATING', 'SIGNED', 'REGISTERED', 'STARTED') and\s""" + SCOPE + """
                ) x where x.since + cast(cast(? as jsonb) ->> x.stage as integer) between ? and ?
                   or (x.review_status = 'SUBMITTED' and x.submitted_on + cast(? as integer) between ? and ?)""",
                List.of(path, "{\"RESERVE\": 180, \"NEGOTIATING\": 45, \"SIGNED\": 90, \"REGISTERED\": 90, "
                        + "\"STARTED\": 365, \"redFactor\": 2}", java.sql.Date.valueOf(today),
                        java.sql.Date.valueOf(today.plusDays(7)), 3, java.sql.Date.valueOf(today),
                        java.sql.Date.valueOf(today.plusDays(7)))));
        return out;
    }

    private static void inStatus(List<AppSql.Query> out, String status, String path) {
        String where = "p.review_status = ? and p.review_status <> 'APPROVED' and " + SCOPE;
        out.add(new AppSql.Query("select count(*) from project p where " + where, List.of(status, path)));
        out.add(new AppSql.Query("""
                select p.id, p.code, p.name, r.name as region_name, p.review_status, p.stage,
                       coalesce(v.at, p.updated_at) as since, v.opinion
                  from project p join region r on r.id = p.region_id
                  left join lateral (select x.at, x.opinion from project_review x
                                      where x.project_id = p.id order by x.id desc limit 1) v on true
                 where\s""" + where + """
                 order by coalesce(v.at, p.updated_at), p.id limit ?""", List.of(status, path, 6)));
    }
}
