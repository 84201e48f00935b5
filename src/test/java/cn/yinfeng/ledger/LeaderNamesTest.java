package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/** 包联领导 as clerks write it. */
class LeaderNamesTest {

    @Test
    void titlesAroundAName() {
        assertThat(LeaderNames.candidates("市委常委、副市长刘晋萍")).contains("刘晋萍");
        assertThat(LeaderNames.candidates("刘晋萍副市长")).contains("刘晋萍");
        assertThat(LeaderNames.candidates(" 刘晋萍 ")).first().isEqualTo("刘晋萍");
    }

    @Test
    void aSurnameAndATitle() {
        assertThat(LeaderNames.surnameWithTitle("刘市长")).isEqualTo("刘");
        assertThat(LeaderNames.surnameWithTitle("王副县长")).isEqualTo("王");
        assertThat(LeaderNames.surnameWithTitle("刘晋萍")).isNull();
        assertThat(LeaderNames.surnameWithTitle("市委常委、副市长刘晋萍")).isNull();
    }

    @Test
    void pickingTheOneLeaderACellNames() {
        var leaders = new LinkedHashMap<Long, String>();
        leaders.put(1L, "分管副市长 刘市长");
        leaders.put(2L, "王建国");
        leaders.put(3L, "张卫东");
        assertThat(LeaderNames.pick("刘市长", leaders)).isEqualTo(1L);
        assertThat(LeaderNames.pick("王市长", leaders)).isEqualTo(2L);
        assertThat(LeaderNames.pick("副市长王建国", leaders)).isEqualTo(2L);
        assertThat(LeaderNames.pick("市委常委、副市长刘晋萍", leaders)).isNull();
        assertThat(LeaderNames.pick("李县长", leaders)).isNull();
        leaders.put(4L, "王志强");
        assertThat(LeaderNames.pick("王市长", leaders)).as("two leaders named 王").isNull();
    }
}
