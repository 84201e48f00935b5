package cn.yinfeng.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypedNamesTest {

    @Test
    void namesTypedOneALineOrWithAnySeparatorComeOutTrimmedInOrder() {
        String typed = " 太原钢铁集团有限公司\r\n山西焦煤集团，晋能控股、潞安化工;华阳集团；  \n\n";

        assertThat(TypedNames.split(typed)).containsExactly("太原钢铁集团有限公司", "山西焦煤集团", "晋能控股", "潞安化工", "华阳集团");
    }

    @Test
    void aNameTypedTwiceIsKeptOnce() {
        assertThat(TypedNames.split("晋能控股,潞安化工\n晋能控股 ")).containsExactly("晋能控股", "潞安化工");
    }

    @Test
    void aBlankBoxHasNoNames() {
        assertThat(TypedNames.split(null)).isEmpty();
        assertThat(TypedNames.split("  \n ，、 ")).isEmpty();
    }
}
