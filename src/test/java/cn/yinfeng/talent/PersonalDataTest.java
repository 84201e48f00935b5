package cn.yinfeng.talent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** ID number and phone checks, masks, and the AES-GCM round trip without Spring. */
class PersonalDataTest {

    @Test
    void idNumbersCarryTheirCheckCharacter() {
        assertThat(PersonalData.validIdNumber("11010519491231002X")).isTrue(); // the GB 11643 example
        assertThat(PersonalData.validIdNumber("110105194912310021")).isFalse();
        assertThat(PersonalData.validIdNumber("1101051949123100")).isFalse();
        assertThat(PersonalData.birthYear("11010519491231002X")).isEqualTo(1949);
        assertThat(PersonalData.normaliseId(" 110105 19491231 002x ")).isEqualTo("11010519491231002X");
    }

    @Test
    void masksKeepOnlyTheEnds() {
        assertThat(PersonalData.maskIdNumber("141129199003071234")).isEqualTo("1411**********1234");
        assertThat(PersonalData.maskPhone("13812345678")).isEqualTo("138****5678");
        assertThat(PersonalData.maskIdNumber(null)).isNull();
        assertThat(PersonalData.validPhone("13812345678")).isTrue();
        assertThat(PersonalData.validPhone("12812345678")).isFalse();
    }

    @Test
    void encryptionRoundTripsAndRejectsTamperingAndBadKeys() {
        var crypto = new TalentCrypto(Base64.getEncoder().encodeToString(new byte[32]));
        String c1 = crypto.encrypt("141129199003071234", "talent.id_number");
        String c2 = crypto.encrypt("141129199003071234", "talent.id_number");
        assertThat(c1).isNotEqualTo(c2).startsWith("v1:");
        assertThat(crypto.decrypt(c1, "talent.id_number")).isEqualTo("141129199003071234");
        byte[] raw = Base64.getDecoder().decode(c1.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> crypto.decrypt(tampered, "talent.id_number"))
                .isInstanceOf(IllegalStateException.class);
        var other = new TalentCrypto(Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32
        }));
        assertThatThrownBy(() -> other.decrypt(c1, "talent.id_number")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TalentCrypto("")).hasMessageContaining("yinfeng.talent.encryption-key");
        assertThatThrownBy(() -> new TalentCrypto(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
