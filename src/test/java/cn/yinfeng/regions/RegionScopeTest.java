package cn.yinfeng.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegionScopeTest {

    private final RegionScope city = new RegionScope(1, "/1/");

    @Test
    void buildsBoundConditionForPlainColumnsOnly() {
        assertThat(city.where("p.region_id")).contains(":" + RegionScope.PARAM).doesNotContain("/1/");
        assertThatThrownBy(() -> city.where("p.region_id or 1=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> city.where("x; drop table region")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coversItselfAndDescendantsOnly() {
        var county = new Region(7, "141181", "孝义市", "孝义", RegionLevel.COUNTY, 1L, "/1/7/", 1, 0);
        var other = new Region(17, "141129", "中阳县", "中阳", RegionLevel.COUNTY, 1L, "/1/17/", 1, 0);
        var scope7 = new RegionScope(7, "/1/7/");
        assertThat(city.covers(county)).isTrue();
        assertThat(scope7.covers(county)).isTrue();
        assertThat(scope7.covers(other)).isFalse();
        // "/1/7/" must not cover "/1/71/": the trailing slash is part of the prefix
        var lookalike = new Region(71, "x", "x", null, RegionLevel.COUNTY, 1L, "/1/71/", 1, 0);
        assertThat(scope7.covers(lookalike)).isFalse();
        assertThat(scope7.pathPattern()).isEqualTo("/1/7/%");
    }

    @Test
    void rejectsMalformedPaths() {
        assertThatThrownBy(() -> new RegionScope(1, "/1/%")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegionScope(1, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void treeOrderPutsParentsBeforeChildrenBySortOrder() {
        var root = new Region(1, "141100", "吕梁市", null, RegionLevel.CITY, null, "/1/", 0, 0);
        var b = new Region(3, "B", "B", null, RegionLevel.COUNTY, 1L, "/1/3/", 2, 0);
        var a = new Region(2, "A", "A", null, RegionLevel.COUNTY, 1L, "/1/2/", 1, 0);
        var a1 = new Region(4, "A1", "A1", null, RegionLevel.ZONE, 2L, "/1/2/4/", 1, 0);
        assertThat(Regions.treeOrder(List.of(b, a1, root, a)))
                .extracting(Region::code)
                .containsExactly("141100", "A", "A1", "B");
    }
}
