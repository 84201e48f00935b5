package cn.yinfeng.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Extraction rules one pattern at a time, and the corpus's precision and recall. */
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
    }

    @Test
    void theSeedTextYieldsExactlyTheClaimsTheCorpusExpects() {
        var score = Corpus.score(extractor, Corpus.load("00-seed"));
        assertThat(score.wrong()).as("claims found but not expected").isEmpty();
        assertThat(score.missed()).as("claims expected but not found").isEmpty();
        assertThat(score.matched()).isEqualTo(score.expected()).isPositive();
    }
}
