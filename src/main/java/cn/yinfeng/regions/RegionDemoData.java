package cn.yinfeng.regions;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo region tree: 吕梁市 with its 13 county-level units and the 经开区 as a reporting unit, with their
 * administrative division codes. Loaded once, only in the demo profile.
 */
@Component
@Profile("demo")
@Order(0)
class RegionDemoData implements ApplicationRunner {

    record Seed(String code, String name, String shortName, RegionLevel level) {}

    static final Seed CITY = new Seed("141100", "吕梁市", "吕梁", RegionLevel.CITY);

    static final List<Seed> UNITS = List.of(
            new Seed("141102", "离石区", "离石", RegionLevel.COUNTY),
            new Seed("141181", "孝义市", "孝义", RegionLevel.COUNTY),
            new Seed("141182", "汾阳市", "汾阳", RegionLevel.COUNTY),
            new Seed("141121", "文水县", "文水", RegionLevel.COUNTY),
            new Seed("141122", "交城县", "交城", RegionLevel.COUNTY),
            new Seed("141123", "兴县", "兴县", RegionLevel.COUNTY),
            new Seed("141124", "临县", "临县", RegionLevel.COUNTY),
            new Seed("141125", "柳林县", "柳林", RegionLevel.COUNTY),
            new Seed("141126", "石楼县", "石楼", RegionLevel.COUNTY),
            new Seed("141127", "岚县", "岚县", RegionLevel.COUNTY),
            new Seed("141128", "方山县", "方山", RegionLevel.COUNTY),
            new Seed("141129", "中阳县", "中阳", RegionLevel.COUNTY),
            new Seed("141130", "交口县", "交口", RegionLevel.COUNTY),
            new Seed("141171", "吕梁经济技术开发区", "经开区", RegionLevel.ZONE));

    private final Regions regions;

    RegionDemoData(Regions regions) {
        this.regions = regions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!regions.isEmpty()) {
            return;
        }
        long city = regions.create(
                new Regions.RegionForm(CITY.code(), CITY.name(), CITY.shortName(), CITY.level(), null, 0, 0), null);
        int order = 1;
        for (Seed s : UNITS) {
            regions.create(
                    new Regions.RegionForm(s.code(), s.name(), s.shortName(), s.level(), city, order++, 0), null);
        }
    }
}
