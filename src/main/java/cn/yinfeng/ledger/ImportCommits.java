package cn.yinfeng.ledger;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.ledger.ImportBatches.Status;
import cn.yinfeng.ledger.Imports.Report;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The commit of a previewed import: what its dry run decided is written when nothing changed since, else the file
 * the dry run read runs again, and its accepted rows are kept, all in one transaction with the batch's new status and its audit row, either in the request (the API) or in the background
 * (the page, with progress). The batch's states are {@link ImportBatches}'.
 */
@Service
public class ImportCommits {

    private static final Logger LOG = LoggerFactory.getLogger(ImportCommits.class);

    private final ImportRunner runner;
    private final ImportBatches batches;
    private final ImportQueue queue;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final TransactionTemplate outer;

    ImportCommits(
            ImportRunner runner,
            ImportBatches batches,
            ImportQueue queue,
            CurrentUser currentUser,
            AuditLog audit,
            PlatformTransactionManager tx) {
        this.runner = runner;
        this.batches = batches;
        this.queue = queue;
        this.currentUser = currentUser;
        this.audit = audit;
        this.outer = new TransactionTemplate(tx);
    }

    /**
     * Applies the previewed file's accepted rows in one transaction, together with the batch's status and audit row;
     * only its own uploader may commit it, once (the batch row is locked, so two clicks cannot both apply it). Should
     * the ledger change under the commit so that a write fails (another import took a code, say), nothing is written
     * and the batch stays previewed, to be committed again.
     */
    public Report commit(long batchId, Locale locale) {
        return commit(batchId, locale, ImportProgress.NONE, null);
    }

    /**
     * Starts the commit of a previewed batch in the background (the page). A batch already committing or committed
     * is left alone (a second click); one whose commit died with its instance (nothing was written: the commit is one
     * transaction) is committed again. A batch with nothing to create or update is refused.
     */
    public void startCommit(long batchId, Locale locale) {
        currentUser.requireStaff("imports need county or city staff");
        long user = currentUser.require().id();
        if (batches.nothingToCommit(batchId, user)) {
            throw new InvalidInputException(null, "import.nothingToCommit");
        }
        Integer attempt = batches.claim(batchId, user, Status.PREVIEWED, Status.COMMITTING, null);
        if (attempt == null) {
            Status status = batches.status(batchId, user).orElseThrow(() -> new NotFoundException("import", batchId));
            if (status == Status.COMMITTING || status == Status.COMMITTED) {
                return;
            }
            throw new InvalidInputException(null, "import.notPreviewed");
        }
        queue.queue(
                batchId,
                attempt,
                Status.COMMITTING,
                Status.PREVIEWED,
                locale,
                p -> runCommit(batchId, attempt, locale, p));
    }

    private void runCommit(long batchId, int attempt, Locale locale, ImportProgress progress) {
        queue.guarded(
                batchId,
                attempt,
                Status.COMMITTING,
                Status.PREVIEWED,
                locale,
                "import.commitFailed",
                () -> commit(batchId, locale, progress, attempt));
    }

    /** The commit; {@code attempt} is the run's own (a background run), or null for the API's commit in the request. */
    private Report commit(long batchId, Locale locale, ImportProgress progress, Integer attempt) {
        currentUser.requireStaff("imports need county or city staff");
        try {
            return outer.execute(status -> commitInTransaction(batchId, locale, progress, attempt));
        } catch (DataIntegrityViolationException e) {
            LOG.warn(
                    "Import {} not committed: {}",
                    batchId,
                    e.getMostSpecificCause().getMessage());
            // a code or credit code taken meanwhile is worth another try; anything else would fail the same way again
            throw new InvalidInputException(
                    null, e instanceof DuplicateKeyException ? "import.commitClash" : "import.commitFailed");
        }
    }

    private Report commitInTransaction(long batchId, Locale locale, ImportProgress progress, Integer attempt) {
        var locked = batches.lock(batchId, currentUser.require().id())
                .orElseThrow(() -> new NotFoundException("import", batchId));
        if (locked.status() == Status.COMMITTED) {
            throw new InvalidInputException(null, "import.alreadyCommitted");
        }
        if (locked.status() != Status.PREVIEWED && locked.status() != Status.COMMITTING) {
            throw new InvalidInputException(null, "import.notPreviewed");
        }
        if (attempt != null && locked.attempt() != attempt) {
            LOG.info("Import {}: commit attempt {} was taken over by a later one", batchId, attempt);
            throw new InvalidInputException(null, "import.alreadyCommitted");
        }
        ImportBatches.Stored b = locked.stored();
        Report report = runner.commit(batchId, b, locale, progress, attempt != null);
        if (report.created() + report.updated() == 0) {
            // nothing would be written: the batch stays previewed (its rows' reasons are on its page)
            throw new InvalidInputException(null, "import.nothingToCommit");
        }
        batches.committed(batchId, report, Imports.JSON.writeValueAsString(Imports.shown(report.results())));
        audit.record(
                "IMPORT_COMMIT",
                "import_batch",
                batchId,
                Outcome.SUCCESS,
                b.kind() + " created=" + report.created() + " updated=" + report.updated() + " rejected="
                        + report.rejected());
        return new Report(
                batchId,
                b.kind(),
                b.fileName(),
                report.rows(),
                report.created(),
                report.updated(),
                report.unchanged(),
                report.rejected(),
                report.results(),
                true,
                report.sheet());
    }
}
