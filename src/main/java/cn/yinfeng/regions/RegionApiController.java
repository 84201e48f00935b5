package cn.yinfeng.regions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/regions}: the regions the caller may see, and no others. */
@RestController
@RequestMapping("/api/v1/regions")
@Tag(name = "regions", description = "区域树 / region tree")
@SecurityRequirement(name = "bearer")
class RegionApiController {

    record RegionView(
            long id, String code, String name, String shortName, RegionLevel level, Long parentId, int depth) {
        static RegionView of(Region r) {
            return new RegionView(r.id(), r.code(), r.name(), r.shortName(), r.level(), r.parentId(), r.depth());
        }
    }

    private final Regions regions;
    private final ScopeProvider scopes;

    RegionApiController(Regions regions, ScopeProvider scopes) {
        this.regions = regions;
        this.scopes = scopes;
    }

    @GetMapping
    @Operation(summary = "Regions visible to the caller (their region and below), in tree order")
    List<RegionView> list() {
        return regions.visible(scopes.current()).stream().map(RegionView::of).toList();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One region by code; 404 when it is outside the caller's scope")
    RegionView one(@PathVariable String code) {
        return RegionView.of(regions.visible(scopes.current(), code));
    }
}
