package cn.yinfeng.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Extraction rules one pattern at a time, and the corpus's precision and recall. The corpus score leaves out values
 * listed as {@link Claim#UNMAPPED} (their indicator could not be read; they are shown to people as such): they count
 * neither as found nor as expected, so precision measures only the claims the rules map, and a rule that lists more
 * unmapped values cannot lower it. {@link #aValueWhoseIndicatorCannotBeReadIsListedNotDropped} tests them.
 */
class ClaimExtractorTest {

    final ClaimExtractor extractor = new ClaimExtractor(Corpus.REGIONS);

    List<Claim> claims(String text, LocalDate date, String region) {
        return extractor.extract(text, date, region).claims();
    }

    @Test
    void corpusPrecisionAndRecallAreAtLeastNinetyPercent() {
        double[] pr = Corpus.run(true);
        assertThat(pr[0]).as("precision").isGreaterThanOrEqualTo(0.9);
        assertThat(pr[1]).as("recall").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void chineseNumerals() {
        assertThat(ChineseNumerals.parse("一百零六")).isEqualByComparingTo("106");
        assertThat(ChineseNumerals.parse("两")).isEqualByComparingTo("2");
        assertThat(ChineseNumerals.parse("十二")).isEqualByComparingTo("12");
        assertThat(ChineseNumerals.parse("一千二百")).isEqualByComparingTo("1200");
        assertThat(ChineseNumerals.parse("三万五千")).isEqualByComparingTo("35000");
        assertThat(ChineseNumerals.parse("二〇二四")).isEqualByComparingTo("2024");
    }

    @Test
    void valuesUnitsAndTheRoundingTheTextUsed() {
        var c = claims("2024年1-10月,全市签约金额941.5亿元,签约项目一百一十七个,培训1.5万人次。", null, "141100");
        assertThat(c).extracting(Claim::indicator).containsExactly("SIGNED_AMOUNT", "SIGNED_COUNT", "TALENT_TRAINED");
        assertThat(c.get(0).value()).isEqualByComparingTo("9415000");
        assertThat(c.get(0).step()).isEqualByComparingTo("1000");
        assertThat(c.get(1).value()).isEqualByComparingTo("117");
        assertThat(c.get(2).value()).isEqualByComparingTo("15000");
        assertThat(c.get(2).step()).isEqualByComparingTo("1000");
    }

    @Test
    void qualifiers() {
        var c = claims("2024年,全市外出招商50余次,拜访企业超过60家,接待考察团近30批次,签约项目约40个,到位资金30多亿元。", null, "141100");
        assertThat(c)
                .extracting(Claim::qualifier)
                .containsExactly(
                        Claim.Qualifier.LOWER_BOUND,
                        Claim.Qualifier.LOWER_BOUND,
                        Claim.Qualifier.APPROX,
                        Claim.Qualifier.APPROX,
                        Claim.Qualifier.LOWER_BOUND);
        assertThat(claims("2024年,新签约4个基地。", null, "141129").get(0).qualifier()).isEqualTo(Claim.Qualifier.EXACT);
    }

    @Test
    void theCityWordIsTheCountyLevelCityOnlyInItsOwnArticle() {
        var city = claims("二〇二四年一至十月份,孝义签约项目15个,全市签约项目117个。", null, "141100");
        assertThat(city).extracting(Claim::regionCode).containsExactly("141181", "141100");
        assertThat(city.get(0).from()).isEqualTo(YearMonth.of(2024, 1));
        assertThat(city.get(0).to()).isEqualTo(YearMonth.of(2024, 10));
        var own = claims("孝义市招商引资工作情况\n\n1-10月份,我市签约项目28个。", LocalDate.of(2024, 11, 1), "141100");
        assertThat(own.get(0).regionCode()).isEqualTo("141181");
    }

    @Test
    void aCaptionAndABylineNeverJoinTwoArticles() {
        String page =
                "甲县新闻\n\n本报讯 前三季度,文水县签约项目18个。今年以来,文水县累计签约项目\n\n图为签约现场。\n\n" + "乙县新闻\n\n□ 本报记者 李明\n\n前三季度,柳林县新开工项目16个。";
        var c = claims(page, LocalDate.of(2024, 10, 20), null);
        assertThat(c)
                .extracting(Claim::indicator, Claim::regionCode)
                .containsExactly(Tuple.tuple("SIGNED_COUNT", "141121"), Tuple.tuple("STARTED_COUNT", "141125"));
    }

    @Test
    void comparisonsWithLastYearAreNoPeriod() {
        var c = claims("上半年,全市开工率达61.5%,较去年同期提高8.2个百分点;投产项目15个。", LocalDate.of(2024, 8, 5), "141100");
        assertThat(c).extracting(Claim::indicator).containsExactly("START_RATE", "PRODUCING_COUNT");
        assertThat(c.get(1).to()).isEqualTo(YearMonth.of(2024, 6));
        var more = claims("2024年,全市签约项目135个,较上年增加12个,增幅9.8%。", null, "141100");
        assertThat(more.get(1).growth()).isTrue();
        assertThat(more.get(1).from()).isEqualTo(YearMonth.of(2024, 1));
    }

    @Test
    void theSeedTextYieldsExactlyTheClaimsTheCorpusExpects() {
        var score = Corpus.score(extractor, Corpus.load("00-seed"));
        assertThat(score.wrong()).as("claims found but not expected").isEmpty();
        assertThat(score.missed()).as("claims expected but not found").isEmpty();
        assertThat(score.matched()).isEqualTo(score.expected()).isPositive();
    }

    @Test
    void originWordsChooseTheOriginIndicator() {
        var c = claims(
                "1-10月,全市签约省外投资项目42个,省外签约金额312.5亿元,其中亿元以上省外项目18个;签约市外项目55个,"
                        + "市外到位资金88.1亿元;签约外资项目3个,合同外资1.2亿美元,境外到位资金2.3亿元。",
                null,
                "141100");
        assertThat(c)
                .extracting(Claim::indicator)
                .containsExactly(
                        "SIGNED_OUT_PROVINCE_COUNT",
                        "SIGNED_OUT_PROVINCE_AMOUNT",
                        "SIGNED_1YI_OUT_PROVINCE_COUNT",
                        "SIGNED_OUT_CITY_COUNT",
                        "FUNDS_OUT_CITY",
                        "SIGNED_OVERSEAS_COUNT",
                        "SIGNED_OVERSEAS_USD",
                        "FUNDS_OVERSEAS");
        assertThat(claims("1-10月份,全市新签约省外项目58个,协议引资额326.5亿元,同比增长15.3%。", null, "141100"))
                .extracting(Claim::indicator, Claim::growth)
                .containsExactly(
                        Tuple.tuple("SIGNED_OUT_PROVINCE_COUNT", false),
                        Tuple.tuple("SIGNED_OUT_PROVINCE_AMOUNT", false),
                        Tuple.tuple("SIGNED_OUT_PROVINCE_AMOUNT", true));
        assertThat(claims("2024年,孝义市外商投资项目5个,吕梁市外资项目2个。", null, "141100"))
                .extracting(Claim::indicator)
                .containsExactly("SIGNED_OVERSEAS_COUNT", "SIGNED_OVERSEAS_COUNT");
        assertThat(c.get(6).value()).as("万美元").isEqualByComparingTo("12000");
        assertThat(c.get(6).unit()).isEqualTo("亿美元");
        assertThat(c.get(6).usd()).isTrue();
        assertThat(c.get(6).money()).isFalse();
    }

    @Test
    void fundsFromOutsideAreTheSignedAmountUnlessTheyFollowFunds() {
        var funds = claims("全市到位资金386.2亿元,其中省外资金215.7亿元。", null, "141100");
        assertThat(funds).extracting(Claim::indicator).containsExactly("FUNDS", "FUNDS_OUT_PROVINCE");
        assertThat(claims("2024年,全市引进外省客商投资项目8个。", null, "141100"))
                .extracting(Claim::indicator)
                .containsExactly("SIGNED_OUT_PROVINCE_COUNT");
        assertThat(claims("2024年,全市引进省外资金120亿元。", null, "141100"))
                .extracting(Claim::indicator)
                .containsExactly("SIGNED_OUT_PROVINCE_AMOUNT");
        assertThat(claims("截至9月末,我市引进市外资金到位62.3亿元。", null, "141100"))
                .extracting(Claim::indicator)
                .containsExactly("FUNDS_OUT_CITY");
        var signed = claims("2024年,全市签约项目30个,引进省外资金120亿元,省外到位资金50亿元。", null, "141100");
        assertThat(signed)
                .extracting(Claim::indicator)
                .containsExactly("SIGNED_COUNT", "SIGNED_OUT_PROVINCE_AMOUNT", "FUNDS_OUT_PROVINCE");
    }

    @Test
    void aShareOfTheAnnualTargetIsACompletionClaimOfWhatItSpeaksOf() {
        var c = claims("2024年,全市签约金额156.3亿元,完成全年目标的135.6%;到位资金完成年度目标任务的85.2%。", null, "141100");
        assertThat(c)
                .extracting(Claim::indicator, Claim::completion, Claim::growth)
                .containsExactly(
                        Tuple.tuple("SIGNED_AMOUNT", false, false),
                        Tuple.tuple("SIGNED_AMOUNT", true, false),
                        Tuple.tuple("FUNDS", true, false));
        assertThat(c.get(1).value()).isEqualByComparingTo("135.6");
        assertThat(c.get(1).step()).isEqualByComparingTo("0.1");
        var rate = claims("前三季度,全市签约项目目标完成率为92%。", LocalDate.of(2024, 10, 9), "141100");
        assertThat(rate)
                .extracting(Claim::indicator, Claim::completion)
                .containsExactly(Tuple.tuple("SIGNED_COUNT", true));
        var next = claims("2024年,全市到位资金386.2亿元。完成年度目标任务的77.2%。", null, "141100");
        assertThat(next.get(1).indicator())
                .as("of the paragraph's claim before")
                .isEqualTo("FUNDS");
        var handed = claims("2024年,全市到位资金386.2亿元,完成市下达年度目标任务的77.2%。", null, "141100");
        assertThat(handed.get(1).completion()).isTrue();
        assertThat(handed.get(1).indicator()).isEqualTo("FUNDS");
        var shares = claims("2024年,汾阳市签约项目19个,签约金额73.2亿元,分别完成年度任务的105.6%、98.4%。", null, "141100");
        assertThat(shares.subList(2, 4))
                .extracting(Claim::indicator, Claim::completion)
                .containsExactly(Tuple.tuple("SIGNED_COUNT", true), Tuple.tuple("SIGNED_AMOUNT", true));
    }

    @Test
    void growthRatesHandedOutWithFenbie() {
        var c = claims("第一季度,全市签约项目32个,签约金额186.5亿元,同比分别增长14.3%和22.1%。", null, "141100");
        assertThat(c)
                .extracting(Claim::indicator, Claim::growth)
                .containsExactly(
                        Tuple.tuple("SIGNED_COUNT", false),
                        Tuple.tuple("SIGNED_AMOUNT", false),
                        Tuple.tuple("SIGNED_COUNT", true),
                        Tuple.tuple("SIGNED_AMOUNT", true));
        assertThat(c.get(3).value()).isEqualByComparingTo("22.1");
    }

    @Test
    void periodsAndFiguresWrittenWithSpaces() {
        LocalDate date = LocalDate.of(2024, 11, 5);
        var c = claims("1—10 月份,全市签约项目219 个,签约金额1 019.6亿元。", date, "141100");
        assertThat(c).extracting(Claim::indicator).containsExactly("SIGNED_COUNT", "SIGNED_AMOUNT");
        assertThat(c.get(0).value()).isEqualByComparingTo("219");
        assertThat(c.get(1).value()).isEqualByComparingTo("10196000");
        assertThat(c.get(0).to()).isEqualTo(YearMonth.of(2024, 10));
        assertThat(claims("截至 9 月底,全市签约项目80个。", date, "141100").get(0).to()).isEqualTo(YearMonth.of(2024, 9));
        assertThat(claims("截止9月,全市签约项目80个。", date, "141100").get(0).to()).isEqualTo(YearMonth.of(2024, 9));
        assertThat(claims("1季度,全市签约项目20个。", date, "141100").get(0).to()).isEqualTo(YearMonth.of(2024, 3));
        assertThat(claims("2024 年前3季度,全市签约项目70个。", null, "141100").get(0).to()).isEqualTo(YearMonth.of(2024, 9));
        assertThat(claims("1至10月,全市签约项目90个。", date, "141100").get(0).to()).isEqualTo(YearMonth.of(2024, 10));
        assertThat(claims("上半年,全市签约项目50个。", date, "141100").get(0).to()).isEqualTo(YearMonth.of(2024, 6));
        assertThat(claims("今年前10个月,全市签约项目117个。", date, "141100").get(0).to()).isEqualTo(YearMonth.of(2024, 10));
        assertThat(claims("截至目前,全市新注册项目156个。", date, "141100").get(0).to())
                .as("year to the text's date")
                .isEqualTo(YearMonth.of(2024, 11));
    }

    @Test
    void registeredProjectsAndApproximateCounts() {
        var c = claims("2024年,全市引进注册项目36个,新注册落地项目12个,外出招商五十余次,拜访企业近百家,接待考察团20多批次。", null, "141100");
        assertThat(c)
                .extracting(Claim::indicator, Claim::qualifier)
                .containsExactly(
                        Tuple.tuple("REGISTERED_COUNT", Claim.Qualifier.EXACT),
                        Tuple.tuple("REGISTERED_COUNT", Claim.Qualifier.EXACT),
                        Tuple.tuple("TRIPS", Claim.Qualifier.LOWER_BOUND),
                        Tuple.tuple("VISITED", Claim.Qualifier.APPROX),
                        Tuple.tuple("DELEGATIONS", Claim.Qualifier.LOWER_BOUND));
        assertThat(c.get(2).value()).isEqualByComparingTo("50");
        assertThat(c.get(3).value()).isEqualByComparingTo("100");
        assertThat(c.get(4).value()).isEqualByComparingTo("20");
        assertThat(claims("2024年,全市签约项目30个,惠及千家万户。", null, "141100")).hasSize(1);
    }

    @Test
    void aValueWhoseIndicatorCannotBeReadIsListedNotDropped() {
        var c = claims("2024年,全市签约项目30个,新建标准化厂房12个,占比35%;其中投资100亿元的项目排名第3名,用时3个月。", null, "141100");
        assertThat(c)
                .extracting(Claim::indicator, Claim::keyword, Claim::written)
                .containsExactly(
                        Tuple.tuple("SIGNED_COUNT", "签约项目", "30个"),
                        Tuple.tuple(Claim.UNMAPPED, "新建标准化厂房", "12个"),
                        Tuple.tuple(Claim.UNMAPPED, "占比", "35%"));
        assertThat(c.get(1).from()).isEqualTo(YearMonth.of(2024, 1));
        assertThat(claims("全县开展活动12次,覆盖企业30家。", null, "141129"))
                .as("a sentence without any claim lists nothing")
                .isEmpty();
    }
}
