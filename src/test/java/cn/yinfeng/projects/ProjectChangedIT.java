package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.enterprises.EnterprisesMerged;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Every write through the projects API that changes a project publishes {@link ProjectChanged} for that project, the
 * event other modules (supervision) react to instead of reading the audit log.
 */
@EnableScenarios
class ProjectChangedIT extends IntegrationTest {

    @Autowired
    Projects projects;

    @Autowired
    ProjectLifecycle lifecycle;

    @Autowired
    ProjectReviews reviews;

    @Autowired
    ProjectFunds funds;

    @Autowired
    ProjectFollowups followups;

    @Autowired
    UserDetailsService users;

    @BeforeEach
    void signIn() {
        var xiaoyi = users.loadUserByUsername("xiaoyi");
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(xiaoyi, null, xiaoyi.getAuthorities()));
        SecurityContextHolder.setContext(context);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    /**
     * A new project written by hand, not through the projects API: a scenario sees every event of the test, so a
     * project made through the API would have published the event already and the change under test would prove
     * nothing.
     */
    private long newProject() {
        return jdbc.sql("""
                        insert into project (code, name, name_key, region_id, total_investment)
                        select 'EV-' || :n, '事件测试项目' || :n, '事件测试项目' || :n, id, 5000 from region
                         where code = '141181'
                        returning id
                        """)
                .param("n", String.valueOf(System.nanoTime()))
                .query(Long.class)
                .single();
    }

    private static void expectChanged(Scenario scenario, Supplier<Long> change) {
        scenario.stimulate(change)
                .andWaitForEventOfType(ProjectChanged.class)
                .toArriveAndVerify((event, id) -> assertThat(event.projectId()).isEqualTo(id));
    }

    @Test
    void aCreatePublishesProjectChangedForTheNewProject(Scenario scenario) {
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        expectChanged(
                scenario,
                () -> projects.create(ProjectForm.builder()
                        .name("事件测试项目" + System.nanoTime())
                        .regionId(region)
                        .totalInvestment(BigDecimal.valueOf(5000))
                        .build()));
    }

    @Test
    void anUpdateThroughProjectsPublishesProjectChangedForThatId(Scenario scenario) {
        long id = newProject();
        Project p = projects.find(id);
        expectChanged(scenario, () -> {
            projects.update(id, ProjectForm.of(p).name(p.name() + "（改）").build());
            return id;
        });
    }

    @Test
    void aStageStepPublishesProjectChanged(Scenario scenario) {
        long id = newProject();
        expectChanged(scenario, () -> {
            Project p = projects.find(id);
            lifecycle.advance(id, p.version(), p.stage().next(), today(), null);
            return id;
        });
    }

    @Test
    void aReviewStepPublishesProjectChanged(Scenario scenario) {
        long id = newProject();
        expectChanged(scenario, () -> {
            reviews.submit(id, projects.find(id).version());
            return id;
        });
    }

    @Test
    void aFundArrivedPublishesProjectChanged(Scenario scenario) {
        long id = newProject();
        expectChanged(scenario, () -> {
            funds.addFund(id, YearMonth.from(today()), FundOrigin.OUT_OF_PROVINCE, BigDecimal.TEN, null);
            return id;
        });
    }

    @Test
    void aFollowUpPublishesProjectChanged(Scenario scenario) {
        long id = newProject();
        expectChanged(scenario, () -> {
            followups.addFollowup(id, today(), "电话对接", null, null);
            return id;
        });
    }

    private long newEnterprise(String name) {
        return jdbc.sql("insert into enterprise (name, name_key) values (:n, :n) returning id")
                .param("n", name + System.nanoTime())
                .query(Long.class)
                .single();
    }

    @Test
    void aMergeOfAnInvestorPublishesProjectChangedForItsProjects(Scenario scenario) {
        long id = newProject();
        long from = newEnterprise("合并前企业");
        long into = newEnterprise("合并后企业");
        jdbc.sql("insert into project_investor (project_id, enterprise_id) values (:p, :e)")
                .param("p", id)
                .param("e", from)
                .update();
        scenario.publish(new EnterprisesMerged(from, into))
                .andWaitForEventOfType(ProjectChanged.class)
                .toArriveAndVerify(event -> assertThat(event.projectId()).isEqualTo(id));
    }
}
