package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.dhatim.fastexcel.Workbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports started from the page run in the background: the upload answers at once with the batch's page, which shows
 * the run's progress (from any instance: it is in the database) and then its report; a run whose instance died is
 * shown as interrupted and can be run again without uploading again; the commit goes the same way.
 */
class ImportProgressIT extends IntegrationTest {

    private final Map<String, MockHttpSession> sessions = new ConcurrentHashMap<>();

    @Autowired
    ImportJobs jobs;

    @Autowired
    PlatformTransactionManager tx;

    private MockHttpSession session(String user) throws Exception {
        return sessions.computeIfAbsent(user, u -> {
            try {
                return (MockHttpSession) mvc.perform(formLogin().user(u).password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Two new projects of 孝义, one row out of the user's scope, under names no other test uses. */
    private static byte[] ledger(String prefix) throws Exception {
        var out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        var ws = wb.newWorksheet("台账");
        String[][] rows = {
            {"项目名称", "落地区域", "总投资（万元）", "阶段"},
            {prefix + "一号项目", "孝义市", "1.2亿", "洽谈"},
            {prefix + "二号项目", "孝义市", "3000", "储备"},
            {prefix + "越权项目", "中阳县", "100", "洽谈"}
        };
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                ws.value(r, c, rows[r][c]);
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    private long upload(byte[] file) throws Exception {
        return upload(file, "进度.xlsx");
    }

    private long upload(byte[] file, String name) throws Exception {
        String location = mvc.perform(multipart("/ledger/preview")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", file))
                        .param("kind", "projects")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).matches("/ledger/\\d+");
        return Long.parseLong(location.substring("/ledger/".length()));
    }

    private String statusOf(long batch) {
        return jdbc.sql("select status from import_batch where id = :id")
                .param("id", batch)
                .query(String.class)
                .single();
    }

    private void awaitStatus(long batch, String expected) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!statusOf(batch).equals(expected) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(statusOf(batch)).isEqualTo(expected);
        // and its worker has let go of it (no heartbeat after this)
        while (jobs.isRunning(batch) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(jobs.isRunning(batch)).isFalse();
    }

    private String page(String user, String url) throws Exception {
        return mvc.perform(get(url).session(session(user)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private long commitAuditRows(long batch) {
        return jdbc.sql("select count(*) from audit_log where action = 'IMPORT_COMMIT' and target_id = :id")
                .param("id", String.valueOf(batch))
                .query(Long.class)
                .single();
    }

    private long projects(String prefix) {
        return jdbc.sql("select count(*) from project where name like :p")
                .param("p", prefix + "%")
                .query(Long.class)
                .single();
    }

    @Test
    void uploadRedirectsToTheBatchWhosePageShowsTheReportThenTheCommitRunsTheSameWay() throws Exception {
        long batch = upload(ledger("进度测试甲"));
        awaitStatus(batch, "PREVIEWED");
        assertThat(projects("进度测试甲")).isZero();
        String preview = page("xiaoyi", "/ledger/" + batch);
        assertThat(preview)
                .contains("data-testid=\"import-summary\"")
                .contains("共 3 行：新增 2，更新 0，无变化 0，拒绝 1")
                .contains("进度测试甲越权项目")
                .contains("data-testid=\"commit\"")
                .doesNotContain("data-testid=\"import-progress\"");
        // the API shows the same batch, to its owner only
        mvc.perform(get("/api/v1/ledger/" + batch).header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(jsonPath("$.status").value("PREVIEWED"))
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.results.length()").value(3))
                .andExpect(jsonPath("$.results[0].outcome").value("REJECT")) // the rows to fix come first
                .andExpect(jsonPath("$.results[1].outcome").value("CREATE"));
        mvc.perform(get("/api/v1/ledger/" + batch).header("Authorization", "Bearer demo-token-zhongyang"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/ledger/" + batch).session(session("zhongyang"))).andExpect(status().isNotFound());
        mvc.perform(post("/ledger/" + batch + "/commit")
                        .session(session("zhongyang"))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(statusOf(batch)).isEqualTo("PREVIEWED");

        mvc.perform(post("/ledger/" + batch + "/commit")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        awaitStatus(batch, "COMMITTED");
        assertThat(projects("进度测试甲")).isEqualTo(2);
        assertThat(page("xiaoyi", "/ledger/" + batch)).contains("已提交").contains("新增 2");
        // audited as the uploader, from the uploader's address, though it ran in the background
        assertThat(jdbc.sql("select username || ' ' || coalesce(client_ip, '-') from audit_log where action = "
                                + "'IMPORT_COMMIT' and target_id = :id")
                        .param("id", String.valueOf(batch))
                        .query(String.class)
                        .single())
                .isEqualTo("xiaoyi 127.0.0.1");
        // a second click starts nothing
        mvc.perform(post("/ledger/" + batch + "/commit")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jobs.isRunning(batch)).isFalse();
        assertThat(statusOf(batch)).isEqualTo("COMMITTED");
        assertThat(projects("进度测试甲")).isEqualTo(2);
        assertThat(commitAuditRows(batch)).isEqualTo(1);
        assertThat(page("xiaoyi", "/ledger")).contains("href=\"/ledger/" + batch + "\"");
    }

    @Test
    void theProgressCardShowsHowFarARunHasGotAndAnInterruptedRunCanBeRunAgain() throws Exception {
        long batch = upload(ledger("进度测试乙"));
        awaitStatus(batch, "PREVIEWED");
        Thread.sleep(1_100); // a heartbeat that read the run just before it ended has been written
        // as another instance would be showing it while it checks row 300 of 1,000
        jdbc.sql("update import_batch set status = 'PREVIEWING', report = null where id = :id")
                .param("id", batch)
                .update();
        jdbc.sql("update import_progress set phase = 'CHECKING', rows_done = 300, rows_total = 1000, "
                        + "heartbeat_at = now() where batch_id = :id")
                .param("id", batch)
                .update();
        var running = mvc.perform(get("/ledger/" + batch + "/progress").session(session("xiaoyi")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(running.getHeader("HX-Refresh")).isNull();
        assertThat(running.getContentAsString())
                .contains("正在逐行校验：300 / 1,000 行")
                .contains("aria-valuenow=\"30\"")
                .contains("hx-get=\"/ledger/" + batch + "/progress\"")
                .doesNotContain("<html");
        assertThat(page("xiaoyi", "/ledger/" + batch))
                .contains("data-testid=\"import-progress\"")
                .doesNotContain("data-testid=\"commit\"");
        mvc.perform(post("/ledger/" + batch + "/commit")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("还没有完成预览")));

        // its instance stopped answering a while ago: interrupted, and the polling page reloads to say so
        jdbc.sql("update import_progress set heartbeat_at = now() - interval '10 minutes' where batch_id = :id")
                .param("id", batch)
                .update();
        assertThat(mvc.perform(get("/ledger/" + batch + "/progress").session(session("xiaoyi")))
                        .andReturn()
                        .getResponse()
                        .getHeader("HX-Refresh"))
                .isEqualTo("true");
        assertThat(page("xiaoyi", "/ledger/" + batch))
                .contains("data-testid=\"import-stale\"")
                .contains("预览因服务器停止而中断");
        mvc.perform(post("/ledger/" + batch + "/rerun")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        awaitStatus(batch, "PREVIEWED");
        assertThat(page("xiaoyi", "/ledger/" + batch)).contains("新增 2");

        // a commit whose instance died wrote nothing (one transaction) and may be committed again
        jdbc.sql("update import_batch set status = 'COMMITTING' where id = :id")
                .param("id", batch)
                .update();
        jdbc.sql("update import_progress set heartbeat_at = now() - interval '10 minutes' where batch_id = :id")
                .param("id", batch)
                .update();
        assertThat(page("xiaoyi", "/ledger/" + batch)).contains("提交因服务器停止而中断");
        mvc.perform(post("/ledger/" + batch + "/commit")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        awaitStatus(batch, "COMMITTED");
        assertThat(projects("进度测试乙")).isEqualTo(2);
    }

    @Test
    void aCommitTheDatabaseRefusesGoesBackToPreviewedWithItsReasonAndCanBeTriedAgain() throws Exception {
        long batch = upload(ledger("进度测试戊"));
        awaitStatus(batch, "PREVIEWED");
        byte[] kept = jdbc.sql("select content from import_batch where id = :id")
                .param("id", batch)
                .query(byte[].class)
                .single();
        // the kept file is damaged under the batch (as if the row had been tampered with): the commit must fail whole
        jdbc.sql("update import_batch set content = :c where id = :id")
                .param("c", "not a workbook".getBytes())
                .param("id", batch)
                .update();
        mvc.perform(post("/ledger/" + batch + "/commit")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        awaitStatus(batch, "PREVIEWED");
        assertThat(projects("进度测试戊")).isZero();
        assertThat(jdbc.sql("select error from import_batch where id = :id")
                        .param("id", batch)
                        .query(String.class)
                        .single())
                .contains("不是有效的 .xlsx");
        assertThat(page("xiaoyi", "/ledger/" + batch))
                .contains("data-testid=\"commit-error\"")
                .contains("data-testid=\"commit\"");
        jdbc.sql("update import_batch set content = :c where id = :id")
                .param("c", kept)
                .param("id", batch)
                .update();
        mvc.perform(post("/ledger/" + batch + "/commit")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        awaitStatus(batch, "COMMITTED");
        assertThat(projects("进度测试戊")).isEqualTo(2);
        assertThat(page("xiaoyi", "/ledger/" + batch)).doesNotContain("data-testid=\"commit-error\"");
    }

    @Test
    void aBatchWhoseRowIsLockedByARunningCommitIsNotClaimedAgainHoweverOldItsHeartbeat() throws Exception {
        long batch = upload(ledger("进度测试己"));
        awaitStatus(batch, "PREVIEWED");
        Thread.sleep(1_100);
        jdbc.sql("update import_batch set status = 'COMMITTING' where id = :id")
                .param("id", batch)
                .update();
        jdbc.sql("update import_progress set heartbeat_at = now() - interval '10 minutes' where batch_id = :id")
                .param("id", batch)
                .update();
        int attempt = jdbc.sql("select attempt from import_batch where id = :id")
                .param("id", batch)
                .query(Integer.class)
                .single();
        // a commit in progress elsewhere holds the batch row for as long as it runs
        var locked = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = new Thread(() -> new TransactionTemplate(tx).executeWithoutResult(s -> {
            jdbc.sql("select id from import_batch where id = :id for update")
                    .param("id", batch)
                    .query(Long.class)
                    .single();
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            long t = System.nanoTime();
            mvc.perform(post("/ledger/" + batch + "/commit")
                            .session(session("xiaoyi"))
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());
            // answered at once rather than waiting for the lock, and nothing was started
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t)).isLessThan(10);
            assertThat(jobs.isRunning(batch)).isFalse();
        } finally {
            release.countDown();
            holder.join();
        }
        assertThat(jdbc.sql("select attempt from import_batch where id = :id")
                        .param("id", batch)
                        .query(Integer.class)
                        .single())
                .isEqualTo(attempt);
        assertThat(statusOf(batch)).isEqualTo("COMMITTING");
        // once the row is free and the heartbeat still old, the commit is claimed (next attempt) and runs
        mvc.perform(post("/ledger/" + batch + "/commit")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        awaitStatus(batch, "COMMITTED");
        assertThat(jdbc.sql("select attempt from import_batch where id = :id")
                        .param("id", batch)
                        .query(Integer.class)
                        .single())
                .isEqualTo(attempt + 1);
        assertThat(projects("进度测试己")).isEqualTo(2);
    }

    @Test
    void aFileThatPassesTheQuickCheckButHasNoHeaderEndsAsFailedWithTheReason() throws Exception {
        long batch = upload(noHeader());
        awaitStatus(batch, "FAILED");
        assertThat(page("xiaoyi", "/ledger/" + batch))
                .contains("data-testid=\"import-failed\"")
                .contains("前 10 行中没有找到表头");
        mvc.perform(post("/ledger/" + batch + "/commit")
                        .session(session("xiaoyi"))
                        .with(csrf()))
                .andExpect(status().isOk());
        assertThat(statusOf(batch)).isEqualTo("FAILED");
    }

    @Test
    void theHistoryListsTheUsersOwnImportsFoundByFileNameAndStatusSortedByAColumn() throws Exception {
        long small = upload(ledger("进度测试丁"), "历史检索_少.xlsx");
        awaitStatus(small, "PREVIEWED");
        long failed = upload(noHeader(), "历史检索_坏.xlsx");
        awaitStatus(failed, "FAILED");
        String both = page("xiaoyi", "/ledger?q=历史检索&sort=status&dir=asc");
        assertThat(both).contains("/ledger/" + small + "\"").contains("/ledger/" + failed + "\"");
        // sorted by status ascending: FAILED before PREVIEWED
        assertThat(both.indexOf("/ledger/" + failed + "\"")).isLessThan(both.indexOf("/ledger/" + small + "\""));
        assertThat(page("xiaoyi", "/ledger?q=历史检索&sort=status&dir=desc").indexOf("/ledger/" + small + "\""))
                .isLessThan(
                        page("xiaoyi", "/ledger?q=历史检索&sort=status&dir=desc").indexOf("/ledger/" + failed + "\""));
        assertThat(page("xiaoyi", "/ledger?q=历史检索&status=FAILED"))
                .contains("/ledger/" + failed + "\"")
                .doesNotContain("/ledger/" + small + "\"");
        // "_" is a character here, not a wildcard
        assertThat(page("xiaoyi", "/ledger?q=历史检索_坏"))
                .contains("/ledger/" + failed + "\"")
                .doesNotContain("/ledger/" + small + "\"");
        assertThat(mvc.perform(get("/ledger").param("q", "历史检索%少").session(session("xiaoyi")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("没有符合条件的导入记录"); // nor is "%"
        assertThat(page("zhongyang", "/ledger?q=历史检索"))
                .doesNotContain("/ledger/" + small + "\"")
                .contains("没有符合条件的导入记录");
    }

    private static byte[] noHeader() throws Exception {
        var out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        wb.newWorksheet("杂项").value(0, 0, "这不是台账");
        wb.finish();
        return out.toByteArray();
    }

    @Test
    void aRunningImportBeatsWithItsProgressAndRunsAsTheUserWhoStartedIt() throws Exception {
        long batch = upload(ledger("进度测试丙"));
        awaitStatus(batch, "PREVIEWED");
        var release = new CountDownLatch(1);
        var user = new AtomicReference<String>();
        var progress = new ImportProgress();
        var auth = new TestingAuthenticationToken("xiaoyi", null);
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            jobs.submit(batch, progress, () -> {
                user.set(SecurityContextHolder.getContext().getAuthentication().getName());
                progress.phase(ImportProgress.Phase.CHECKING, 1000);
                progress.done(700);
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(jobs.isRunning(batch)).isTrue();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String seen = "";
        while (!seen.equals("CHECKING 700/1000") && System.nanoTime() < until) {
            Thread.sleep(100);
            seen = jdbc.sql("select phase || ' ' || rows_done || '/' || rows_total from import_progress "
                            + "where batch_id = :id")
                    .param("id", batch)
                    .query(String.class)
                    .single();
        }
        assertThat(seen).isEqualTo("CHECKING 700/1000");
        assertThat(user.get()).isEqualTo("xiaoyi");
        release.countDown();
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jobs.isRunning(batch) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(jobs.isRunning(batch)).isFalse();
    }
}
