package cn.yinfeng.approvals;

import cn.yinfeng.common.Times;
import cn.yinfeng.projects.ProjectLookups;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
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
 * The demo's approval milestones, recorded by 孝义 and 中阳 on their largest projects (the ones the demo's problems are
 * about) through the same service as the form: steps done on time and late, one in progress, one due in two days,
 * overdue ones by the limit and by the plan, so that {@code /approvals}, the project page, the workbench and the
 * MILESTONE_OVERDUE warnings all have something to show. Dates count back from today.
 */
@Component
@Profile("demo")
@Order(23)
class MilestoneDemoData implements ApplicationRunner {

    /** A step: days before today it was planned, accepted and done (null: not that far yet). */
    private record Demo(
            String county,
            int project,
            String step,
            String unit,
            @Nullable Integer planned,
            @Nullable Integer started,
            @Nullable Integer done,
            @Nullable String note) {}

    private static final List<Demo> DEMOS = List.of(
            new Demo("xiaoyi", 0, "LAND_PRE", "孝义市自然资源局", null, 150, 136, null),
            new Demo("xiaoyi", 0, "LAND_SALE", "孝义市自然资源局", null, 130, 60, "挂牌期间竞买人提出异议，延期 10 天"),
            new Demo("xiaoyi", 0, "EIA", "吕梁市生态环境局", null, 45, null, "报告书已受理，技术审查专家意见未出"),
            new Demo("xiaoyi", 0, "ENERGY", "吕梁市发展和改革委员会", null, 12, null, null),
            new Demo("xiaoyi", 0, "PLANNING", "孝义市自然资源局", -25, null, null, null),
            new Demo("xiaoyi", 0, "CONSTRUCTION", "孝义市住房和城乡建设局", -60, null, null, null),
            new Demo("xiaoyi", 1, "LAND_PRE", "孝义市自然资源局", null, 80, 70, null),
            new Demo("xiaoyi", 1, "EIA", "吕梁市生态环境局", null, 28, null, null),
            new Demo("xiaoyi", 1, "PLANNING", "孝义市自然资源局", 6, null, null, "企业方案设计未完成，尚未申报"),
            new Demo("zhongyang", 0, "LAND_PRE", "中阳县自然资源局", null, 95, 82, null),
            new Demo("zhongyang", 0, "LAND_SALE", "中阳县自然资源局", null, 21, null, null),
            new Demo("zhongyang", 0, "ENERGY", "吕梁市发展和改革委员会", null, 41, null, "能耗指标待市级统筹"),
            new Demo("zhongyang", 1, "CONSTRUCTION", "中阳县住房和城乡建设局", null, 33, 20, null));

    private final Milestones milestones;
    private final ProjectLookups lookups;
    private final JdbcClient jdbc;
    private final UserDetailsService users;
    private final Clock clock;

    MilestoneDemoData(
            Milestones milestones, ProjectLookups lookups, JdbcClient jdbc, UserDetailsService users, Clock clock) {
        this.milestones = milestones;
        this.lookups = lookups;
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from project_milestone").query(Long.class).single() > 0) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        var previous = SecurityContextHolder.getContext();
        try {
            for (Demo d : DEMOS) {
                signIn(d.county());
                var largest = lookups.largestWritable(5);
                if (largest.size() <= d.project()) {
                    continue;
                }
                milestones.add(
                        largest.get(d.project()).id(),
                        new Milestones.Form(
                                d.step(),
                                d.unit(),
                                ago(today, d.planned()),
                                ago(today, d.started()),
                                ago(today, d.done()),
                                d.note(),
                                null));
            }
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private static @Nullable LocalDate ago(LocalDate today, @Nullable Integer days) {
        return days == null ? null : today.minusDays(days);
    }

    private void signIn(String username) {
        var user = users.loadUserByUsername(username);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
    }
}
