package cn.yinfeng.projects;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** The dates a project reached its dated stages (签约, 注册, 开工, 投产, 达产). */
public record StageDates(
        LocalDate signedOn,
        LocalDate registeredOn,
        LocalDate startedOn,
        LocalDate producingOn,
        LocalDate fullProductionOn) {

    public static final StageDates NONE = new StageDates(null, null, null, null, null);

    public LocalDate of(Stage stage) {
        return switch (stage) {
            case SIGNED -> signedOn;
            case REGISTERED -> registeredOn;
            case STARTED -> startedOn;
            case PRODUCING -> producingOn;
            case FULL_PRODUCTION -> fullProductionOn;
            default -> null;
        };
    }

    public StageDates with(Stage stage, LocalDate date) {
        Map<Stage, LocalDate> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.datedStages()) {
            m.put(s, of(s));
        }
        m.put(stage, date);
        return new StageDates(
                m.get(Stage.SIGNED),
                m.get(Stage.REGISTERED),
                m.get(Stage.STARTED),
                m.get(Stage.PRODUCING),
                m.get(Stage.FULL_PRODUCTION));
    }
}
