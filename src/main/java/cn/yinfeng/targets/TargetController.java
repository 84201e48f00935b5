package cn.yinfeng.targets;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Year;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The targets page and {@code /api/v1/indicators}, {@code /api/v1/targets}. */
@Controller
@Tag(name = "targets", description = "指标目录与年度目标 / indicators and targets")
class TargetController {

    record TargetRequest(Long regionId, Integer year, String indicatorCode, BigDecimal value) {}

    private final Targets targets;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    TargetController(Targets targets, Regions regions, CurrentUser currentUser, MessageSource messages) {
        this.targets = targets;
        this.regions = regions;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/targets")
    String page(
            @RequestParam(required = false) Long regionId, @RequestParam(required = false) Integer year, Model model) {
        var scope = currentUser.scope();
        Region region = regionId == null ? regions.visible(scope, scope.regionId()) : regions.visible(scope, regionId);
        int y = year == null ? Year.now().getValue() : year;
        model.addAttribute("region", region);
        model.addAttribute("year", y);
        model.addAttribute("regions", regions.visible(scope));
        model.addAttribute("indicators", targets.indicators());
        model.addAttribute("values", targets.targets(region.id(), y));
        model.addAttribute("groups", targets.goalGroups(region.id(), y));
        model.addAttribute("canSet", targets.canSet());
        return "targets/index";
    }

    @PostMapping("/targets")
    String save(
            @RequestParam long regionId,
            @RequestParam int year,
            @RequestParam Map<String, String> form,
            Locale locale,
            RedirectAttributes redirect) {
        for (Indicator i : targets.indicators()) {
            String raw = form.get("t_" + i.code());
            if (raw == null) {
                continue;
            }
            BigDecimal value = raw.isBlank() ? null : new BigDecimal(raw.trim().replace(",", ""));
            BigDecimal current = targets.targets(regionId, year).get(i.code());
            boolean same = value == null ? current == null : current != null && current.compareTo(value) == 0;
            if (!same) {
                targets.setTarget(regionId, year, i.code(), value);
            }
        }
        redirect.addFlashAttribute("flash", messages.getMessage("targets.saved", null, locale));
        return "redirect:/targets?regionId=" + regionId + "&year=" + year;
    }

    @GetMapping("/api/v1/indicators")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The indicator catalogue")
    List<Indicator> indicators() {
        return targets.indicators();
    }

    @GetMapping("/api/v1/targets")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Targets of a region (inside the caller's scope) for a year, by indicator code")
    Map<String, BigDecimal> list(@RequestParam long regionId, @RequestParam int year) {
        regions.visible(currentUser.scope(), regionId);
        return targets.targets(regionId, year);
    }

    @PutMapping("/api/v1/targets")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Set (or clear with null) one target; city staff and administrators")
    Map<String, BigDecimal> set(@RequestBody TargetRequest r) {
        if (r.regionId() == null || r.year() == null || r.indicatorCode() == null) {
            throw new InvalidInputException("indicatorCode", "validation.required");
        }
        targets.setTarget(r.regionId(), r.year(), r.indicatorCode(), r.value());
        return targets.targets(r.regionId(), r.year());
    }
}
