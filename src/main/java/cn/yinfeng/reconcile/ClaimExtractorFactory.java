package cn.yinfeng.reconcile;

import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * An extractor that knows every region's name. Names are read from the whole tree (a county user's text may name
 * another county: that claim is then reported as outside their scope, never resolved to a number).
 */
@Component
class ClaimExtractorFactory {

    private final Regions regions;

    ClaimExtractorFactory(Regions regions) {
        this.regions = regions;
    }

    ClaimExtractor extractor() {
        long root = regions.findRoot();
        List<Region> all = regions.visible(regions.scopeOf(root));
        return new ClaimExtractor(all.stream()
                .map(r -> new ClaimExtractor.RegionName(r.code(), r.name(), r.shortName(), r.id() == root))
                .toList());
    }
}
