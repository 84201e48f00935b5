package cn.yinfeng.targets;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.targets.TargetInput.AmountUnit;
import cn.yinfeng.targets.TargetInput.Kind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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

/** The targets page and {@code /api/v1/indicators}, {@code /api/v1/targets}, {@code /api/v1/targets/progress}. */
@Controller
@Tag(name = "targets", description = "指标目录与年度目标 / indicators and targets")
class TargetController {

    static final ZoneId ZONE = cn.yinfeng.common.Times.ZONE;

    /** {@code value} in 万元 / count / fraction, or {@code text} as a clerk types it ("1019.6亿", "117个", "85%"). */
    record TargetRequest(
            Long regionId,
            Integer year,
            String indicatorCode,
            @Nullable BigDecimal value,
            @Nullable String text) {}

    /** One indicator's progress for the API. */
    record ProgressLine(
            String code,
            String name,
            Indicator.Unit unit,
            @Nullable BigDecimal target,
            @Nullable BigDecimal actual,
            @Nullable BigDecimal schedule,
            @Nullable BigDecimal ahead,
            @Nullable BigDecimal completion,
            TargetProgress.@Nullable Light light) {}

    /** Progress of a region for a year over months 1..{@code months} (0: the year has not begun). */
    record ProgressAnswer(
            String regionCode,
            String regionName,
            int year,
            int months,
            @Nullable String to,
            List<ProgressLine> lines) {}

    private final Targets targets;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final MessageSource messages;
    private final TargetProgress progress;
    private final Clock clock;

    TargetController(
            Targets targets,
            Regions regions,
            CurrentUser currentUser,
            MessageSource messages,
            TargetProgress progress,
            Clock clock) {
        this.targets = targets;
        this.regions = regions;
        this.currentUser = currentUser;
        this.messages = messages;
        this.progress = progress;
        this.clock = clock;
    }

    @GetMapping("/targets")
    String page(
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Integer year,
            Model model,
            Locale locale) {
        Region region = region(regionId);
        int y = year == null ? progress.latestMonth(region).getYear() : year;
        return render(region, y, Map.of(), Map.of(), Map.of(), model, locale);
    }

    @PostMapping("/targets")
    String save(
            @RequestParam long regionId,
            @RequestParam int year,
            @RequestParam Map<String, String> form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        Region region = region(regionId);
        var values = new LinkedHashMap<String, BigDecimal>();
        var typed = new LinkedHashMap<String, String>();
        var units = new LinkedHashMap<String, String>();
        var errors = new LinkedHashMap<String, String>();
        for (Indicator i : targets.indicators()) {
            String raw = form.get("t_" + i.code());
            if (raw == null) {
                continue;
            }
            AmountUnit unit = "YI".equals(form.get("u_" + i.code())) ? AmountUnit.YI : AmountUnit.WAN;
            typed.put(i.code(), raw);
            units.put(i.code(), unit.name());
            var r = TargetInput.parse(raw, TargetInput.kindOf(i.unit()), unit);
            if (r.ok()) {
                values.put(i.code(), r.value());
            } else {
                errors.put(i.code(), messages.getMessage(r.problem(), new Object[] {i.name(locale), raw}, locale));
            }
        }
        if (!errors.isEmpty()) {
            model.addAttribute("problems", errors.size());
            return render(region, year, typed, units, errors, model, locale);
        }
        try {
            targets.setTargets(region.id(), year, values);
        } catch (InvalidInputException e) {
            model.addAttribute("problems", 1);
            model.addAttribute(
                    "formError", messages.getMessage(e.problems().get(0).messageKey(), null, locale));
            return render(region, year, typed, units, errors, model, locale);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("targets.saved", null, locale));
        return "redirect:/targets?regionId=" + region.id() + "&year=" + year;
    }

    private String render(
            Region region,
            int year,
            Map<String, String> typed,
            Map<String, String> units,
            Map<String, String> errors,
            Model model,
            Locale locale) {
        int months = months(region, year);
        Map<String, TargetProgress.Line> lines =
                months == 0 ? Map.of() : progress.progress(region, YearMonth.of(year, months));
        Map<String, BigDecimal> stored = targets.targets(region.id(), year);
        var rows = new ArrayList<TargetRow>();
        for (Indicator i : targets.indicators()) {
            Kind kind = TargetInput.kindOf(i.unit());
            BigDecimal value = stored.get(i.code());
            String unit = null;
            if (kind == Kind.AMOUNT) {
                unit = units.getOrDefault(i.code(), TargetInput.unitFor(value).name());
            }
            String text = typed.containsKey(i.code())
                    ? typed.get(i.code())
                    : TargetInput.format(value, kind, unit == null ? AmountUnit.WAN : AmountUnit.valueOf(unit));
            rows.add(new TargetRow(
                    i.code(),
                    i.name(locale),
                    messages.getMessage(
                            "unit." + i.unit().name(), null, i.unit().name(), locale),
                    kind.name(),
                    unit,
                    text,
                    errors.get(i.code()),
                    lines.get(i.code())));
        }
        model.addAttribute("region", region);
        model.addAttribute("year", year);
        model.addAttribute("months", months);
        model.addAttribute("rows", rows);
        model.addAttribute("regions", regions.visible(currentUser.scope()));
        model.addAttribute("groups", targets.goalGroups(region.id(), year));
        model.addAttribute("canSet", targets.canSet());
        return "targets/index";
    }

    private Region region(@Nullable Long regionId) {
        var scope = currentUser.scope();
        return regionId == null ? regions.visible(scope, scope.regionId()) : regions.visible(scope, regionId);
    }

    private int months(Region region, int year) {
        return TargetInput.monthsCovered(year, progress.latestMonth(region), YearMonth.now(clock.withZone(ZONE)));
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

    @GetMapping("/api/v1/targets/progress")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Progress towards a region's targets for a year: actual 1-N月, 序时进度, 超/欠进度, completion, "
                    + "light and the months covered (no year: the year of the latest month with data)")
    ProgressAnswer progress(@RequestParam long regionId, @RequestParam(required = false) Integer year, Locale locale) {
        Region region = region(regionId);
        int y = year == null ? progress.latestMonth(region).getYear() : year;
        int months = months(region, y);
        Map<String, TargetProgress.Line> lines =
                months == 0 ? Map.of() : progress.progress(region, YearMonth.of(y, months));
        Map<String, BigDecimal> stored = targets.targets(region.id(), y);
        var out = new ArrayList<ProgressLine>();
        for (Indicator i : targets.indicators()) {
            TargetProgress.Line l = lines.get(i.code());
            out.add(new ProgressLine(
                    i.code(),
                    i.name(locale),
                    i.unit(),
                    stored.get(i.code()),
                    l == null ? null : l.actual(),
                    l == null ? null : l.schedule(),
                    l == null ? null : l.ahead(),
                    l == null ? null : l.completion(),
                    l == null ? null : l.light()));
        }
        return new ProgressAnswer(
                region.code(),
                region.name(),
                y,
                months,
                months == 0 ? null : YearMonth.of(y, months).toString(),
                out);
    }

    @PutMapping("/api/v1/targets")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Set (or clear with null) one target; city staff and administrators. value in 万元 / count / "
                    + "fraction, or text as typed (\"1019.6亿\", \"117个\", \"85%\"); a bad text is a 400")
    Map<String, BigDecimal> set(@RequestBody TargetRequest r, Locale locale) {
        if (r.regionId() == null || r.year() == null || r.indicatorCode() == null) {
            throw new InvalidInputException("indicatorCode", "validation.required");
        }
        BigDecimal value = r.value();
        if (r.text() != null) {
            Indicator i = targets.indicator(r.indicatorCode());
            var parsed = TargetInput.parse(r.text(), TargetInput.kindOf(i.unit()), AmountUnit.WAN);
            if (!parsed.ok()) {
                throw new InvalidInputException("text", parsed.problem(), i.name(locale), r.text());
            }
            value = parsed.value();
        }
        targets.setTarget(r.regionId(), r.year(), r.indicatorCode(), value);
        return targets.targets(r.regionId(), r.year());
    }
}
