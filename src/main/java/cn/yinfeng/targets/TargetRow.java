package cn.yinfeng.targets;

import org.jspecify.annotations.Nullable;

/**
 * One row of the targets page: the indicator as shown, the input (text in the chosen unit, or what was typed when
 * it was refused) with its problem, and the progress beside it.
 *
 * @param kind how the input is read ({@link TargetInput.Kind} name)
 * @param amountUnit WAN or YI for an amount input, else null
 */
public record TargetRow(
        String code,
        String name,
        String unit,
        String kind,
        @Nullable String amountUnit,
        String text,
        @Nullable String error,
        TargetProgress.@Nullable Line progress) {}
