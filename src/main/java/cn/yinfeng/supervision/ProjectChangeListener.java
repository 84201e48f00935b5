package cn.yinfeng.supervision;

import cn.yinfeng.audit.AuditRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** On change: once a write to a project has committed, its project rules are evaluated again. */
@Component
class ProjectChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ProjectChangeListener.class);

    private final Warnings warnings;

    ProjectChangeListener(Warnings warnings) {
        this.warnings = warnings;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AuditRecorded event) {
        if (!"project".equals(event.targetType()) || event.targetId() == null) {
            return;
        }
        try {
            warnings.evaluateProject(Long.parseLong(event.targetId()));
        } catch (NumberFormatException e) {
            // not a project id
        } catch (RuntimeException e) {
            // the change itself has committed; the scheduled evaluation will catch up
            log.warn("Warnings of project {} not evaluated: {}", event.targetId(), e.toString());
        }
    }
}
