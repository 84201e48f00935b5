package cn.yinfeng.projects;

import java.util.Arrays;
import java.util.List;

/**
 * Lifecycle of a project: 储备 → 洽谈 → 签约 → 注册 → 开工 → 投产 → 达产, with the side states 暂缓 and 终止.
 * {@code order} is the position on the main line; side states have none.
 */
public enum Stage {
    RESERVE(0, null),
    NEGOTIATING(1, null),
    SIGNED(2, "signed_on"),
    REGISTERED(3, "registered_on"),
    STARTED(4, "started_on"),
    PRODUCING(5, "producing_on"),
    FULL_PRODUCTION(6, "full_production_on"),
    SUSPENDED(-1, null),
    TERMINATED(-1, null);

    private final int order;
    private final String dateColumn;

    Stage(int order, String dateColumn) {
        this.order = order;
        this.dateColumn = dateColumn;
    }

    public int order() {
        return order;
    }

    /** The project column holding the date this stage was reached, or null for stages without one. */
    String dateColumn() {
        return dateColumn;
    }

    public boolean onMainLine() {
        return order >= 0;
    }

    public boolean dated() {
        return dateColumn != null;
    }

    /** The next stage on the main line, or null at the end or off it. */
    public Stage next() {
        return Arrays.stream(values())
                .filter(s -> s.order == order + 1 && order >= 0)
                .findFirst()
                .orElse(null);
    }

    public static List<Stage> mainLine() {
        return Arrays.stream(values()).filter(Stage::onMainLine).toList();
    }

    /** The stages at or after 签约 that carry a date, in order. */
    public static List<Stage> datedStages() {
        return Arrays.stream(values()).filter(Stage::dated).toList();
    }
}
