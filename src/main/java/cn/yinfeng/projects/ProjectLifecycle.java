package cn.yinfeng.projects;

import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's way through its stages (the rules are {@link Lifecycle}'s): forward on the main line, dates corrected,
 * held, resumed and terminated. Each step is a transition with its business date, takes the project back to draft
 * and is audited.
 */
@Service
public class ProjectLifecycle {

    public record Transition(long id, Stage from, Stage to, LocalDate on, String actor, String note, Instant at) {}

    private final ProjectWrites writes;
    private final AuditLog audit;

    ProjectLifecycle(ProjectWrites writes, AuditLog audit) {
        this.writes = writes;
        this.audit = audit;
    }

    /**
     * Moves the project one stage forward on the main line, with the date it happened. Returns whether this withdrew a
     * submission (the project was waiting for review and is a draft again), so the page can say so.
     */
    @Transactional
    public boolean advance(long id, long version, Stage target, LocalDate on, String note) {
        YinfengUser user = writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        var problems = Lifecycle.checkAdvance(p.stage(), p.dates(), target, on, writes.today());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var params = new HashMap<String, Object>();
        params.put("stage", target.name());
        params.put("on", on);
        writes.backToDraft(
                id, "stage = :stage" + (target.dated() ? ", " + target.dateColumn() + " = :on" : ""), params);
        writes.recordTransition(id, p.stage(), target, on, user, note);
        audit.record("PROJECT_STAGE", "project", id, Outcome.SUCCESS, p.stage() + " -> " + target + " on " + on);
        writes.changed(id);
        return p.reviewStatus() == ReviewStatus.SUBMITTED;
    }

    /**
     * Corrects the dates of stages the project has already reached (a ledger that says it was signed on another day):
     * a date given for a stage it has not reached, a missing one, one in the future or out of order is the field's
     * error, as on the form. Back to draft like every change; audited with old and new dates.
     */
    @Transactional
    public void correctDates(long id, long version, StageDates dates) {
        writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        Stage line = p.stage().onMainLine() ? p.stage() : p.heldStage() != null ? p.heldStage() : p.stage();
        var problems = Lifecycle.checkState(line, dates, writes.today());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var params = new HashMap<String, Object>();
        ProjectColumns.putDates(params, dates);
        writes.backToDraft(
                id,
                "signed_on = :signedOn, registered_on = :registeredOn, started_on = :startedOn, "
                        + "producing_on = :producingOn, full_production_on = :fullProductionOn",
                params);
        audit.record("PROJECT_DATES", "project", id, Outcome.SUCCESS, p.dates() + " -> " + dates);
        writes.changed(id);
    }

    /** 暂缓: the project waits; {@link #resume} brings it back to the stage it had. */
    @Transactional
    public boolean hold(long id, long version, LocalDate on, String reason) {
        YinfengUser user = writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        requireReason(reason);
        if (!p.stage().onMainLine()) {
            throw new InvalidInputException("stage", "stage.notActive");
        }
        String set = "held_stage = stage, stage = 'SUSPENDED', hold_reason = :r";
        step(id, user, p.stage(), Stage.SUSPENDED, on, reason, set, p.stage() + " -> SUSPENDED: " + reason);
        return p.reviewStatus() == ReviewStatus.SUBMITTED;
    }

    @Transactional
    public boolean resume(long id, long version, LocalDate on, String note) {
        YinfengUser user = writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        if (p.stage() != Stage.SUSPENDED || p.heldStage() == null) {
            throw new InvalidInputException("stage", "stage.notSuspended");
        }
        String set = "stage = held_stage, held_stage = null, hold_reason = null";
        step(id, user, Stage.SUSPENDED, p.heldStage(), on, note, set, "SUSPENDED -> " + p.heldStage());
        return p.reviewStatus() == ReviewStatus.SUBMITTED;
    }

    /** 终止: final; the reason is kept. */
    @Transactional
    public boolean terminate(long id, long version, LocalDate on, String reason) {
        YinfengUser user = writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        requireReason(reason);
        if (p.stage() == Stage.TERMINATED) {
            throw new InvalidInputException("stage", "stage.terminated");
        }
        String set = "held_stage = null, stage = 'TERMINATED', hold_reason = :r";
        step(id, user, p.stage(), Stage.TERMINATED, on, reason, set, p.stage() + " -> TERMINATED: " + reason);
        return p.reviewStatus() == ReviewStatus.SUBMITTED;
    }

    /**
     * Holds, resumes or terminates: the date checked, the row set ({@code :r} is the note), the transition kept with
     * the note, the step audited and published.
     */
    private void step(
            long id, YinfengUser user, Stage from, Stage to, LocalDate on, String note, String set, String detail) {
        ProjectWrites.requireDate(on, writes.today());
        writes.backToDraft(id, set, Map.of("r", note == null ? "" : note.trim()));
        writes.recordTransition(id, from, to, on, user, note);
        audit.record("PROJECT_STAGE", "project", id, Outcome.SUCCESS, detail);
        writes.changed(id);
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "validation.required");
        }
    }
}
