package cn.yinfeng.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The keyed rule of the audit chain (rule 2) and the signature of checkpoints, without Spring. Checklist #19, #32:
 * whoever can rewrite the table but lacks the key can neither make a changed row fit nor forge a checkpoint.
 */
class AuditKeyedChainTest {

    static final String TEST_KEY = "ZK1pRIBfhctqYmeOqno5CeORwyIk2yAAOh/1zo3uZiM=";
    private static final SecretKey KEY = AuditKey.parse(TEST_KEY);
    private static final SecretKey OTHER = AuditKey.parse("QTq7qAOtO3feX3keha9bfoheVmuxEPrMxk/H2+Svk5g=");
    private final Instant at = Instant.parse("2026-11-24T08:00:00.123456Z");

    @Test
    @DisplayName("checklist #32: rule 2 is HMAC-SHA256 of the published text (known answer), rule 1 stays SHA-256")
    void keyedRuleIsHmacOfTheSameTextAsTheOldRule() {
        // computed independently (Python's hmac module) over the text the old rule hashes
        assertThat(AuditChain.keyed(
                        KEY,
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
                        "127.0.0.1"))
                .isEqualTo("a28a8f30556f1c661cf1cc2f45b5fe4a16c130ac074775a57dcaca56d5cdbee8");
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
                        null,
                        "127.0.0.1"))
                .isEqualTo("0c1fc108db44408872f683f7b8b98438f2c8cf0536804d6cf8b5793f1047c801");
    }

    @Test
    @DisplayName("checklist #32: a row re-hashed with the published rule or another key does not fit rule 2")
    void theKeyedHashDependsOnKeyAndEveryField() {
        var row = new AuditEntry(
                7,
                at,
                1L,
                "admin",
                2L,
                "LOGIN",
                "user",
                "1",
                Outcome.SUCCESS,
                null,
                "127.0.0.1",
                AuditChain.GENESIS,
                null);
        String keyed = AuditChain.expected(AuditChain.KEYED, KEY, row);
        assertThat(keyed)
                .hasSize(64)
                .isNotEqualTo(AuditChain.expected(AuditChain.LEGACY, KEY, row))
                .isNotEqualTo(AuditChain.expected(AuditChain.KEYED, OTHER, row));
        assertThat(AuditChain.keyed(
                        KEY,
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
                .isNotEqualTo(keyed);
        assertThat(AuditChain.keyed(
                        KEY,
                        "1".repeat(64),
                        at,
                        1L,
                        "admin",
                        2L,
                        "LOGIN",
                        "user",
                        "1",
                        Outcome.SUCCESS,
                        null,
                        "127.0.0.1"))
                .isNotEqualTo(keyed);
        assertThat(AuditChain.keyed(
                        KEY,
                        AuditChain.GENESIS,
                        at,
                        1L,
                        "admin",
                        2L,
                        "LOGIN",
                        "user",
                        "1",
                        Outcome.DENIED,
                        null,
                        "127.0.0.1"))
                .isNotEqualTo(keyed);
        assertThatThrownBy(() -> AuditChain.expected(3, KEY, row)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("checklist #32: without a valid key the application does not start, and says what to do")
    void aMissingOrMalformedKeyStopsTheStart() {
        assertThatThrownBy(() -> AuditKey.parse(""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("yinfeng.audit.key")
                .hasMessageContaining("YINFENG_AUDIT_KEY")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> AuditKey.parse(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AuditKey.parse("not base64 !")).hasMessageContaining("base64");
        assertThatThrownBy(() -> AuditKey.parse("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }

    @Test
    @DisplayName("checklist #32: a checkpoint line is signed: changed id, hash or time, or another key, is refused")
    void checkpointLinesAreSigned() {
        var checkpoints = new AuditCheckpoints(null, new AuditKey(TEST_KEY), null, "target/unused.log");
        var cp = new AuditCheckpoints.Checkpoint(Instant.parse("2026-12-01T10:00:00.123Z"), 4711, "ab".repeat(32), 0);
        String line = checkpoints.line(cp);
        assertThat(line).startsWith("v1 2026-12-01T10:00:00.123Z 4711 " + "ab".repeat(32) + " ");
        assertThat(checkpoints.parse(line, 3)).isEqualTo(new AuditCheckpoints.Checkpoint(cp.at(), 4711, cp.hash(), 3));

        assertThat(checkpoints.parse(line.replace(" 4711 ", " 4710 "), 1)).isNull();
        assertThat(checkpoints.parse(line.replace("ab".repeat(32), "cd".repeat(32)), 1))
                .isNull();
        assertThat(checkpoints.parse(line.replace("10:00:00.123Z", "11:00:00.123Z"), 1))
                .isNull();
        assertThat(checkpoints.parse("v1 garbage", 1)).isNull();
        var otherKey = new AuditCheckpoints(
                null, new AuditKey("QTq7qAOtO3feX3keha9bfoheVmuxEPrMxk/H2+Svk5g="), null, "target/unused.log");
        assertThat(otherKey.parse(line, 1)).isNull();
    }
}
