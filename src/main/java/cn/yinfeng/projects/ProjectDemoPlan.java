package cn.yinfeng.projects;

import static cn.yinfeng.projects.ProjectDemoDraws.wan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the demo ledger holds, decided before anything is written (plain Java, deterministic for a given
 * {@link Random}): the projects that reproduce the seed's figures of 吕梁 2024, with their regions, chains, amounts,
 * stages, dates and review states. {@link ProjectDemoData} makes each one through the services.
 */
final class ProjectDemoPlan {

    static final BigDecimal SIGNED_JAN_OCT_2024 = new BigDecimal("9415000.00");
    static final int SIGNED_COUNT = 117;
    static final int SIGNED_BIG = 62;
    static final BigDecimal KEY_TOTAL = new BigDecimal("14271000.00");
    static final int KEY_COUNT = 106;
    /** 岚县"长三角"招商引资集中签约仪式 */
    static final LocalDate LANXIAN_CEREMONY = LocalDate.of(2024, 5, 18);

    /** One demo project to be made. Amounts in 万元. */
    record Plan(
            String name,
            String region,
            String chain,
            ProjectType type,
            BigDecimal total,
            BigDecimal contract,
            boolean key,
            Stage stage,
            StageDates dates,
            String investor,
            FundOrigin origin,
            ReviewStatus review,
            boolean counted,
            String notCountedReason,
            boolean leader) {}

    private final Random random;
    private final ProjectDemoDraws draws;

    /** {@code random} is shared with the writer, which draws from it after the plan is made. */
    ProjectDemoPlan(Random random) {
        this.random = random;
        this.draws = new ProjectDemoDraws(random);
    }

    List<Plan> plan() {
        var plans = new ArrayList<Plan>();
        BigDecimal keySigned = signedJanuaryToOctober(plans);
        otherKeyProjects(plans, keySigned);
        otherSignings(plans);
        notCounted(plans);
        inProgress(plans);
        duplicate(plans);
        return plans;
    }

    /** The seed's figures: returns the total investment of the key projects among them. */
    private BigDecimal signedJanuaryToOctober(List<Plan> plans) {
        // A: signed January-October 2024, all approved and counted: 55 below 1 亿元, 62 at 1 亿元 or more
        var small = new ArrayList<BigDecimal>();
        for (int i = 0; i < SIGNED_COUNT - SIGNED_BIG - 1; i++) {
            small.add(wan(500 + 100 * random.nextInt(95)));
        }
        BigDecimal greenhouse = wan(360);
        small.add(greenhouse);
        BigDecimal smallSum = small.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal hydrogen = wan(1_000_000);
        BigDecimal battery = wan(32_000);
        List<BigDecimal> big = new ArrayList<>(List.of(hydrogen, battery));
        big.addAll(draws.split(
                SIGNED_JAN_OCT_2024.subtract(smallSum).subtract(hydrogen).subtract(battery), SIGNED_BIG - 2, 10_000));
        signedBelowOneYi(plans, small);
        signedFromOneYi(plans, big, hydrogen, battery);
        return big.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Below 1 亿元: the last one is 孝义's 临水村 greenhouses, the first three were signed at 岚县's ceremony. */
    private void signedBelowOneYi(List<Plan> plans, List<BigDecimal> small) {
        for (int i = 0; i < small.size(); i++) {
            boolean isGreenhouse = i == small.size() - 1;
            // the first three are the projects signed at 岚县's 长三角 ceremony in 上海 (see the activities demo)
            boolean lanxian = i < 3;
            LocalDate signed =
                    isGreenhouse ? LocalDate.of(2024, 5, 20) : lanxian ? LANXIAN_CEREMONY : draws.dayIn(2024, 1, 10);
            String region = isGreenhouse ? "141181" : lanxian ? "141127" : draws.region();
            plans.add(new Plan(
                    isGreenhouse ? "金龙山绿色有机温室大棚（临水村草莓采摘园）" : draws.name(),
                    region,
                    isGreenhouse ? null : draws.chain(),
                    isGreenhouse ? ProjectType.AGRI_TOURISM : draws.type(),
                    small.get(i),
                    small.get(i),
                    false,
                    isGreenhouse ? Stage.STARTED : draws.stageAfterSigning(),
                    isGreenhouse
                            ? new StageDates(signed, LocalDate.of(2024, 5, 28), LocalDate.of(2024, 6, 5), null, null)
                            : null,
                    isGreenhouse ? "孝义市金龙山农业开发有限公司" : draws.investor(),
                    draws.origin(),
                    ReviewStatus.APPROVED,
                    true,
                    null,
                    false));
            if (!isGreenhouse) {
                plans.set(plans.size() - 1, draws.withDates(plans.get(plans.size() - 1), signed));
            }
        }
    }

    /** At 1 亿元 or more, all key projects: the first two are the seed's hydrogen park and battery plant. */
    private void signedFromOneYi(List<Plan> plans, List<BigDecimal> big, BigDecimal hydrogen, BigDecimal battery) {
        for (int i = 0; i < big.size(); i++) {
            Plan p;
            if (i == 0) {
                p = new Plan(
                        "吕梁氢能全产业链示范园项目",
                        "141171",
                        "LL-H2",
                        ProjectType.INDUSTRIAL,
                        hydrogen,
                        hydrogen,
                        true,
                        Stage.STARTED,
                        new StageDates(
                                LocalDate.of(2024, 4, 16),
                                LocalDate.of(2024, 5, 10),
                                LocalDate.of(2024, 8, 18),
                                null,
                                null),
                        "华晋氢能科技集团有限公司",
                        FundOrigin.OUT_OF_PROVINCE,
                        ReviewStatus.APPROVED,
                        true,
                        null,
                        true);
            } else if (i == 1) {
                p = new Plan(
                        "废旧动力电池回收综合利用项目",
                        "141171",
                        "LL-NE",
                        ProjectType.INDUSTRIAL,
                        battery,
                        battery,
                        true,
                        Stage.PRODUCING,
                        new StageDates(
                                LocalDate.of(2024, 3, 8),
                                LocalDate.of(2024, 3, 29),
                                LocalDate.of(2024, 5, 6),
                                LocalDate.of(2024, 9, 26),
                                null),
                        "山西迪诺思新能源科技有限公司",
                        FundOrigin.IN_PROVINCE,
                        ReviewStatus.APPROVED,
                        true,
                        null,
                        false);
            } else {
                p = draws.withDates(
                        new Plan(
                                draws.name(),
                                draws.region(),
                                draws.chain(),
                                draws.type(),
                                big.get(i),
                                big.get(i),
                                true,
                                draws.stageAfterSigning(),
                                null,
                                draws.investor(),
                                draws.origin(),
                                ReviewStatus.APPROVED,
                                true,
                                null,
                                big.get(i).compareTo(wan(100_000)) >= 0),
                        draws.dayIn(2024, 1, 10));
            }
            plans.add(p);
        }
    }

    /** The remaining key projects, to the seed's key total. */
    private void otherKeyProjects(List<Plan> plans, BigDecimal keySoFar) {
        // the remaining key projects: 30 leads in talks or reserve, 14 signed in 2023
        List<BigDecimal> otherKeys = draws.split(KEY_TOTAL.subtract(keySoFar), KEY_COUNT - SIGNED_BIG, 10_000);
        String[] talks = {"太钢集团不锈钢精深加工项目", "合肥安海半导体功率器件封测项目", "壹为新能源重卡整车制造项目"};
        String[] talkInvestors = {"太原钢铁（集团）有限公司", "合肥安海半导体有限公司", "壹为新能源汽车有限公司"};
        for (int i = 0; i < otherKeys.size(); i++) {
            if (i < 30) {
                Stage s = i % 3 == 0 ? Stage.RESERVE : Stage.NEGOTIATING;
                boolean named = i < talks.length;
                plans.add(new Plan(
                        named ? talks[i] : draws.name(),
                        named ? "141100" : draws.region(),
                        draws.chain(),
                        ProjectType.INDUSTRIAL,
                        otherKeys.get(i),
                        null,
                        true,
                        named ? Stage.NEGOTIATING : s,
                        StageDates.NONE,
                        named ? talkInvestors[i] : draws.investor(),
                        draws.origin(),
                        ReviewStatus.APPROVED,
                        true,
                        null,
                        named));
            } else {
                plans.add(draws.withDates(
                        new Plan(
                                draws.name(),
                                draws.region(),
                                draws.chain(),
                                draws.type(),
                                otherKeys.get(i),
                                otherKeys.get(i),
                                true,
                                Stage.STARTED,
                                null,
                                draws.investor(),
                                draws.origin(),
                                ReviewStatus.APPROVED,
                                true,
                                null,
                                false),
                        draws.dayIn(2023, 1, 10)));
            }
        }
    }

    /** Signings outside the seed's figures, for 同比 and the year's end. */
    private void otherSignings(List<Plan> plans) {
        // 2023 non-key signings (for 同比) and November-December signings of both years
        for (int i = 0; i < 91; i++) {
            BigDecimal t = wan(500 + 100 * random.nextInt(790));
            plans.add(draws.withDates(
                    new Plan(
                            draws.name(),
                            draws.region(),
                            draws.chain(),
                            draws.type(),
                            t,
                            t,
                            false,
                            draws.stageAfterSigning(),
                            null,
                            draws.investor(),
                            draws.origin(),
                            ReviewStatus.APPROVED,
                            true,
                            null,
                            false),
                    draws.dayIn(2023, 1, 10)));
        }
        for (int i = 0; i < 24; i++) {
            int year = i < 12 ? 2024 : 2023;
            BigDecimal t = wan(800 + 100 * random.nextInt(600));
            plans.add(draws.withDates(
                    new Plan(
                            draws.name(),
                            draws.region(),
                            draws.chain(),
                            draws.type(),
                            t,
                            t,
                            false,
                            Stage.SIGNED,
                            null,
                            draws.investor(),
                            draws.origin(),
                            ReviewStatus.APPROVED,
                            true,
                            null,
                            false),
                    draws.dayIn(year, 11, 12)));
        }
    }

    /** Projects not counted for assessment. */
    private void notCounted(List<Plan> plans) {
        // not counted for assessment (outside the seed's period, so the seed figures hold under either rule)
        String[] reasons = {"房地产开发项目", "本地财政资金项目", "企业搬迁项目"};
        for (int i = 0; i < 3; i++) {
            BigDecimal t = wan(20_000 + 1000 * random.nextInt(30));
            plans.add(draws.withDates(
                    new Plan(
                            draws.name(),
                            draws.region(),
                            null,
                            ProjectType.SERVICE,
                            t,
                            t,
                            false,
                            Stage.SIGNED,
                            null,
                            draws.investor(),
                            FundOrigin.IN_CITY,
                            ReviewStatus.APPROVED,
                            false,
                            reasons[i],
                            false),
                    draws.dayIn(2024, 11, 12)));
        }
    }

    /** Work in progress at the counties. */
    private void inProgress(List<Plan> plans) {
        // work in progress at the counties: drafts, submitted, returned (signed 2024, not yet official)
        ReviewStatus[] pending = {
            ReviewStatus.DRAFT,
            ReviewStatus.DRAFT,
            ReviewStatus.DRAFT,
            ReviewStatus.DRAFT,
            ReviewStatus.SUBMITTED,
            ReviewStatus.SUBMITTED,
            ReviewStatus.SUBMITTED,
            ReviewStatus.RETURNED,
            ReviewStatus.RETURNED
        };
        for (ReviewStatus r : pending) {
            BigDecimal t = wan(1000 + 100 * random.nextInt(300));
            plans.add(draws.withDates(
                    new Plan(
                            draws.name(),
                            draws.region(),
                            draws.chain(),
                            draws.type(),
                            t,
                            t,
                            false,
                            Stage.SIGNED,
                            null,
                            draws.investor(),
                            draws.origin(),
                            r,
                            true,
                            null,
                            false),
                    draws.dayIn(2024, 6, 10)));
        }
    }

    /** A duplicate across counties. */
    private void duplicate(List<Plan> plans) {
        // a duplicate: 汾阳 records, as a draft, a project 文水 already has (same investor, similar amount)
        Plan original = draws.withDates(
                new Plan(
                        "年产5万吨针状焦项目",
                        "141121",
                        "LL-CM",
                        ProjectType.INDUSTRIAL,
                        wan(86_000),
                        wan(86_000),
                        false,
                        Stage.SIGNED,
                        null,
                        "山西宏特煤化工有限公司",
                        FundOrigin.IN_PROVINCE,
                        ReviewStatus.APPROVED,
                        true,
                        null,
                        false),
                LocalDate.of(2024, 11, 8));
        plans.add(original);
        plans.add(new Plan(
                "宏特5万吨针状焦项目",
                "141182",
                "LL-CM",
                ProjectType.INDUSTRIAL,
                wan(90_000),
                wan(90_000),
                false,
                Stage.SIGNED,
                new StageDates(LocalDate.of(2024, 11, 15), null, null, null, null),
                "山西宏特煤化工有限公司",
                FundOrigin.IN_PROVINCE,
                ReviewStatus.DRAFT,
                true,
                null,
                false));
    }
}
