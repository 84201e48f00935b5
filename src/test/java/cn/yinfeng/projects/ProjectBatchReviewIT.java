package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.common.AfterWork;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Batch review: one transaction for the batch (a stale version or a project outside the caller's scope writes
 * nothing), and still one review row, one audit entry and one approved version per project.
 */
class ProjectBatchReviewIT extends IntegrationTest {

    @Autowired
    ProjectReviews reviews;

    @Autowired
    UserDetailsService users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void signIn(String username) {
        var u = users.loadUserByUsername(username);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(u, null, u.getAuthorities()));
        SecurityContextHolder.setContext(context);
    }

    /** Projects written by hand in {@code region}, in {@code status}, named for this test, signed in 2012. */
    private List<Long> projects(int n, String region, String status) {
        String tag = "BR-" + System.nanoTime() + "-";
        return jdbc.sql("""
                        insert into project (code, name, name_key, region_id, total_investment, review_status,
                                             stage, signed_on)
                        select :tag || g, '批量审核测试' || :tag || g, '批量审核测试' || :tag || g, r.id, 5000,
                               :status, 'SIGNED', date '2012-03-01'
                          from region r, generate_series(1, :n) g where r.code = :region
                        returning id
                        """)
                .param("tag", tag)
                .param("n", n)
                .param("region", region)
                .param("status", status)
                .query(Long.class)
                .list();
    }

    private List<ProjectReviews.BatchItem> items(List<Long> ids) {
        var out = new ArrayList<ProjectReviews.BatchItem>();
        for (Long id : ids) {
            long v = jdbc.sql("select version from project where id = :id")
                    .param("id", id)
                    .query(Long.class)
                    .single();
            out.add(new ProjectReviews.BatchItem(id, v));
        }
        return out;
    }

    private long count(String sql, List<Long> ids) {
        return jdbc.sql(sql)
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    @Test
    void approvingABatchWritesAReviewRowAnAuditEntryAndAnApprovedVersionPerProject() {
        List<Long> ids = projects(3, "141181", "SUBMITTED");
        signIn("city");
        var results = reviews.batch("APPROVE", "同意", items(ids));

        assertThat(results).hasSize(3).allMatch(r -> r.reviewStatus() == ReviewStatus.APPROVED);
        assertThat(count("select count(*) from project where id = any(:ids) and review_status = 'APPROVED'", ids))
                .isEqualTo(3);
        assertThat(count(
                        "select count(*) from project_review where project_id = any(:ids) and action = 'APPROVE'", ids))
                .isEqualTo(3);
        assertThat(count(
                        "select count(*) from project_approved where project_id = any(:ids) and valid_to is null", ids))
                .isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'PROJECT_APPROVE' and target_id = any(:ids)")
                        .param("ids", ids.stream().map(String::valueOf).toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void oneStaleVersionWritesNothingAndNamesTheProject() {
        List<Long> ids = projects(3, "141181", "SUBMITTED");
        var items = new ArrayList<>(items(ids));
        var stale = items.get(1);
        items.set(1, new ProjectReviews.BatchItem(stale.id(), stale.version() - 1));
        signIn("city");

        assertThatThrownBy(() -> reviews.batch("APPROVE", null, items))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).current()).containsEntry("id", stale.id()));
        assertThat(count("select count(*) from project where id = any(:ids) and review_status = 'SUBMITTED'", ids))
                .isEqualTo(3);
        assertThat(count("select count(*) from project_review where project_id = any(:ids)", ids))
                .isZero();
        assertThat(count("select count(*) from project_approved where project_id = any(:ids)", ids))
                .isZero();
    }

    @Test
    void aCountyCannotSubmitAnotherCountysProjectAndNothingIsWritten() {
        List<Long> own = projects(2, "141181", "DRAFT");
        List<Long> other = projects(1, "141129", "DRAFT");
        var all = new ArrayList<>(own);
        all.addAll(other);
        signIn("xiaoyi");

        assertThatThrownBy(() -> reviews.batch("SUBMIT", null, items(all)))
                .isInstanceOfAny(AccessDeniedException.class, cn.yinfeng.common.NotFoundException.class);
        assertThat(count("select count(*) from project where id = any(:ids) and review_status = 'DRAFT'", all))
                .isEqualTo(3);

        var results = reviews.batch("SUBMIT", null, items(own));
        assertThat(results).allMatch(r -> r.reviewStatus() == ReviewStatus.SUBMITTED);
        assertThat(count("select count(*) from project_review where project_id = any(:ids) and action = 'SUBMIT'", own))
                .isEqualTo(2);
    }

    @Test
    void aCountyCannotApproveAndAReturnNeedsAnOpinion() {
        List<Long> ids = projects(2, "141181", "SUBMITTED");
        signIn("xiaoyi");
        assertThatThrownBy(() -> reviews.batch("APPROVE", null, items(ids))).isInstanceOf(AccessDeniedException.class);
        signIn("city");
        assertThatThrownBy(() -> reviews.batch("RETURN", " ", items(ids))).isInstanceOf(InvalidInputException.class);
        var results = reviews.batch("RETURN", "请补充材料", items(ids));
        assertThat(results).allMatch(r -> r.reviewStatus() == ReviewStatus.RETURNED);
    }

    @Test
    void twoHundredProjectsAreApprovedInOneBatch() {
        List<Long> ids = projects(200, "141181", "SUBMITTED");
        var items = items(ids);
        signIn("city");
        // as in a request: the warnings of the changed projects are evaluated after the work, not in the batch
        // (its speed is measured by the bench's ReviewBench, never asserted here)
        try (var work = AfterWork.open()) {
            reviews.batch("APPROVE", "批量通过", items);
        }

        assertThat(count("select count(*) from project where id = any(:ids) and review_status = 'APPROVED'", ids))
                .isEqualTo(200);
        assertThat(count("select count(*) from project_review where project_id = any(:ids)", ids))
                .isEqualTo(200);
        assertThat(count(
                        "select count(*) from project_approved where project_id = any(:ids) and valid_to is null", ids))
                .isEqualTo(200);
    }
}
