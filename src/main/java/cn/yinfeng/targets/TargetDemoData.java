package cn.yinfeng.targets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * 2024 targets for 吕梁 and its units (the city's own targets a little above what the year delivered, the counties'
 * spread so that the ranking shows all three lights), and 孝义's 七张答卷 as goal groups.
 */
@Component
@Profile("demo")
@Order(40)
class TargetDemoData implements ApplicationRunner {

    static final Map<String, BigDecimal> CITY_2024 = Map.of(
            "SIGNED_COUNT",
            new BigDecimal("140"),
            "SIGNED_AMOUNT",
            new BigDecimal("11000000"),
            "SIGNED_1YI_COUNT",
            new BigDecimal("70"),
            "FUNDS",
            new BigDecimal("2500000"),
            "STARTED_COUNT",
            new BigDecimal("90"),
            "TRIPS",
            new BigDecimal("60"));

    static final List<String> SEVEN = List.of("工业强市", "文旅富民", "创新升级", "扩大内需", "民生改善", "安全稳定", "人民满意");

    private final JdbcClient jdbc;

    TargetDemoData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from target").query(Long.class).single() > 0) {
            return;
        }
        long city = jdbc.sql("select id from region where code = '141100'")
                .query(Long.class)
                .single();
        CITY_2024.forEach((code, value) -> insert(city, code, value));
        // counties: targets around their share of the city's, some easy, some hard
        List<Long> units = jdbc.sql("select id from region where parent_id = :c order by sort_order")
                .param("c", city)
                .query(Long.class)
                .list();
        int i = 0;
        for (long unit : units) {
            BigDecimal factor = new BigDecimal(i % 3 == 0 ? "0.055" : i % 3 == 1 ? "0.075" : "0.095");
            insert(unit, "SIGNED_COUNT", new BigDecimal(140).multiply(factor).setScale(0, RoundingMode.HALF_UP));
            insert(
                    unit,
                    "SIGNED_AMOUNT",
                    new BigDecimal(11000000).multiply(factor).setScale(0, RoundingMode.HALF_UP));
            insert(unit, "TRIPS", new BigDecimal(5));
            i++;
        }
        long xiaoyi = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        String[][] indicators = {
            {"SIGNED_COUNT", "SIGNED_1YI_COUNT", "STARTED_COUNT"},
            {"TRIPS"},
            {"SIGNED_AMOUNT"},
            {"FUNDS"},
            {"PRODUCING_COUNT"},
            {"PERFORMANCE_RATE"},
            {"DELEGATIONS"}
        };
        for (int g = 0; g < SEVEN.size(); g++) {
            long id = jdbc.sql("insert into goal_group (region_id, year, name, sort_order) values (:r, 2024, :n, :o) "
                            + "returning id")
                    .param("r", xiaoyi)
                    .param("n", SEVEN.get(g) + "答卷")
                    .param("o", g)
                    .query(Long.class)
                    .single();
            for (String code : indicators[g]) {
                jdbc.sql("insert into goal_group_indicator (group_id, indicator_code) values (:g, :c)")
                        .param("g", id)
                        .param("c", code)
                        .update();
            }
        }
    }

    private void insert(long region, String code, BigDecimal value) {
        jdbc.sql("insert into target (region_id, year, indicator_code, value) values (:r, 2024, :c, :v)")
                .param("r", region)
                .param("c", code)
                .param("v", value)
                .update();
    }
}
