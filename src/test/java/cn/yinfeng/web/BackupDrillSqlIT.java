package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.audit.AuditQueries;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The backup drill (ops/backup-restore-drill.sh) checks a restored audit chain with ops/audit-chain-check.sql
 * (links, old-rule rows) and ops/audit-chain-rows.sql (each row's hashed text, compared between source and copy and
 * HMAC-checked with the key outside the database): the SQL must agree with the Java verification row for row, or a
 * drill could pass a broken chain or fail a good one (checklist #19, #32).
 */
class BackupDrillSqlIT extends IntegrationTest {

    @Autowired
    AuditQueries audit;

    @Autowired
    DataSource dataSource;

    @Value("${yinfeng.audit.key}")
    String auditKey;

    @Test
    void theDrillsSqlChainCheckAgreesWithTheApplication() throws Exception {
        // rows with every kind of value: nulls, Chinese text, times with and without fractions
        mvc.perform(MockMvcRequestBuilders.get("/api/v1/me").header("Authorization", "Bearer not-a-token"));
        String sql = Files.readString(Path.of("ops/audit-chain-check.sql"));
        var row = jdbc.sql(sql)
                .query((rs, n) -> new long[] {
                    rs.getLong("checked"),
                    rs.getLong("content_broken"),
                    rs.getLong("link_broken"),
                    rs.getLong("rule_broken"),
                    rs.getLong("keyed")
                })
                .single();
        var verification = audit.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(row[0]).isEqualTo(verification.rowsChecked()).isGreaterThan(10);
        assertThat(row[1]).isZero();
        assertThat(row[2]).isZero();
        assertThat(row[3]).isZero();
        assertThat(row[4])
                .isEqualTo(jdbc.sql("select count(*) from audit_log where hash_rule = 2")
                        .query(Long.class)
                        .single())
                .isGreaterThan(10);
    }

    @Test
    void theDrillsRowTextIsWhatTheKeyedHashIsComputedOver() throws Exception {
        var out = new StringWriter();
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyOut(
                            Files.readString(Path.of("ops/audit-chain-rows.sql"))
                                    .replaceAll("(?m)^--.*$", "")
                                    .trim()
                                    .replaceAll(";$", ""),
                            out);
        }
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(auditKey), "HmacSHA256"));
        long keyed = 0;
        for (String line : out.toString().split("\n")) {
            String[] f = line.split("\\|", 4);
            if (f[1].equals("2")) {
                keyed++;
                String text = new String(Base64.getDecoder().decode(f[3]), StandardCharsets.UTF_8);
                assertThat(HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8))))
                        .as("row %s", f[0])
                        .isEqualTo(f[2].trim());
            }
        }
        assertThat(keyed).isGreaterThan(10);
    }
}
