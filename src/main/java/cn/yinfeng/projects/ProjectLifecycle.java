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
 * held, resumed and terminated (with the city's reason, see {@link LossReasons}). Each step is a transition with its business date, takes the project back to draft
 * and is audited.
 */
@Service
public class ProjectLifecycle {

    /** A step; {@code reason}: the city's reason code of a hold or termination (null otherwise). */
    public record Transition(
            long id, Stage from, Stage to, LocalDate on, String actor, String reason, String note, Instant at) {}

    private final ProjectWrites writes;
    private final AuditLog audit;
    private final LossReasons reasons;

    ProjectLifecycle(ProjectWrites writes, AuditLog audit, LossReasons reasons) {
        this.writes = writes;
        this.audit = audit;
        this.reasons = reasons;
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

    /**
     * 暂缓: the project waits, for one of the city's reasons ({@code reason}, a code of {@link LossReasons}) with a
     * note; {@link #resume} brings it back to the stage it had.
     */
    @Transactional
    public boolean hold(long id, long version, LocalDate on, String reason, String note) {
        YinfengUser user = writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        requireReason(reason, note);
        if (!p.stage().onMainLine()) {
            throw new InvalidInputException("stage", "stage.notActive");
        }
        String set = "held_stage = stage, stage = 'SUSPENDED', hold_reason = :r, loss_reason = :lr";
        step(id, user, p.stage(), Stage.SUSPENDED, on, reason, note, set);
        return p.reviewStatus() == ReviewStatus.SUBMITTED;
    }

    @Transactional
    public boolean resume(long id, long version, LocalDate on, String note) {
        YinfengUser user = writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        if (p.stage() != Stage.SUSPENDED || p.heldStage() == null) {
            throw new InvalidInputException("stage", "stage.notSuspended");
        }
        String set = "stage = held_stage, held_stage = null, hold_reason = null, loss_reason = null";
        step(id, user, Stage.SUSPENDED, p.heldStage(), on, null, note, set);
        return p.reviewStatus() == ReviewStatus.SUBMITTED;
    }

    /** 终止 (退库): final; the reason and the note are kept. */
    @Transactional
    public boolean terminate(long id, long version, LocalDate on, String reason, String note) {
        YinfengUser user = writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        requireReason(reason, note);
        if (p.stage() == Stage.TERMINATED) {
            throw new InvalidInputException("stage", "stage.terminated");
        }
        String set = "held_stage = null, stage = 'TERMINATED', hold_reason = :r, loss_reason = :lr";
        step(id, user, p.stage(), Stage.TERMINATED, on, reason, note, set);
        return p.reviewStatus() == ReviewStatus.SUBMITTED;
    }

    /**
     * Gives a project already held or ended the reason it lacks or corrects it (a hold recorded before the list, or
     * read from a ledger that named none). Back to draft like every change; audited with the old and new reason.
     */
    @Transactional
    public void explain(long id, long version, String reason, String note) {
        writes.requireWriter();
        Project p = writes.lockForWrite(id, version);
        if (p.stage().onMainLine()) {
            throw new InvalidInputException("stage", "loss.notLost");
        }
        requireReason(reason, note);
        writes.backToDraft(
                id,
                "loss_reason = :lr, hold_reason = :r",
                Map.of("lr", reason.trim(), "r", note == null ? "" : note.trim()));
        audit.record(
                "PROJECT_LOSS_REASON",
                "project",
                id,
                Outcome.SUCCESS,
                reasonName(p.lossReason()) + " → " + reasonName(reason.trim()));
        writes.changed(id);
    }

    /**
     * Holds, resumes or terminates: the date checked, the row set ({@code :r} is the note, {@code :lr} the reason),
     * the transition kept with both, the step audited and published.
     */
    private void step(
            long id, YinfengUser user, Stage from, Stage to, LocalDate on, String reason, String note, String set) {
        ProjectWrites.requireDate(on, writes.today());
        var params = new HashMap<String, Object>();
        params.put("r", note == null ? "" : note.trim());
        params.put("lr", reason == null ? null : reason.trim());
        writes.backToDraft(id, set, params);
        writes.recordTransition(id, from, to, on, user, note, reason == null ? null : reason.trim());
        String why =
                reason == null ? "" : ": " + reason.trim() + (note == null || note.isBlank() ? "" : " " + note.trim());
        audit.record("PROJECT_STAGE", "project", id, Outcome.SUCCESS, from + " -> " + to + why);
        writes.changed(id);
    }

    private String reasonName(String code) {
        return code == null
                ? "—"
                : reasons.find(code).map(LossReasons.LossReason::name).orElse(code);
    }

    private void requireReason(String reason, String note) {
        var problems = reasons.check(reason, note, "reason", "note");
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
