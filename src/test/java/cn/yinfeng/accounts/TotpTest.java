package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** RFC 6238 appendix B, SHA-1 column: the key is the ASCII string "12345678901234567890". */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void matchesRfc6238Vectors(long epochSecond, String expected) {
        byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.code(key, Instant.ofEpochSecond(epochSecond), 8, "HmacSHA1"))
                .isEqualTo(expected);
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Totp.unbase32("MZXW6YTBOI"), StandardCharsets.US_ASCII))
                .isEqualTo("foobar");
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.base32(Totp.unbase32(secret))).isEqualTo(secret);
    }

    @Test
    void acceptsOneStepOfDriftButNotTwo() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-11-24T08:00:10Z");
        String current = Totp.code(secret, now);
        assertThat(Totp.verify(secret, current, now)).isTrue();
        assertThat(Totp.verify(secret, current, now.plusSeconds(30))).isTrue();
        assertThat(Totp.verify(secret, current, now.plusSeconds(90))).isFalse();
        assertThat(Totp.verify(secret, "12345", now)).isFalse();
        assertThat(Totp.verify(secret, null, now)).isFalse();
        assertThat(Totp.verify(null, current, now)).isFalse();
    }

    @Test
    void uriCarriesIssuerAndSecret() {
        assertThat(Totp.uri("Yinfeng 引凤", "admin", "ABC"))
                .startsWith("otpauth://totp/Yinfeng%20%E5%BC%95%E5%87%A4:admin?secret=ABC&issuer=");
    }
}
