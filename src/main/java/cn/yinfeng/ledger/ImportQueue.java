package cn.yinfeng.ledger;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.ledger.ImportBatches.Status;
import java.util.ArrayList;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Puts a claimed attempt of a batch (a dry run or a commit) on the background queue and ends it cleanly whatever
 * happens: a full queue, the user's error or a failure each put the batch back in the state it came from, with the
 * reason the page shows, so a batch never looks as if it were still running.
 */
@Component
class ImportQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ImportQueue.class);

    private final ImportJobs jobs;
    private final ImportBatches batches;
    private final MessageSource messages;

    ImportQueue(ImportJobs jobs, ImportBatches batches, MessageSource messages) {
        this.jobs = jobs;
        this.batches = batches;
        this.messages = messages;
    }

    /** Queues a claimed run; a full queue puts the batch back to {@code back}, with the reason, and is thrown. */
    void queue(long batchId, int attempt, Status running, Status back, Locale locale, Consumer<ImportProgress> run) {
        var progress = new ImportProgress();
        try {
            jobs.submit(batchId, progress, () -> run.accept(progress));
        } catch (InvalidInputException e) {
            batches.failed(batchId, attempt, running, back, message(e, locale));
            throw e;
        }
    }

    /**
     * Runs attempt {@code attempt} in a worker. The user's error ends it in {@code back} with its message; anything
     * else (an {@link Error} too: out of memory on a huge file, say) with the message of {@code failedKey}.
     */
    void guarded(
            long batchId, int attempt, Status running, Status back, Locale locale, String failedKey, Runnable work) {
        try {
            work.run();
        } catch (InvalidInputException e) {
            batches.failed(batchId, attempt, running, back, message(e, locale));
        } catch (RuntimeException | Error e) {
            LOG.error("Import {} failed while {}", batchId, running, e);
            batches.failed(batchId, attempt, running, back, messages.getMessage(failedKey, null, locale));
        }
    }

    /** An error's messages in the user's language, as one line. */
    String message(InvalidInputException e, Locale locale) {
        var out = new ArrayList<String>();
        FormErrors.resolve(e, messages, locale).values().forEach(out::addAll);
        return String.join(" ", out);
    }
}
