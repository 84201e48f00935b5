package cn.yinfeng.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikeTest {

    @Test
    void takesThePatternCharactersLiterally() {
        assertThat(Like.contains("增长10%")).isEqualTo("%增长10\\%%");
        assertThat(Like.contains("a_b")).isEqualTo("%a\\_b%");
        assertThat(Like.contains("C:\\台账")).isEqualTo("%C:\\\\台账%");
    }
}
