package cn.yinfeng.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private final Instant at = Instant.parse("2026-11-24T08:00:00.123456Z");

    @Test
    void hashIsStableAndCoversEveryField() {
        String base = AuditChain.hash(
                AuditChain.GENESIS, at, 1L, "admin", 2L, "LOGIN", "user", "1", Outcome.SUCCESS, null, "127.0.0.1");
        assertThat(base)
                .hasSize(64)
                .isEqualTo(AuditChain.hash(
                        AuditChain.GENESIS,
                        at,
                        1L,
                        "admin",
                        2L,
                        "LOGIN",
                        "user",
                        "1",
                        Outcome.SUCCESS,
                        null,
                        "127.0.0.1"));
        assertThat(AuditChain.hash(
                        "1".repeat(64), at, 1L, "admin", 2L, "LOGIN", "user", "1", Outcome.SUCCESS, null, "127.0.0.1"))
                .isNotEqualTo(base);
        assertThat(AuditChain.hash(
                        AuditChain.GENESIS,
                        at.plusNanos(1000),
                        1L,
                        "admin",
                        2L,
                        "LOGIN",
                        "user",
                        "1",
                        Outcome.SUCCESS,
                        null,
                        "127.0.0.1"))
                .isNotEqualTo(base);
        assertThat(AuditChain.hash(
                        AuditChain.GENESIS,
                        at,
                        1L,
                        "admin",
                        2L,
                        "LOGIN",
                        "user",
                        "1",
                        Outcome.FAILURE,
                        null,
                        "127.0.0.1"))
                .isNotEqualTo(base);
        // a null and an empty detail are different rows
        assertThat(AuditChain.hash(
                        AuditChain.GENESIS,
                        at,
                        1L,
                        "admin",
                        2L,
                        "LOGIN",
                        "user",
                        "1",
                        Outcome.SUCCESS,
                        "",
                        "127.0.0.1"))
                .isNotEqualTo(base);
    }

    @Test
    void controlCharactersAreEscapedSoNoLineCanBeForged() {
        assertThat(AuditLog.sanitize("bad\r\nLOGIN SUCCESS admin")).isEqualTo("bad\\u000d\\u000aLOGIN SUCCESS admin");
        assertThat(AuditLog.sanitize("正常文本")).isEqualTo("正常文本");
    }
}
