package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.projects.ProjectLookups;
import cn.yinfeng.projects.Projects;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo's problem list: problems 孝义 and 中阳 raised on their largest signed projects, owned by 刘市长, through the same steps
 * as the pages (raised by the county, answered by the city or the county, confirmed or sent back), some solved, some
 * waiting for confirmation, one sent back, one overdue: what {@code /supervision/problems} and a 调度会 export show.
 */
@Component
@Profile("demo")
@Order(22)
class ProblemDemoData implements ApplicationRunner {

    /** What happens to a demo problem after it is raised. */
    private enum Fate {
        OPEN,
        OVERDUE,
        ANSWERED,
        SENT_BACK,
        SOLVED
    }

    private record Demo(
            String county,
            int project,
            Problems.Category category,
            String title,
            String description,
            boolean toCity,
            String unit,
            int daysAgo,
            int days,
            Fate fate,
            String answer) {}

    private static final List<Demo> DEMOS = List.of(
            new Demo(
                    "xiaoyi",
                    0,
                    Problems.Category.LAND,
                    "二期用地指标未落实",
                    "项目二期需新增建设用地 126 亩，县级年度指标已用完，请求市级统筹调剂用地指标。",
                    true,
                    "市自然资源局",
                    40,
                    30,
                    Fate.SOLVED,
                    "已从全市年度新增建设用地计划中调剂 126 亩，组卷材料已报省厅，预计下月批复。"),
            new Demo(
                    "xiaoyi",
                    0,
                    Problems.Category.FACTORS,
                    "110千伏专用线路接入",
                    "企业试生产需双回路供电，110 千伏专线接入方案尚未批复，影响 12 月设备调试。",
                    true,
                    "国网吕梁供电公司",
                    35,
                    20,
                    Fate.OVERDUE,
                    null),
            new Demo(
                    "xiaoyi",
                    1,
                    Problems.Category.APPROVAL,
                    "环评批复进度",
                    "项目环评报告书已受理 45 个工作日，请协调加快技术审查。",
                    true,
                    "市行政审批服务管理局",
                    12,
                    20,
                    Fate.ANSWERED,
                    "技术审查已于本周完成，专家意见已反馈企业修改，修改稿报回后 5 个工作日内批复。"),
            new Demo(
                    "zhongyang",
                    0,
                    Problems.Category.FUNDING,
                    "配套基础设施专项债资金",
                    "园区道路及管网配套需资金 8,600 万元，申请纳入明年专项债项目储备。",
                    true,
                    "市财政局",
                    6,
                    45,
                    Fate.OPEN,
                    null),
            new Demo(
                    "zhongyang",
                    1,
                    Problems.Category.POLICY,
                    "招商引资优惠政策兑现",
                    "合同约定的设备补助 300 万元尚未兑现，企业多次询问。",
                    false,
                    "中阳县工业和信息化局",
                    20,
                    25,
                    Fate.SENT_BACK,
                    "已列入县财政预算，待县政府常务会研究。"));

    private final Problems problems;
    private final Tasks tasks;
    private final TaskList taskList;
    private final ProjectLookups lookups;
    private final Projects projects;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final UserDetailsService users;
    private final Clock clock;

    ProblemDemoData(
            Problems problems,
            Tasks tasks,
            TaskList taskList,
            ProjectLookups lookups,
            Projects projects,
            Accounts accounts,
            JdbcClient jdbc,
            UserDetailsService users,
            Clock clock) {
        this.problems = problems;
        this.tasks = tasks;
        this.taskList = taskList;
        this.lookups = lookups;
        this.projects = projects;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from supervision_task where kind = 'PROBLEM'")
                        .query(Long.class)
                        .single()
                > 0) {
            return;
        }
        long leader = accounts.leaderByUsername("leader").orElse(-1L);
        if (leader < 0) {
            return;
        }
        var previous = SecurityContextHolder.getContext();
        try {
            for (Demo d : DEMOS) {
                make(d, leader);
            }
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private void make(Demo d, long leader) {
        signIn(d.county());
        var raisable = lookups.largestWritable(5).stream()
                .map(p -> projects.find(p.id()))
                .toList();
        if (raisable.size() <= d.project()) {
            return;
        }
        var project = raisable.get(d.project());
        var destinations = problems.destinations(project);
        LocalDate today = LocalDate.now(clock.withZone(Projects.ZONE));
        long id = problems.raise(new Problems.ProblemForm(
                project.id(),
                d.category().name(),
                d.title(),
                d.description(),
                (d.toCity() ? destinations.get(destinations.size() - 1) : destinations.get(0)).id(),
                d.unit(),
                leader,
                today.plusDays(d.days())));
        String answerer = d.toCity() ? "city" : d.county();
        switch (d.fate()) {
            case OPEN, OVERDUE -> {}
            case ANSWERED -> answer(id, answerer, d.answer());
            case SENT_BACK -> {
                answer(id, answerer, d.answer());
                signIn(d.county());
                tasks.review(id, version(id), false, "需明确兑现时间，请于本月底前给出答复。");
            }
            case SOLVED -> {
                answer(id, answerer, d.answer());
                signIn(d.county());
                tasks.review(id, version(id), true, "已解决，感谢协调。");
            }
        }
        // raised some days ago with its deadline counted from then: the history reads as it happened, and the one
        // nobody answered is overdue
        jdbc.sql(
                        "update supervision_task set created_at = created_at - make_interval(days => :ago), deadline = :deadline "
                                + "where id = :id")
                .param("ago", d.daysAgo())
                .param("deadline", today.minusDays(d.daysAgo()).plusDays(d.days()))
                .param("id", id)
                .update();
        jdbc.sql("""
                update supervision_task_event e set at = t.created_at + (e.id - first.id) * interval '3 days'
                  from supervision_task t, (select min(id) as id from supervision_task_event where task_id = :id) first
                 where e.task_id = :id and t.id = e.task_id
                """).param("id", id).update();
        jdbc.sql("update supervision_task set closed_at = (select max(at) from supervision_task_event where task_id = "
                        + ":id) where id = :id and status = 'ACCEPTED'")
                .param("id", id)
                .update();
    }

    private void answer(long id, String who, String text) {
        signIn(who);
        tasks.respond(id, version(id), text, List.of());
    }

    private long version(long id) {
        return taskList.get(id).version();
    }

    private void signIn(String username) {
        var user = users.loadUserByUsername(username);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
    }
}
