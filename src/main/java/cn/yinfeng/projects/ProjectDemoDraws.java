package cn.yinfeng.projects;

import cn.yinfeng.projects.ProjectDemoPlan.Plan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo ledger's random choices, all from one {@link Random} so that the same seed gives the same ledger: regions
 * by weight, chains, types, fund origins, project and investor names, dates and stages after signing, and amounts
 * split to a total.
 */
final class ProjectDemoDraws {

    /** region code -> weight of demo projects */
    static final Map<String, Integer> REGION_WEIGHTS = Map.ofEntries(
            Map.entry("141102", 8),
            Map.entry("141181", 14),
            Map.entry("141182", 10),
            Map.entry("141121", 6),
            Map.entry("141122", 6),
            Map.entry("141123", 5),
            Map.entry("141124", 5),
            Map.entry("141125", 7),
            Map.entry("141126", 3),
            Map.entry("141127", 5),
            Map.entry("141128", 3),
            Map.entry("141129", 6),
            Map.entry("141130", 4),
            Map.entry("141171", 12));

    static final String[] CHAINS = {
        "LL-H2", "LL-NE", "LL-CT", "LL-CM", "LL-BD", "XY-CC", "XY-AM", "XY-LI", "XY-BJ", "XY-SW", "XY-NC"
    };
    static final String[] PREFIX = {
        "华晋", "晋能", "中煤", "鑫磊", "汾河", "吕梁山", "黄河", "三晋", "新源", "宏达", "瑞丰", "华清", "金石", "中科", "天和", "远景", "海川", "博远",
        "恒信", "中兴", "鼎盛", "永泰", "东方", "国泰", "长城", "安泰"
    };
    static final String[] TOPIC = {
        "氢能重卡", "焦炉煤气制氢", "光伏组件", "储能电站", "锂电正极材料", "碳纤维", "针状焦", "石墨烯", "数据中心", "智慧物流园", "文旅康养", "乡村旅游", "铝镁合金",
        "耐火材料", "固废综合利用", "白酒酿造", "生物降解材料", "装配式建筑", "农产品深加工", "算力中心", "风电装备", "精细化工", "新型建材", "冷链物流"
    };
    static final String[] SUFFIX = {"项目", "一期项目", "产业园项目", "基地项目", "扩能项目", "示范项目"};
    private final Random random;
    private final List<String> regionPool = new ArrayList<>();
    private int nameSeq;

    ProjectDemoDraws(Random random) {
        this.random = random;
        REGION_WEIGHTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (int i = 0; i < e.getValue(); i++) {
                regionPool.add(e.getKey());
            }
        });
    }

    /** {@code count} whole-万元 amounts (multiples of 100), each at least {@code min}, adding up to {@code total}. */
    List<BigDecimal> split(BigDecimal total, int count, int min) {
        long wan = total.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        int[] weights = new int[count];
        long weightSum = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = 1 + random.nextInt(20);
            weightSum += weights[i];
        }
        var out = new ArrayList<BigDecimal>();
        long used = 0;
        for (int i = 0; i < count; i++) {
            // round shares to 100 万元; the last one takes the exact remainder
            long share = i == count - 1 ? wan - used : Math.max(min, wan * weights[i] / weightSum / 100 * 100);
            used += share;
            out.add(BigDecimal.valueOf(share).setScale(2));
        }
        if (out.get(count - 1).compareTo(BigDecimal.valueOf(min)) < 0) {
            throw new IllegalStateException("demo amounts do not fit: " + out.get(count - 1));
        }
        return out;
    }

    Plan withDates(Plan p, LocalDate signed) {
        LocalDate registered =
                p.stage().order() >= Stage.REGISTERED.order() ? signed.plusDays(7 + random.nextInt(40)) : null;
        LocalDate startedOn =
                p.stage().order() >= Stage.STARTED.order() ? registered.plusDays(10 + random.nextInt(80)) : null;
        LocalDate producing =
                p.stage().order() >= Stage.PRODUCING.order() ? startedOn.plusDays(90 + random.nextInt(200)) : null;
        LocalDate full = p.stage().order() >= Stage.FULL_PRODUCTION.order()
                ? producing.plusDays(60 + random.nextInt(200))
                : null;
        return new Plan(
                p.name(),
                p.region(),
                p.chain(),
                p.type(),
                p.total(),
                p.contract(),
                p.key(),
                p.stage(),
                new StageDates(signed, registered, startedOn, producing, full),
                p.investor(),
                p.origin(),
                p.review(),
                p.counted(),
                p.notCountedReason(),
                p.leader());
    }

    Stage stageAfterSigning() {
        int r = random.nextInt(100);
        return r < 30
                ? Stage.SIGNED
                : r < 50 ? Stage.REGISTERED : r < 80 ? Stage.STARTED : r < 95 ? Stage.PRODUCING : Stage.FULL_PRODUCTION;
    }

    LocalDate dayIn(int year, int fromMonth, int months) {
        LocalDate start = LocalDate.of(year, fromMonth, 1);
        LocalDate end = start.plusMonths(months).minusDays(1);
        if (end.getMonthValue() < fromMonth || end.getYear() > year) {
            end = LocalDate.of(year, 12, 31);
        }
        if (year == 2024 && fromMonth == 1 && months == 10) {
            end = LocalDate.of(2024, 10, 31);
        }
        long days = end.toEpochDay() - start.toEpochDay();
        return start.plusDays(random.nextInt((int) days + 1));
    }

    String region() {
        return regionPool.get(random.nextInt(regionPool.size()));
    }

    String chain() {
        return random.nextInt(5) == 0 ? null : CHAINS[random.nextInt(CHAINS.length)];
    }

    ProjectType type() {
        int r = random.nextInt(10);
        return r < 6
                ? ProjectType.INDUSTRIAL
                : r < 8 ? ProjectType.SERVICE : r < 9 ? ProjectType.AGRI_TOURISM : ProjectType.INFRASTRUCTURE;
    }

    FundOrigin origin() {
        int r = random.nextInt(20);
        return r == 0
                ? FundOrigin.OVERSEAS
                : r < 13 ? FundOrigin.OUT_OF_PROVINCE : r < 17 ? FundOrigin.IN_PROVINCE : FundOrigin.IN_CITY;
    }

    String name() {
        nameSeq++;
        return PREFIX[random.nextInt(PREFIX.length)]
                + TOPIC[random.nextInt(TOPIC.length)]
                + SUFFIX[random.nextInt(SUFFIX.length)]
                + (nameSeq % 7 == 0 ? "（二期）" : "");
    }

    private final List<String> investorPool = new ArrayList<>();

    String investor() {
        if (investorPool.size() < 140 || random.nextInt(4) != 0) {
            String n = PREFIX[random.nextInt(PREFIX.length)]
                    + TOPIC[random.nextInt(TOPIC.length)].replace("项目", "")
                    + (random.nextBoolean() ? "科技有限公司" : "集团有限公司");
            investorPool.add(n);
            return n;
        }
        return investorPool.get(random.nextInt(investorPool.size()));
    }

    static BigDecimal wan(long v) {
        return BigDecimal.valueOf(v).setScale(2);
    }
}
