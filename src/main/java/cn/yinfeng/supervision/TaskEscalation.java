package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.projects.Projects;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An open task past its deadline escalates one level up the region tree every
 * {@code yinfeng.supervision.escalate-every-days} days, notifying the staff there and the issuer.
 */
@Service
class TaskEscalation {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Regions regions;
    private final AuditLog audit;
    private final Inbox inbox;
    private final TaskEvents events;
    private final int escalateEveryDays;
    private final Accounts accounts;

    TaskEscalation(
            JdbcClient jdbc,
            Clock clock,
            Regions regions,
            AuditLog audit,
            Inbox inbox,
            TaskEvents events,
            @Value("${yinfeng.supervision.escalate-every-days:3}") int escalateEveryDays,
            Accounts accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.regions = regions;
        this.audit = audit;
        this.inbox = inbox;
        this.events = events;
        this.escalateEveryDays = escalateEveryDays;
        this.accounts = accounts;
    }

    /**
     * Open tasks past their deadline move one level up the tree (the parent of the region they last reached), at
     * most once every {@code escalateEveryDays}; the staff and leaders of that region and the issuer are told.
     * Returns how many escalated. Runs from the scheduler, without a user.
     */
    @Transactional
    public int escalateOverdue() {
        LocalDate today = LocalDate.now(clock.withZone(Projects.ZONE));
        var due = jdbc.sql("""
                select t.id, t.code, t.title, t.issuer_id, t.escalation_level, r.path
                  from supervision_task t join region r on r.id = t.assignee_region_id
                 where t.status = 'OPEN' and t.deadline < :today
                   and (t.escalated_on is null or t.escalated_on <= :again)
                """)
                .param("today", today)
                .param("again", today.minusDays(escalateEveryDays))
                .query()
                .listOfRows();
        int n = 0;
        for (var row : due) {
            if (escalate(row, today)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Open tasks due within {@code remindDays} days (today included) remind their assignee once: the task
     * remembers the day it did ({@code deadline_reminded_on}), so a second run the same or a later day is silent.
     * Returns how many tasks reminded.
     */
    @Transactional
    public int remindDueSoon(int remindDays) {
        LocalDate today = LocalDate.now(clock.withZone(Projects.ZONE));
        var due = jdbc.sql("""
                update supervision_task set deadline_reminded_on = :today
                 where status = 'OPEN' and deadline >= :today and deadline <= :until
                   and deadline_reminded_on is null
                returning id, code, title, deadline, assignee_user_id, assignee_region_id
                """)
                .param("today", today)
                .param("until", today.plusDays(remindDays))
                .query()
                .listOfRows();
        for (var row : due) {
            long id = ((Number) row.get("id")).longValue();
            Object user = row.get("assignee_user_id");
            List<Long> to = user != null
                    ? accounts.enabledWithRole(List.of(((Number) user).longValue()), EnumSet.allOf(Role.class))
                    : accounts.enabledOfRegion(
                            ((Number) row.get("assignee_region_id")).longValue(),
                            EnumSet.of(Role.COUNTY_STAFF, Role.CITY_STAFF));
            for (long u : to) {
                inbox.notify(
                        u,
                        "TASK",
                        "inbox.taskDueSoon",
                        List.of(row.get("code"), row.get("title"), String.valueOf(row.get("deadline"))),
                        "/supervision/tasks/" + id);
            }
        }
        return due.size();
    }

    /** One level up from where the task last reached; false when it is already at the top of the tree. */
    private boolean escalate(Map<String, Object> row, LocalDate today) {
        long id = ((Number) row.get("id")).longValue();
        int level = ((Number) row.get("escalation_level")).intValue() + 1;
        // the region "level" steps above the assignee's: path /1/7/19/ has ancestors 7 then 1
        String[] ids = ((String) row.get("path")).split("/");
        int index = ids.length - 1 - level; // ids[0] is ""
        if (index < 1) {
            return false; // already at the top of the tree
        }
        long target = Long.parseLong(ids[index]);
        jdbc.sql("update supervision_task set escalation_level = :l, escalated_on = :today, version = version + 1 "
                        + "where id = :id")
                .param("l", level)
                .param("today", today)
                .param("id", id)
                .update();
        String regionName = regions.find(target).map(Region::name).orElse("?");
        events.record(id, "ESCALATED", null, regionName);
        var told = new LinkedHashSet<Long>(
                accounts.enabledOfRegion(target, EnumSet.of(Role.CITY_STAFF, Role.LEADER, Role.COUNTY_STAFF)));
        told.add(((Number) row.get("issuer_id")).longValue());
        for (long u : told) {
            inbox.notify(
                    u,
                    "TASK",
                    "inbox.taskEscalated",
                    List.of(row.get("code"), row.get("title"), regionName),
                    "/supervision/tasks/" + id);
        }
        audit.record(
                null,
                "system",
                "TASK_ESCALATE",
                "supervision_task",
                id,
                Outcome.SUCCESS,
                row.get("code") + " -> " + regionName,
                null);
        return true;
    }
}
