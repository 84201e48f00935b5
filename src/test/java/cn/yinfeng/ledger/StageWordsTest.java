package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.projects.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Progress words as clerks write them in a 项目进展 column. */
class StageWordsTest {

    @ParameterizedTest
    @CsvSource({
        "已签约,SIGNED",
        "2024年3月签约,SIGNED",
        "已注册,REGISTERED",
        "已注册成立公司,REGISTERED",
        "已开工,STARTED",
        "开工建设,STARTED",
        "在建,STARTED",
        "主体施工中,STARTED",
        "试生产,PRODUCING",
        "已投产,PRODUCING",
        "一期已投产、二期在建,PRODUCING",
        "正在洽谈,NEGOTIATING",
        "多次对接洽谈,NEGOTIATING",
        "谋划中,RESERVE",
        "达产达效,FULL_PRODUCTION",
        "项目已终止,TERMINATED",
        "因资金问题暂缓,SUSPENDED",
        "'已签约，正在办理注册手续',SIGNED",
        "'已签约，未开工',SIGNED",
        "'已注册，计划6月开工',REGISTERED",
        "'已开工，预计年底投产',STARTED",
        "尚未签约、正在洽谈,NEGOTIATING"
    })
    void theFurthestStageTheWordsSayWasReached(String text, Stage stage) {
        assertThat(StageWords.of(text)).contains(stage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "见附件", "进展顺利", "土地手续办理中"})
    void wordsThatNameNoStage(String text) {
        assertThat(StageWords.of(text)).isEmpty();
    }
}
