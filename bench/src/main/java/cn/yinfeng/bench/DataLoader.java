package cn.yinfeng.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deterministic benchmark data, loaded over JDBC after the application's Flyway migrations have created the schema:
 * a province with 11 cities and 138 counties, one API user, N projects (and their approved versions in
 * project_approved), about 2.5 x N follow-ups and 5 x N fund records. The same seed gives the same rows. Ids are
 * written explicitly (COPY may set identity columns) so region paths and cursors are known without reading them back;
 * the identity sequences are moved past them after.
 */
final class DataLoader {

    static final String TOKEN_SECRET = "bench-token-secret";
    static final long ROOT_ID = 1;
    static final String ROOT_CODE = "530000";
    static final int CITIES = 11;
    static final int COUNTIES = 138;
    static final long FIRST_COUNTY_ID = 2 + CITIES;

    private static final int SIGNED_FROM = (int) LocalDate.of(2022, 1, 1).toEpochDay();
    private static final int SIGNED_DAYS = (int) (LocalDate.of(2026, 1, 1).toEpochDay() - SIGNED_FROM);
    /** Stage dates after signing are capped here: a fixed "today", so the data do not depend on the clock. */
    private static final int AS_OF = (int) LocalDate.of(2026, 6, 30).toEpochDay();

    private static final String[] CITY_NAMES = {"东川", "西岭", "南屏", "北原", "青川", "白河", "金沙", "玉泉", "龙城",
        "凤台", "临江"};
    private static final String[] COUNTY_SUFFIXES = {"城区", "新区", "东县", "西县", "南县", "北县", "河县", "山县",
        "川县", "原县", "江县", "湖县", "林县"};

    // Project names are prefix + industry + product + suffix. 氢能 is one of 30 industries (about 3.3% of rows) and no
    // other word, nor any two neighbouring words, contains it, so "q=氢能" matches a known share of the ledger.
    private static final String[] NAME_PREFIXES = {"华润", "中建", "宏达", "恒信", "远景", "天合", "金鼎", "瑞丰", "博远",
        "正泰", "海川", "鼎盛", "国电", "晶科", "汇通", "新希望", "紫光", "万向", "长城", "安泰", "富士达", "科伦", "联创",
        "同方", "东方", "北辰", "中科", "华晟", "嘉和", "永泰", "泰和", "佳禾", "盛世", "锦程", "腾达", "明阳", "华电",
        "中铝", "信义", "德力"};
    private static final String[] INDUSTRIES = {"氢能", "光伏", "风电", "储能", "锂电", "新材料", "半导体", "生物医药",
        "数字经济", "智能制造", "装配式建筑", "特钢", "煤化工", "精细化工", "铝镁合金", "农产品加工", "冷链物流", "文旅",
        "康养", "电子信息", "汽车零部件", "轨道交通", "环保", "碳纤维", "食品", "纺织", "现代物流", "数据中心", "陶瓷",
        "中药材"};
    private static final String[] PRODUCTS = {"装备", "材料", "产业园", "生产基地", "研发中心", "综合体", "示范基地",
        "制造基地", "产业链", "加工园区", "总部基地", "循环经济园", "孵化器", "配套"};
    private static final String[] NAME_SUFFIXES = {"项目", "项目", "项目", "一期项目", "二期项目", "扩建项目",
        "技改项目", "新建项目"};

    private static final String[] FOLLOWUP_TEXTS = {"赴企业总部洽谈投资细节", "与企业负责人电话沟通进展",
        "协调用地指标与规划条件", "组织部门现场办公解决用电问题", "企业提交可研报告初稿", "召开项目推进会",
        "协调环评审批进度", "对接金融机构融资方案", "陪同企业考察园区标准厂房", "跟进设备采购与安装进度",
        "协调解决施工用水问题", "企业反馈招工需求"};
    private static final String[] NEXT_STEPS = {"下周再次对接", "督促企业提交材料", "报请领导协调", "组织专题会议",
        "跟踪审批结果"};
    private static final String[] CHAIN_NAMES = {"新能源汽车", "氢能", "新材料", "半导体", "生物医药", "现代煤化工",
        "文旅康养", "数字经济"};

    private static final String[] PROJECT_TYPES = {"INDUSTRIAL", "SERVICE", "AGRI_TOURISM", "INFRASTRUCTURE", "OTHER"};
    private static final int[] PROJECT_TYPE_WEIGHTS = {55, 20, 10, 10, 5};
    private static final String[] ORIGINS = {"OVERSEAS", "OUT_OF_PROVINCE", "IN_PROVINCE", "IN_CITY"};
    private static final int[] ORIGIN_WEIGHTS = {5, 50, 30, 15};
    /** RESERVE .. FULL_PRODUCTION (SUSPENDED and TERMINATED are not generated). Index 2 and up are signed. */
    private static final String[] STAGES = {"RESERVE", "NEGOTIATING", "SIGNED", "REGISTERED", "STARTED", "PRODUCING",
        "FULL_PRODUCTION"};
    private static final int[] STAGE_WEIGHTS = {15, 15, 20, 15, 15, 10, 10};
    private static final int SIGNED = 2;
    private static final String[] REVIEWS = {"APPROVED", "SUBMITTED", "DRAFT", "RETURNED"};
    private static final int[] REVIEW_WEIGHTS = {85, 7, 5, 3};

    /** What was loaded, for the report. */
    record Summary(int projects, long followups, long funds, long userId, double seconds) {}

    private final String jdbcUrl;
    private final int projects;
    private final long seed;
    // per project, kept from the project pass for the fund pass: stage index and signing day
    private final byte[] stage;
    private final int[] signedOn;

    DataLoader(String jdbcUrl, int projects, long seed) {
        this.jdbcUrl = jdbcUrl;
        this.projects = projects;
        this.seed = seed;
        this.stage = new byte[projects + 1];
        this.signedOn = new int[projects + 1];
    }

    Summary load() throws Exception {
        long t0 = System.nanoTime();
        long userId;
        try (Connection c = connect()) {
            insertRegions(c);
            insertChains(c);
            userId = insertUserAndToken(c);
            long t = System.nanoTime();
            loadProjects(c, userId);
            Main.progress("projects: %,d rows in %.1f s", projects, secondsSince(t));
            t = System.nanoTime();
            long approved = approveProjects(c);
            Main.progress("approved versions: %,d rows in %.1f s", approved, secondsSince(t));
        }
        long t = System.nanoTime();
        // the two detail tables go to two server backends at once: each COPY keeps one core busy on this 2-core box
        long followups;
        long funds;
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> f1 = pool.submit(() -> {
                try (Connection c = connect()) {
                    return loadFollowups(c, userId);
                }
            });
            Future<Long> f2 = pool.submit(() -> {
                try (Connection c = connect()) {
                    return loadFunds(c, userId);
                }
            });
            followups = unwrap(f1);
            funds = unwrap(f2);
        } finally {
            pool.shutdownNow();
        }
        Main.progress("follow-ups: %,d rows, funds: %,d rows in %.1f s", followups, funds, secondsSince(t));
        t = System.nanoTime();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : new String[] {"region", "chain", "project", "project_followup", "project_fund",
                "project_approved"}) {
                s.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), max(id)) from " + table);
            }
            // VACUUM as well as ANALYZE: it sets hint bits and the visibility map now, instead of the first timed
            // reads dirtying every page and autovacuum's insert threshold firing in the middle of the measurements
            s.execute("vacuum (analyze)");
            s.execute("checkpoint");
        }
        Main.progress("vacuum (analyze) and checkpoint in %.1f s", secondsSince(t));
        return new Summary(projects, followups, funds, userId, secondsSince(t0));
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        try (Statement s = c.createStatement()) {
            // Bulk load of rows that are consistent by construction: skip the per-row foreign-key triggers, which
            // would otherwise roughly double the load time. CHECK and NOT NULL constraints and indexes still apply.
            s.execute("set session_replication_role = replica");
        }
        return c;
    }

    private static void insertRegions(Connection c) throws SQLException {
        try (var ps = c.prepareStatement("insert into region (id, code, name, short_name, level, parent_id, path, "
                + "sort_order) overriding system value values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            addRegion(ps, ROOT_ID, ROOT_CODE, "云岭省", "云岭", "PROVINCE", null, "/1/", 0);
            long countyId = FIRST_COUNTY_ID;
            for (int ci = 0; ci < CITIES; ci++) {
                long cityId = 2 + ci;
                String cityPath = "/1/" + cityId + "/";
                addRegion(ps, cityId, String.format("53%02d00", ci + 1), CITY_NAMES[ci] + "市", CITY_NAMES[ci], "CITY",
                        ROOT_ID, cityPath, ci);
                // 138 counties over 11 cities: the first 6 cities have 13, the others 12
                int counties = COUNTIES / CITIES + (ci < COUNTIES % CITIES ? 1 : 0);
                for (int k = 0; k < counties; k++, countyId++) {
                    String name = CITY_NAMES[ci] + COUNTY_SUFFIXES[k];
                    addRegion(ps, countyId, String.format("53%02d%02d", ci + 1, k + 1), name, name, "COUNTY", cityId,
                            cityPath + countyId + "/", k);
                }
            }
            ps.executeBatch();
        }
    }

    private static void addRegion(PreparedStatement ps, long id, String code, String name, String shortName,
            String level, Long parent, String path, int sort) throws SQLException {
        ps.setLong(1, id);
        ps.setString(2, code);
        ps.setString(3, name);
        ps.setString(4, shortName);
        ps.setString(5, level);
        if (parent == null) {
            ps.setNull(6, Types.BIGINT);
        } else {
            ps.setLong(6, parent);
        }
        ps.setString(7, path);
        ps.setInt(8, sort);
        ps.addBatch();
    }

    /** The path of a city, for the filter scenarios ("/1/2/" for the first). */
    static String cityPath(long cityId) {
        return "/1/" + cityId + "/";
    }

    private static void insertChains(Connection c) throws SQLException {
        try (var ps = c.prepareStatement("insert into chain (id, code, name, tier, owner_region_id, sort_order) "
                + "overriding system value values (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < CHAIN_NAMES.length; i++) {
                ps.setLong(1, i + 1);
                ps.setString(2, String.format("CH%02d", i + 1));
                ps.setString(3, CHAIN_NAMES[i]);
                ps.setString(4, i < 2 ? "HUNDRED_BILLION" : "TEN_BILLION");
                ps.setLong(5, ROOT_ID);
                ps.setInt(6, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** User {@code bench} (city staff at the province root, so its scope is every region) and its API token. */
    private static long insertUserAndToken(Connection c) throws SQLException {
        long userId;
        // nobody signs in with a password: the hash only has to look like bcrypt
        String hash = "$2a$12$" + "b".repeat(53);
        try (var ps = c.prepareStatement("insert into app_user (username, display_name, password_hash, region_id, "
                + "password_changed_at) values ('bench', '压测用户', ?, ?, now()) returning id")) {
            ps.setString(1, hash);
            ps.setLong(2, ROOT_ID);
            try (var rs = ps.executeQuery()) {
                rs.next();
                userId = rs.getLong(1);
            }
        }
        // an administrator too: the statistics part rebuilds the aggregates through the admin endpoint
        try (var ps = c.prepareStatement("insert into user_role (user_id, role) values (?, 'CITY_STAFF'), (?, 'ADMIN')")) {
            ps.setLong(1, userId);
            ps.setLong(2, userId);
            ps.executeUpdate();
        }
        try (var ps = c.prepareStatement("insert into api_token (user_id, name, token_hash, token_prefix, created_at, "
                + "expires_at) values (?, 'bench', ?, ?, now(), now() + interval '365 days')")) {
            ps.setLong(1, userId);
            ps.setString(2, sha256Hex(TOKEN_SECRET));
            ps.setString(3, TOKEN_SECRET.substring(0, 8));
            ps.executeUpdate();
        }
        return userId;
    }

    private void loadProjects(Connection c, long userId) throws SQLException {
        var r = new SplittableRandom(seed);
        int createdSpan = AS_OF - SIGNED_FROM;
        try (var copy = new CopyStream(c, "project", "id, code, name, name_key, region_id, attracting_region_id, "
                + "attracting_share, chain_id, project_type, total_investment, contract_amount, fund_origin, "
                + "key_project, leader_user_id, counted, stage, signed_on, registered_on, started_on, producing_on, "
                + "full_production_on, review_status, version, created_by, created_at, updated_at")) {
            for (int id = 1; id <= projects; id++) {
                String name = pick(r, NAME_PREFIXES) + pick(r, INDUSTRIES) + pick(r, PRODUCTS) + pick(r, NAME_SUFFIXES);
                long region = FIRST_COUNTY_ID + r.nextInt(COUNTIES);
                int st = weighted(r, STAGE_WEIGHTS);
                // 97% between 500 and 200,000 万元, log-uniform (many small projects, few large); 3% larger
                double wan = r.nextInt(100) < 97 ? Math.exp(Math.log(500) + r.nextDouble() * Math.log(400))
                        : 200_000 + r.nextDouble() * 800_000;
                long total = Math.round(wan * 100);
                int signed = Integer.MIN_VALUE;
                int registered = Integer.MIN_VALUE;
                int started = Integer.MIN_VALUE;
                int producing = Integer.MIN_VALUE;
                int full = Integer.MIN_VALUE;
                if (st >= SIGNED) {
                    // each later date is on or after the one before: the table's project_dates_in_order CHECK
                    signed = SIGNED_FROM + r.nextInt(SIGNED_DAYS);
                    registered = st >= 3 ? Math.min(signed + 5 + r.nextInt(60), AS_OF) : Integer.MIN_VALUE;
                    started = st >= 4 ? Math.min(registered + 10 + r.nextInt(120), AS_OF) : Integer.MIN_VALUE;
                    producing = st >= 5 ? Math.min(started + 60 + r.nextInt(300), AS_OF) : Integer.MIN_VALUE;
                    full = st >= 6 ? Math.min(producing + 30 + r.nextInt(330), AS_OF) : Integer.MIN_VALUE;
                }
                stage[id] = (byte) st;
                signedOn[id] = signed;
                int created = SIGNED_FROM + (int) ((long) (id - 1) * createdSpan / projects);

                copy.num(id).text("B" + id).text(name).text(name).num(region);
                if (r.nextInt(100) < 8) { // credited to another county that attracted it
                    copy.num(FIRST_COUNTY_ID + r.nextInt(COUNTIES)).text("50.00");
                } else {
                    copy.nul().nul();
                }
                if (r.nextInt(100) < 60) {
                    copy.num(1 + r.nextInt(CHAIN_NAMES.length));
                } else {
                    copy.nul();
                }
                copy.text(PROJECT_TYPES[weighted(r, PROJECT_TYPE_WEIGHTS)]).money(total);
                if (st >= SIGNED) {
                    copy.money(total * (50 + r.nextInt(51)) / 100);
                } else {
                    copy.nul();
                }
                copy.text(ORIGINS[weighted(r, ORIGIN_WEIGHTS)]).bool(r.nextInt(100) < 5);
                if (r.nextInt(100) < 10) {
                    copy.num(userId);
                } else {
                    copy.nul();
                }
                copy.bool(true).text(STAGES[st]).date(signed).date(registered).date(started).date(producing)
                        .date(full).text(REVIEWS[weighted(r, REVIEW_WEIGHTS)]).num(0).num(userId)
                        .timestamp(created, "09:30:00").timestamp(created, "09:30:00");
                copy.endRow();
            }
            copy.finish();
        }
    }

    /**
     * The approved version of every project whose review status is APPROVED, valid from its creation: what the
     * statistics read. Plain SQL with the triggers off (replica role), so the aggregates are built by the timed
     * rebuild, not row by row here.
     */
    private static long approveProjects(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("""
                    insert into project_approved (project_id, valid_from, name, region_id, attracting_region_id,
                           attracting_share, chain_id, project_type, total_investment, contract_amount, fund_origin,
                           key_project, leader_user_id, counted, expansion_of_id, stage, signed_on, registered_on,
                           started_on, producing_on, full_production_on, approved_by, project_version)
                    select id, created_at, name, region_id, attracting_region_id, attracting_share, chain_id,
                           project_type, total_investment, contract_amount, fund_origin, key_project, leader_user_id,
                           counted, expansion_of_id, stage, signed_on, registered_on, started_on, producing_on,
                           full_production_on, created_by, version
                      from project where review_status = 'APPROVED'
                    """);
        }
    }

    private long loadFollowups(Connection c, long userId) throws SQLException {
        var r = new SplittableRandom(seed + 1);
        long id = 0;
        try (var copy = new CopyStream(c, "project_followup",
                "id, project_id, on_date, user_id, content, next_step, due_date, created_at, latest")) {
            for (int p = 1; p <= projects; p++) {
                int n = r.nextInt(6); // 0..5, 2.5 on average
                for (int i = 0; i < n; i++) {
                    int day = SIGNED_FROM + r.nextInt(AS_OF - SIGNED_FROM + 1);
                    copy.num(++id).num(p).date(day).num(userId).text(pick(r, FOLLOWUP_TEXTS));
                    if (r.nextBoolean()) {
                        copy.text(pick(r, NEXT_STEPS)).date(day + 14);
                    } else {
                        copy.nul().nul();
                    }
                    copy.timestamp(day, "18:00:00").text(i == n - 1 ? "t" : "f").endRow();
                }
            }
            return copy.finish();
        }
    }

    private long loadFunds(Connection c, long userId) throws SQLException {
        var r = new SplittableRandom(seed + 2);
        long id = 0;
        try (var copy = new CopyStream(c, "project_fund",
                "id, project_id, month, origin, amount, recorded_by, recorded_at, approved_at")) {
            for (int p = 1; p <= projects; p++) {
                if (stage[p] < SIGNED) {
                    continue; // money arrives only for signed projects
                }
                int n = r.nextInt(15); // 0..14 for the 70% signed: about 5 per project overall
                LocalDate first = LocalDate.ofEpochDay(signedOn[p]).withDayOfMonth(1);
                int monthsAvailable = (int) ChronoUnit.MONTHS.between(first,
                        LocalDate.ofEpochDay(AS_OF)) + 1;
                for (int i = 0; i < n; i++) {
                    int month = (int) first.plusMonths(r.nextInt(monthsAvailable)).toEpochDay(); // first of a month
                    long cents = 1_000 + r.nextLong(499_000L); // 10 .. 5,000 万元
                    copy.num(++id).num(p).date(month).text(ORIGINS[weighted(r, ORIGIN_WEIGHTS)]).money(cents)
                            .num(userId).timestamp(month + 9, "12:00:00");
                    if (r.nextInt(100) < 90) {
                        copy.timestamp(month + 12, "16:00:00");
                    } else {
                        copy.nul();
                    }
                    copy.endRow();
                }
            }
            return copy.finish();
        }
    }

    private static String pick(SplittableRandom r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    /** Index drawn with the given weights (they need not add up to 100). */
    private static int weighted(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static <T> T unwrap(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
