package cn.yinfeng.enterprises;

import cn.yinfeng.common.Masks;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** An enterprise as the registry holds it. {@code creditCode} is null for a prospect. */
public record Enterprise(
        long id,
        String creditCode,
        String name,
        String formerNames,
        BigDecimal registeredCapital,
        String hqProvince,
        String hqCity,
        String industry,
        String contactName,
        String contactPhone,
        String sourceChannel,
        Long mergedIntoId,
        long version) {

    @JsonProperty("prospect")
    public boolean prospect() {
        return creditCode == null;
    }

    /** The same record with the phone masked (138****5678) for those without the need to call. */
    public Enterprise masked() {
        return new Enterprise(
                id,
                creditCode,
                name,
                formerNames,
                registeredCapital,
                hqProvince,
                hqCity,
                industry,
                contactName,
                Masks.phone(contactPhone),
                sourceChannel,
                mergedIntoId,
                version);
    }
}
