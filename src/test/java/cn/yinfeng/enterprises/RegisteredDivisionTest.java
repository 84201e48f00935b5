package cn.yinfeng.enterprises;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.enterprises.RegisteredDivision.Relation;
import org.junit.jupiter.api.Test;

/** Where an investor is registered, from characters 3–8 of its credit code, against a project's region. */
class RegisteredDivisionTest {

    /** Published codes: 福州 (350100), 北京 (110000 and 110108), 深圳 (440300). */
    @Test
    void divisionAndProvinceOfPublishedCodes() {
        assertThat(RegisteredDivision.division("91350100M000100Y43")).contains("350100");
        assertThat(RegisteredDivision.province("91350100M000100Y43")).contains("福建");
        assertThat(RegisteredDivision.province("91110108551385082Q")).contains("北京");
        assertThat(RegisteredDivision.province("91440300708461136T")).contains("广东");
    }

    @Test
    void relationToAProjectRegion() {
        // a 深圳 investor in 孝义市 (141181, 吕梁 1411, 山西 14): another province
        assertThat(RegisteredDivision.relation("91440300708461136T", "141181")).contains(Relation.OTHER_PROVINCE);
        String taiyuan = withCheck("91140100MA0K00001");
        String luliang = withCheck("91141100MA0K00002");
        assertThat(RegisteredDivision.relation(taiyuan, "141181")).contains(Relation.SAME_PROVINCE);
        assertThat(RegisteredDivision.relation(luliang, "141181")).contains(Relation.SAME_CITY);
    }

    @Test
    void nothingIsDerivedFromWhatIsNotAValidCode() {
        assertThat(RegisteredDivision.division("91440300708461136X")).isEmpty(); // wrong check character
        assertThat(RegisteredDivision.division("山东华能")).isEmpty();
        assertThat(RegisteredDivision.division(null)).isEmpty();
        assertThat(RegisteredDivision.relation("91440300708461136T", "吕梁")).isEmpty();
        // 100000: registered by the national authority itself, which says nothing about a province
        assertThat(RegisteredDivision.division(withCheck("91100000MA0K00003"))).isEmpty();
    }

    private static String withCheck(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }
}
