package cn.yinfeng.ledger;

import cn.yinfeng.projects.Stage;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lifecycle stage a clerk's progress words state: "已签约", "开工建设", "试生产", "正在洽谈", "谋划中", or a sentence
 * such as "已签约，正在办理注册手续". The furthest stage the text says was reached wins; words that say it was not
 * (未开工, 尚未签约, 待开工, 拟投产, 计划6月开工, 预计年底投产: the
 * same clause, before the stage word) do not count. 终止 and 暂缓 are side states and win over the main line.
 * Empty when the text names no stage: the row then keeps its stage, and the text stays the progress note.
 */
final class StageWords {

    private record Rule(Stage stage, Pattern words) {}

    /** Words before a stage word in the same clause that say it was not reached (yet). */
    private static final Pattern NOT = Pattern.compile("未|没有|待|拟|计划|准备|力争|争取|预计|将于|即将|有望");

    private static final List<Rule> RULES = List.of(
            new Rule(Stage.TERMINATED, Pattern.compile("已终止|终止|已放弃|取消合作|不再推进")),
            new Rule(Stage.SUSPENDED, Pattern.compile("暂缓|暂停推进|搁置")),
            new Rule(Stage.FULL_PRODUCTION, Pattern.compile("达产")),
            new Rule(Stage.PRODUCING, Pattern.compile("(试生产|试产|投产|投运|竣工)")),
            new Rule(Stage.STARTED, Pattern.compile("(开工|在建|建设中|施工|动工)")),
            new Rule(Stage.REGISTERED, Pattern.compile("(已注册|注册成立|完成注册|落地|设立)")),
            new Rule(Stage.SIGNED, Pattern.compile("(签约|签订|签署)")),
            new Rule(Stage.NEGOTIATING, Pattern.compile("洽谈|在谈|对接|磋商|考察")),
            new Rule(Stage.RESERVE, Pattern.compile("谋划|储备|策划|意向")));

    private StageWords() {}

    static Optional<Stage> of(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] clauses = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replaceAll("\\s", "")
                .split("[,、;。.]");
        for (Rule rule : RULES) {
            for (String clause : clauses) {
                Matcher m = rule.words().matcher(clause);
                while (m.find()) {
                    boolean negated = rule.stage().onMainLine()
                            && rule.stage() != Stage.NEGOTIATING
                            && rule.stage() != Stage.RESERVE
                            && NOT.matcher(clause.substring(0, m.start())).find();
                    if (!negated) {
                        return Optional.of(rule.stage());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
