package cn.yinfeng.chains;

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
 * The chains named in the seed: the city's "985" key-chain set (氢能, 新能源, 文旅, 碳基新材料, 大数据) and 孝义's
 * "2+3+N" (氢能 and 现代煤化工 at the 100-billion tier, 铝镁, 锂电 and 白酒 at 10 billion, 固废综合利用 and 耐材 at
 * 1 billion), with nodes and target enterprises for the hydrogen chain.
 */
@Component
@Profile("demo")
@Order(15)
class ChainDemoData implements ApplicationRunner {

    record Seed(String code, String name, Chains.Tier tier, String regionCode, String set) {}

    static final List<Seed> CHAINS = List.of(
            new Seed("LL-H2", "氢能", Chains.Tier.OTHER, "141100", "985"),
            new Seed("LL-NE", "新能源", Chains.Tier.OTHER, "141100", "985"),
            new Seed("LL-CT", "文旅", Chains.Tier.OTHER, "141100", "985"),
            new Seed("LL-CM", "碳基新材料", Chains.Tier.OTHER, "141100", "985"),
            new Seed("LL-BD", "大数据", Chains.Tier.OTHER, "141100", "985"),
            new Seed("XY-H2", "氢能", Chains.Tier.TRILLION, "141181", "2+3+N"),
            new Seed("XY-CC", "现代煤化工", Chains.Tier.TRILLION, "141181", "2+3+N"),
            new Seed("XY-AM", "铝镁", Chains.Tier.HUNDRED_BILLION, "141181", "2+3+N"),
            new Seed("XY-LI", "锂电", Chains.Tier.HUNDRED_BILLION, "141181", "2+3+N"),
            new Seed("XY-BJ", "白酒", Chains.Tier.HUNDRED_BILLION, "141181", "2+3+N"),
            new Seed("XY-SW", "固废综合利用", Chains.Tier.TEN_BILLION, "141181", "2+3+N"),
            new Seed("XY-NC", "耐材", Chains.Tier.TEN_BILLION, "141181", "2+3+N"));

    /** chain code -> segment -> node name -> target enterprises (name, status) */
    static final Map<String, List<Object[]>> NODES = Map.of(
            "LL-H2",
                    List.<Object[]>of(
                            new Object[] {
                                Chains.Segment.UP,
                                "焦炉煤气制氢",
                                List.<Object[]>of(
                                        new Object[] {"山西鹏飞集团有限公司", "SIGNED"},
                                        new Object[] {"美锦能源集团有限公司", "NEGOTIATING"})
                            },
                            new Object[] {
                                Chains.Segment.MID,
                                "储运与加氢站",
                                List.<Object[]>of(new Object[] {"国富氢能技术装备股份有限公司", "CONTACTED"})
                            },
                            new Object[] {
                                Chains.Segment.DOWN,
                                "燃料电池重卡",
                                List.<Object[]>of(
                                        new Object[] {"壹为新能源汽车有限公司", "NEGOTIATING"},
                                        new Object[] {"东风汽车集团有限公司", "UNTOUCHED"})
                            }),
            "LL-NE",
                    List.<Object[]>of(
                            new Object[] {
                                Chains.Segment.UP, "锂电材料", List.<Object[]>of(new Object[] {"合肥安海半导体有限公司", "CONTACTED"})
                            },
                            new Object[] {
                                Chains.Segment.DOWN,
                                "动力电池回收",
                                List.<Object[]>of(new Object[] {"山西迪诺思新能源科技有限公司", "SIGNED"})
                            }),
            "LL-BD",
                    List.<Object[]>of(new Object[] {
                        Chains.Segment.MID, "算力中心", List.<Object[]>of(new Object[] {"思成方商业服务有限公司", "CONTACTED"})
                    }));

    private final JdbcClient jdbc;

    ChainDemoData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from chain").query(Long.class).single() > 0) {
            return;
        }
        int order = 0;
        for (Seed s : CHAINS) {
            long region = jdbc.sql("select id from region where code = :c")
                    .param("c", s.regionCode())
                    .query(Long.class)
                    .single();
            long id = jdbc.sql("insert into chain (code, name, tier, owner_region_id, sort_order) values "
                            + "(:code, :name, :tier, :r, :o) returning id")
                    .param("code", s.code())
                    .param("name", s.name())
                    .param("tier", s.tier().name())
                    .param("r", region)
                    .param("o", order++)
                    .query(Long.class)
                    .single();
            long set = jdbc.sql("select id from chain_set where name = :n")
                    .param("n", s.set())
                    .query(Long.class)
                    .optional()
                    .orElseGet(() -> jdbc.sql("insert into chain_set (code, name, owner_region_id) values "
                                    + "(:c, :n, :r) returning id")
                            .param("c", "SET-" + s.set())
                            .param("n", s.set())
                            .param("r", region)
                            .query(Long.class)
                            .single());
            jdbc.sql("insert into chain_set_member (set_id, chain_id) values (:s, :c)")
                    .param("s", set)
                    .param("c", id)
                    .update();
            int nodeOrder = 0;
            for (Object[] node : NODES.getOrDefault(s.code(), List.of())) {
                long nodeId = jdbc.sql("insert into chain_node (chain_id, segment, name, sort_order) values "
                                + "(:c, :s, :n, :o) returning id")
                        .param("c", id)
                        .param("s", ((Chains.Segment) node[0]).name())
                        .param("n", node[1])
                        .param("o", nodeOrder++)
                        .query(Long.class)
                        .single();
                for (Object[] t : (List<Object[]>) node[2]) {
                    jdbc.sql("insert into chain_target (node_id, enterprise_name, status) values (:n, :e, :s)")
                            .param("n", nodeId)
                            .param("e", t[0])
                            .param("s", t[1])
                            .update();
                }
            }
        }
    }
}
