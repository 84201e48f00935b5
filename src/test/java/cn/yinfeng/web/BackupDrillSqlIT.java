package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.audit.AuditQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The backup drill (ops/backup-restore-drill.sh) checks a restored audit chain with ops/audit-chain-check.sql: the
 * SQL must agree with the Java verification row for row, or a drill could pass a broken chain or fail a good one.
 */
class BackupDrillSqlIT extends IntegrationTest {

    @Autowired
    AuditQueries audit;

    @Test
    void theDrillsSqlChainCheckAgreesWithTheApplication() throws Exception {
        // rows with every kind of value: nulls, Chinese text, times with and without fractions
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/me")
                .header("Authorization", "Bearer not-a-token"));
        String sql = Files.readString(Path.of("ops/audit-chain-check.sql"));
        var row = jdbc.sql(sql).query((rs, n) -> new long[] {rs.getLong("checked"), rs.getLong("content_broken"),
                rs.getLong("link_broken")}).single();
        var verification = audit.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(row[0]).isEqualTo(verification.rowsChecked()).isGreaterThan(10);
        assertThat(row[1]).isZero();
        assertThat(row[2]).isZero();
    }
}
