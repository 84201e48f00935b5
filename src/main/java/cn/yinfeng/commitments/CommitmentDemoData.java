package cn.yinfeng.commitments;

import cn.yinfeng.commitments.CommitmentRule.Kind;
import cn.yinfeng.projects.ProjectLookups;
import cn.yinfeng.projects.Projects;
import java.math.BigDecimal;
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
 * The demo's contracts: 孝义 and 中阳 record what their largest projects (those of the demo's problems and milestones)
 * promised, counted from each project's signing year, and the actuals of the years since — entered by the city,
 * as those years are closed by now. Kept, kept late, short, unreported and not yet due all appear, and one project
 * is 达效, so the board, the red list and the project cards have something to show.
 */
@Component
@Profile("demo")
@Order(24)
class CommitmentDemoData implements ApplicationRunner {

    /** A promise due on 31 December of the signing year plus {@code years} (START/PRODUCTION: signing + days). */
    private record Promise(
            String county,
            int project,
            Kind kind,
            int years,
            int days,
            @Nullable String amount,
            String clause) {}

    /** An actual of the signing year plus {@code years}. */
    private record Reported(String county, int project, Kind kind, int years, String amount) {}

    private static final List<Promise> PROMISES = List.of(
            new Promise("xiaoyi", 0, Kind.START, 0, 60, null, "第四条"),
            new Promise("xiaoyi", 0, Kind.PRODUCTION, 2, 0, null, "第四条"),
            new Promise("xiaoyi", 0, Kind.INVESTMENT, 1, 0, "120000", "第五条"),
            new Promise("xiaoyi", 0, Kind.TAX, 1, 0, "3000", "第七条"),
            new Promise("xiaoyi", 0, Kind.JOBS, 1, 0, "500", "第八条"),
            new Promise("xiaoyi", 0, Kind.OUTPUT, 3, 0, "80000", "第七条"),
            new Promise("xiaoyi", 1, Kind.INVESTMENT, 1, 0, "50000", "第三条"),
            new Promise("xiaoyi", 1, Kind.TAX, 1, 0, "1500", "第六条"),
            new Promise("zhongyang", 0, Kind.INVESTMENT, 0, 0, "80000", "第五条"),
            new Promise("zhongyang", 1, Kind.OUTPUT, 1, 0, "20000", "第六条"),
            new Promise("zhongyang", 1, Kind.TAX, 1, 0, "800", "第六条"));

    private static final List<Reported> REPORTED = List.of(
            new Reported("xiaoyi", 0, Kind.INVESTMENT, 0, "45000"),
            new Reported("xiaoyi", 0, Kind.INVESTMENT, 1, "52000"),
            new Reported("xiaoyi", 0, Kind.TAX, 1, "3200.50"),
            new Reported("xiaoyi", 0, Kind.JOBS, 1, "420"),
            new Reported("xiaoyi", 1, Kind.INVESTMENT, 0, "20000"),
            new Reported("xiaoyi", 1, Kind.INVESTMENT, 1, "31000"),
            new Reported("zhongyang", 0, Kind.INVESTMENT, 0, "60000"),
            new Reported("zhongyang", 0, Kind.INVESTMENT, 1, "25000"),
            new Reported("zhongyang", 1, Kind.OUTPUT, 1, "22000"),
            new Reported("zhongyang", 1, Kind.TAX, 1, "900"));

    private final Commitments commitments;
    private final ProjectLookups lookups;
    private final Projects projects;
    private final JdbcClient jdbc;
    private final UserDetailsService users;

    CommitmentDemoData(
            Commitments commitments,
            ProjectLookups lookups,
            Projects projects,
            JdbcClient jdbc,
            UserDetailsService users) {
        this.commitments = commitments;
        this.lookups = lookups;
        this.projects = projects;
        this.jdbc = jdbc;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from project_commitment")
                        .query(Long.class)
                        .single()
                > 0) {
            return;
        }
        var previous = SecurityContextHolder.getContext();
        try {
            for (Promise d : PROMISES) {
                Long id = project(d.county(), d.project());
                LocalDate signed = id == null ? null : projects.find(id).dates().signedOn();
                if (signed == null) {
                    continue;
                }
                LocalDate due = d.kind().hasAmount()
                        ? LocalDate.of(signed.getYear() + d.years(), 12, 31)
                        : (d.years() == 0
                                ? signed.plusDays(d.days())
                                : LocalDate.of(signed.getYear() + d.years(), 6, 30));
                commitments.add(
                        id,
                        new Commitments.Form(
                                d.kind().name(),
                                due,
                                d.amount() == null ? null : new BigDecimal(d.amount()),
                                d.clause(),
                                null,
                                null));
            }
            for (Reported r : REPORTED) {
                Long id = project(r.county(), r.project());
                LocalDate signed = id == null ? null : projects.find(id).dates().signedOn();
                if (signed == null) {
                    continue;
                }
                int year = signed.getYear() + r.years();
                signIn("city"); // the years are closed by now: the city enters them
                commitments.record(
                        id, new Commitments.ActualForm(r.kind().name(), year, new BigDecimal(r.amount()), null, null));
            }
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private @Nullable Long project(String county, int index) {
        signIn(county);
        var largest = lookups.largestWritable(5);
        return largest.size() <= index ? null : largest.get(index).id();
    }

    private void signIn(String username) {
        var user = users.loadUserByUsername(username);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
    }
}
