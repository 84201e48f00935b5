package cn.yinfeng.projects;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Funds arrived (到位资金) per month and origin. A record counts once the project's next version is approved; an
 * approved record is kept when deleted (for "as of" figures). Each change takes the project back to draft.
 */
@Service
public class ProjectFunds {

    public record Fund(
            long id,
            YearMonth month,
            FundOrigin origin,
            BigDecimal amount,
            String note,
            Instant approvedAt,
            Instant recordedAt) {}

    private final ProjectWrites writes;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    ProjectFunds(ProjectWrites writes, JdbcClient jdbc, AuditLog audit) {
        this.writes = writes;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Records funds arrived in a month; they count once the project's next version is approved. */
    @Transactional
    public long addFund(long id, YearMonth month, FundOrigin origin, BigDecimal amount, String note) {
        return addFund(id, month, origin, amount, note, false);
    }

    /**
     * Records funds arrived in a month; {@code backfilled}: entered afterwards from an old ledger (补录), so once
     * approved the record counts "as of" the time before it was entered too.
     */
    @Transactional
    public long addFund(
            long id, YearMonth month, FundOrigin origin, BigDecimal amount, String note, boolean backfilled) {
        YinfengUser user = writes.requireWriter();
        writes.requireWritable(id);
        var problems = new ArrayList<Problem>();
        if (month == null) {
            problems.add(new Problem("month", "validation.required"));
        } else if (month.isAfter(YearMonth.from(writes.today()))) {
            problems.add(new Problem("month", "stage.dateFuture"));
        }
        if (origin == null) {
            problems.add(new Problem("origin", "validation.required"));
        }
        if (amount == null || amount.signum() <= 0) {
            problems.add(new Problem("amount", "validation.positive"));
        } else if (amount.scale() > 2) {
            problems.add(new Problem("amount", "validation.twoDecimals"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long fid = jdbc.sql("insert into project_fund (project_id, month, origin, amount, note, recorded_by, "
                        + "backfilled) values (:p, :m, :o, :a, :n, :u, :b) returning id")
                .param("b", backfilled)
                .param("p", id)
                .param("m", month.atDay(1))
                .param("o", origin.name())
                .param("a", amount)
                .param("n", ProjectWrites.blank(note))
                .param("u", user.id())
                .query(Long.class)
                .single();
        writes.backToDraft(id, "", Map.of());
        audit.record("PROJECT_FUND_ADD", "project", id, Outcome.SUCCESS, month + " " + origin + " " + amount);
        writes.changed(id);
        return fid;
    }

    @Transactional
    public void deleteFund(long id, long fundId) {
        writes.requireWriter();
        writes.requireWritable(id);
        // an approved record is kept for "as of" figures and marked deleted; a never-approved one goes
        int n = jdbc.sql("update project_fund set deleted_at = now() where id = :f and project_id = :p "
                        + "and approved_at is not null and deleted_at is null")
                .param("f", fundId)
                .param("p", id)
                .update();
        n += jdbc.sql("delete from project_fund where id = :f and project_id = :p and approved_at is null")
                .param("f", fundId)
                .param("p", id)
                .update();
        if (n == 0) {
            throw new NotFoundException("fund", fundId);
        }
        writes.backToDraft(id, "", Map.of());
        audit.record("PROJECT_FUND_DELETE", "project", id, Outcome.SUCCESS, "fund " + fundId);
        writes.changed(id);
    }
}
