package cn.yinfeng.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameKeysTest {

    @Test
    void companyFormsBracketsAndWidthsDoNotMatter() {
        String key = NameKeys.of("山西迪诺思新能源科技有限公司");
        assertThat(NameKeys.of("山西迪诺思新能源科技（有限）公司")).isEqualTo(key);
        assertThat(NameKeys.of("山西迪诺思新能源科技有限责任公司")).isEqualTo(key);
        assertThat(NameKeys.of(" 山西 迪诺思新能源科技股份有限公司 ")).isEqualTo(key);
        assertThat(NameKeys.of("ＡＢＣ新材料有限公司")).isEqualTo(NameKeys.of("abc新材料公司"));
    }

    @Test
    void differentNamesStayDifferent() {
        assertThat(NameKeys.of("山西鹏飞集团有限公司")).isNotEqualTo(NameKeys.of("山西美锦集团有限公司"));
        assertThat(NameKeys.of("有限公司")).isNotEmpty();
    }

    @Test
    void masksPhones() {
        assertThat(Masks.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masks.phone("12345")).isEqualTo("****5");
        assertThat(Masks.phone(null)).isNull();
    }
}
