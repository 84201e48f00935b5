package cn.yinfeng.activities;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.projects.Projects;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The seed's "走出去" and "请进来" for 吕梁 2024, through the services as the demo city staff: 53 trips out
 * visiting 74 distinct enterprises (the seed: 50余次, 70余家), 11 delegations with 26 enterprises, the named trips
 * (市委书记 to 北京, 副市长 to 十堰/重庆/杭州/贵阳, 交口 to 重庆/江苏/上海, 岚县 to 江浙沪), the talks with 太钢集团,
 * 合肥安海半导体 and 壹为新能源汽车, and 岚县's 长三角 signing ceremony with its projects, one of them a re-signing.
 */
@Component
@Profile("demo")
@Order(30)
class ActivityDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ActivityDemoData.class);

    static final int TRIPS_2024 = 53;
    static final int ENTERPRISES_VISITED_2024 = 74;
    static final int DELEGATIONS_2024 = 11;
    static final int DELEGATION_ENTERPRISES_2024 = 26;

    static final String[] CITIES = {
        "北京", "上海", "深圳", "杭州", "苏州", "南京", "武汉", "重庆", "成都", "西安", "合肥", "郑州", "天津", "广州", "青岛", "宁波"
    };
    static final String[] FIRMS = {"科技", "新能源", "材料", "装备", "数字", "物流", "环保", "文旅", "生物", "智能"};
    static final String[] REGIONS = {
        "141102", "141181", "141182", "141121", "141122", "141123", "141124", "141125", "141126", "141127", "141128",
        "141129", "141130", "141171", "141100"
    };

    private final Trips trips;
    private final Delegations delegations;
    private final Talks talks;
    private final Events events;
    private final JdbcClient jdbc;
    private final UserDetailsService users;
    private final Accounts accounts;
    private final Random random = new Random(2024_0208L);

    ActivityDemoData(
            Trips trips,
            Delegations delegations,
            Talks talks,
            Events events,
            JdbcClient jdbc,
            UserDetailsService users,
            Accounts accounts) {
        this.accounts = accounts;
        this.trips = trips;
        this.delegations = delegations;
        this.talks = talks;
        this.events = events;
        this.jdbc = jdbc;
        this.users = users;
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from trip").query(Long.class).single() > 0) {
            return;
        }
        var city = users.loadUserByUsername("city");
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(city, null, city.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            load();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private void load() {
        long started = System.nanoTime();
        Long leaderId = accounts.leaderByUsername("leader").orElse(null);
        // 74 distinct enterprises to visit in 2024: the named ones first, then generated prospects
        var visitPool = new ArrayList<String>(List.of(
                "中国生产力学会",
                "思成方商业服务有限公司",
                "东风汽车集团有限公司",
                "重庆长安汽车股份有限公司",
                "杭州海康威视数字技术股份有限公司",
                "贵州白山云科技股份有限公司",
                "上海电气集团股份有限公司",
                "江苏沙钢集团有限公司",
                "重庆文化旅游集团有限公司"));
        String[] words = {
            "瑞丰", "华辰", "启明", "恒远", "中拓", "天工", "海纳", "博雅", "鼎信", "润泽", "星河", "远航", "新宇", "卓越", "同创", "领航", "融通", "金桥",
            "云帆", "沃土"
        };
        var seen = new HashSet<>(visitPool);
        while (visitPool.size() < ENTERPRISES_VISITED_2024) {
            String name = CITIES[random.nextInt(CITIES.length)] + words[random.nextInt(words.length)]
                    + FIRMS[random.nextInt(FIRMS.length)] + "有限公司";
            if (seen.add(name)) {
                visitPool.add(name);
            }
        }
        int next = 0;

        // the named trips
        long beijing = trip(
                "市委书记赴北京调研人才引进与项目合作",
                "141100",
                null,
                "孙大军",
                "市委书记",
                true,
                LocalDate.of(2024, 3, 12),
                LocalDate.of(2024, 3, 14),
                "北京",
                "人才引进与合作调研");
        visit(beijing, visitPool.get(next++), LocalDate.of(2024, 3, 13), "北京");
        visit(beijing, visitPool.get(next++), LocalDate.of(2024, 3, 14), "北京");
        long south = trip(
                "分管副市长赴十堰、重庆、杭州、贵阳考察招商",
                "141100",
                leaderId,
                null,
                "市委常委、副市长",
                false,
                LocalDate.of(2024, 6, 3),
                LocalDate.of(2024, 6, 9),
                "湖北十堰、重庆、杭州、贵阳",
                "氢能汽车产业化、智慧城市与数字化转型项目对接");
        visit(south, visitPool.get(next++), LocalDate.of(2024, 6, 3), "十堰");
        visit(south, visitPool.get(next++), LocalDate.of(2024, 6, 5), "重庆");
        visit(south, visitPool.get(next++), LocalDate.of(2024, 6, 7), "杭州");
        visit(south, visitPool.get(next++), LocalDate.of(2024, 6, 9), "贵阳");
        long jiaokou = trip(
                "交口县赴重庆、江苏、上海考察文旅与冶铸产业",
                "141130",
                null,
                "交口县县长",
                "县长",
                true,
                LocalDate.of(2024, 7, 15),
                LocalDate.of(2024, 7, 20),
                "重庆、江苏、上海",
                "文旅项目、冶铸产业考察洽谈");
        visit(jiaokou, visitPool.get(next++), LocalDate.of(2024, 7, 16), "重庆");
        visit(jiaokou, visitPool.get(next++), LocalDate.of(2024, 7, 18), "江苏");
        visit(jiaokou, visitPool.get(next++), LocalDate.of(2024, 7, 20), "上海");
        long lanxian = trip(
                "岚县组织团队赴江浙沪考察招商",
                "141127",
                null,
                "岚县县委书记",
                "县委书记",
                true,
                LocalDate.of(2024, 5, 14),
                LocalDate.of(2024, 5, 19),
                "江苏、浙江、上海",
                "长三角招商推介与集中签约");
        visit(lanxian, visitPool.get(next++), LocalDate.of(2024, 5, 15), "苏州");
        visit(lanxian, visitPool.get(next++), LocalDate.of(2024, 5, 16), "杭州");

        // the remaining 2024 trips, every pool enterprise visited at least once, some twice
        int remaining = TRIPS_2024 - 4;
        for (int i = 0; i < remaining; i++) {
            String code = REGIONS[random.nextInt(REGIONS.length - 1)];
            LocalDate start = LocalDate.of(2024, 1, 8).plusDays(random.nextInt(320));
            LocalDate end = start.plusDays(1 + random.nextInt(4));
            String c1 = CITIES[random.nextInt(CITIES.length)];
            String c2 = CITIES[random.nextInt(CITIES.length)];
            boolean p2p = random.nextInt(4) == 0;
            long t = trip(
                    "赴" + c1 + (c1.equals(c2) ? "" : "、" + c2) + "考察招商",
                    code,
                    null,
                    p2p ? "县委书记" : "分管副县长",
                    p2p ? "县委书记" : "副县长",
                    p2p,
                    start,
                    end,
                    c1 + (c1.equals(c2) ? "" : "、" + c2),
                    "产业链精准招商");
            int visits = 1 + random.nextInt(2);
            for (int v = 0; v < visits; v++) {
                String name = next < visitPool.size()
                        ? visitPool.get(next++)
                        : visitPool.get(random.nextInt(visitPool.size()));
                visit(t, name, start.plusDays(random.nextInt((int) (end.toEpochDay() - start.toEpochDay()) + 1)), c1);
            }
        }
        while (next < visitPool.size()) {
            // any pool enterprise not yet visited goes to the last generated trips
            long t = jdbc.sql("select id from trip where title like '赴%' order by id desc limit 1")
                    .query(Long.class)
                    .single();
            var trip = trips.find(t);
            visit(t, visitPool.get(next++), trip.startDate(), null);
        }
        // 2023 trips for comparison, and two planned ones
        for (int i = 0; i < 41; i++) {
            LocalDate start = LocalDate.of(2023, 1, 10).plusDays(random.nextInt(330));
            trip(
                    "赴" + CITIES[random.nextInt(CITIES.length)] + "考察招商",
                    REGIONS[random.nextInt(REGIONS.length - 1)],
                    null,
                    "分管副县长",
                    "副县长",
                    false,
                    start,
                    start.plusDays(2),
                    "外省",
                    null);
        }
        LocalDate soon = LocalDate.now(Projects_ZONE()).plusDays(20);
        trips.create(new Trips.TripForm(
                "赴粤港澳大湾区招商推介（计划）",
                region("141100"),
                leaderId,
                null,
                "市委常委、副市长",
                false,
                null,
                null,
                soon,
                soon.plusDays(4),
                "深圳、广州、香港",
                "大湾区产业转移对接",
                null,
                ActivityStatus.PLANNED,
                0L));

        // delegations: 11 batches, 26 distinct enterprises
        var guests = new ArrayList<String>();
        for (int i = 0; i < DELEGATION_ENTERPRISES_2024; i++) {
            guests.add(CITIES[i % CITIES.length] + FIRMS[i % FIRMS.length] + "投资考察企业" + (i + 1) + "号有限公司");
        }
        int g = 0;
        for (int i = 0; i < DELEGATIONS_2024; i++) {
            int size = i < 4 ? 3 : 2;
            var names = new ArrayList<String>();
            for (int k = 0; k < size && g < guests.size(); k++) {
                names.add(guests.get(g++));
            }
            if (names.isEmpty()) {
                names.add(guests.get(i));
            }
            delegations.create(new Delegations.DelegationForm(
                    names.get(0).substring(0, 2) + "企业考察团",
                    region(REGIONS[random.nextInt(REGIONS.length)]),
                    LocalDate.of(2024, 2, 20).plusDays(i * 25L),
                    4 + random.nextInt(12),
                    "分管副县长",
                    "产业园区、重点项目现场",
                    "达成初步投资意向",
                    names,
                    ActivityStatus.DONE,
                    0L));
        }
        // talks at city level (市政府 with 太钢集团, 合肥安海半导体, 壹为新能源汽车)
        String[][] talks = {
            {"太原钢铁（集团）有限公司", "2024-04-09", "985产业链建设、金融合作"},
            {"合肥安海半导体有限公司", "2024-08-21", "功率半导体封测项目"},
            {"壹为新能源汽车有限公司", "2024-09-12", "氢能重卡整车项目"}
        };
        for (String[] t : talks) {
            this.talks.create(new Talks.TalkForm(
                    region("141100"),
                    LocalDate.parse(t[1]),
                    t[0],
                    null,
                    "市政府主要领导、市投促中心",
                    t[2],
                    ActivityStatus.DONE,
                    0L));
        }
        // 岚县's 长三角 ceremony in 上海, with the projects signed there and one earlier project re-signed
        long event = events.create(new Events.EventForm(
                region("141127"),
                Events.EventKind.SIGNING,
                "岚县“长三角”招商引资集中签约仪式",
                LocalDate.of(2024, 5, 18),
                "上海",
                "岚县赴江浙沪招商期间举办",
                ActivityStatus.DONE,
                0L));
        for (long p : jdbc.sql(
                        "select id from project where signed_on = date '2024-05-18' and region_id = :r order by id")
                .param("r", region("141127"))
                .query(Long.class)
                .list()) {
            events.addProject(event, p);
        }
        jdbc.sql("select id from project where signed_on < date '2024-01-01' and region_id = :r order by id limit 1")
                .param("r", region("141127"))
                .query(Long.class)
                .optional()
                .ifPresent(p -> events.addProject(event, p));
        log.info("Demo activities loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static ZoneId Projects_ZONE() {
        return Projects.ZONE;
    }

    private long trip(
            String title,
            String regionCode,
            Long leaderId,
            String leaderName,
            String rank,
            boolean p2p,
            LocalDate start,
            LocalDate end,
            String cities,
            String purpose) {
        return trips.create(new Trips.TripForm(
                title,
                region(regionCode),
                leaderId,
                leaderName,
                rank,
                p2p,
                "市投促中心、相关部门负责同志",
                null,
                start,
                end,
                cities,
                purpose,
                "对接企业，达成合作意向",
                ActivityStatus.DONE,
                0L));
    }

    private void visit(long trip, String enterprise, LocalDate on, String city) {
        trips.addVisit(trip, enterprise, null, on, city, null);
    }
}
