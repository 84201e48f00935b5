package cn.yinfeng.workbench;

import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.YinfengUser;
import cn.yinfeng.approvals.MilestoneList;
import cn.yinfeng.common.Times;
import cn.yinfeng.projects.ProjectLookups;
import cn.yinfeng.projects.ProjectWork;
import cn.yinfeng.projects.ReviewStatus;
import cn.yinfeng.regions.Regions;
import cn.yinfeng.stats.Stats;
import cn.yinfeng.supervision.Deadlines;
import cn.yinfeng.supervision.Inbox;
import cn.yinfeng.supervision.SupervisionWork;
import cn.yinfeng.talent.Campaigns;
import cn.yinfeng.talent.ListQuery;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Home: the workbench of the signed-in user. Each section is one role's work, each item one click from where it is
 * done; a section a user has nothing in says so instead of disappearing, so that "nothing waits" is visible.
 */
@Controller
class WorkbenchController {

    /** The figures a leader sees first, in this order, when their catalogue has them. */
    static final List<String> LEADER_FIGURES =
            List.of("SIGNED_COUNT", "SIGNED_AMOUNT", "FUNDS", "START_RATE", "STARTED_COUNT", "PRODUCING_COUNT");

    private static final int SHORT = 6;

    private final CurrentUser currentUser;
    private final ProjectWork work;
    private final ProjectLookups lookups;
    private final Inbox inbox;
    private final SupervisionWork supervision;
    private final Stats stats;
    private final Regions regions;
    private final Campaigns campaigns;
    private final Clock clock;
    private final Deadlines deadlines;
    private final MilestoneList milestones;

    WorkbenchController(
            CurrentUser currentUser,
            ProjectWork work,
            ProjectLookups lookups,
            Inbox inbox,
            SupervisionWork supervision,
            Stats stats,
            Regions regions,
            Campaigns campaigns,
            Clock clock,
            Deadlines deadlines,
            MilestoneList milestones) {
        this.deadlines = deadlines;
        this.milestones = milestones;
        this.currentUser = currentUser;
        this.work = work;
        this.lookups = lookups;
        this.inbox = inbox;
        this.supervision = supervision;
        this.stats = stats;
        this.regions = regions;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(Model model, Locale locale) {
        YinfengUser me = currentUser.require();
        model.addAttribute("now", clock.instant());
        model.addAttribute("unread", inbox.unread(me.id()));
        model.addAttribute("notes", inbox.list(me.id(), true, 0, SHORT, locale).rows());
        model.addAttribute("myTasks", supervision.myOpenTasks(SHORT));
        boolean ledger = me.hasRole(Role.COUNTY_STAFF) || me.hasRole(Role.CITY_STAFF);
        if (ledger) {
            model.addAttribute("returned", work.inStatus(ReviewStatus.RETURNED, SHORT));
            model.addAttribute("drafts", work.inStatus(ReviewStatus.DRAFT, SHORT));
            model.addAttribute("stepsDue", work.stepsDue(7, SHORT));
            model.addAttribute("deadlinesDue", deadlines.dueWithin(7, SHORT));
            model.addAttribute("milestonesOverdue", milestones.overdueForMe(false, SHORT));
            model.addAttribute("milestonesHref", "/approvals?status=OVERDUE");
        }
        if (me.hasRole(Role.COUNTY_STAFF)) {
            model.addAttribute("waitingForCity", work.inStatus(ReviewStatus.SUBMITTED, SHORT));
        }
        if (me.hasRole(Role.CITY_STAFF)) {
            model.addAttribute("reviewQueue", work.reviewQueue());
            model.addAttribute("reviewOldest", work.inStatus(ReviewStatus.SUBMITTED, SHORT));
        }
        if (me.hasRole(Role.LEADER)) {
            leader(me, model);
            if (!ledger) {
                model.addAttribute("milestonesOverdue", milestones.overdueForMe(true, SHORT));
                model.addAttribute("milestonesHref", "/approvals?status=OVERDUE&leaderId=" + me.id());
            }
        }
        if (me.hasRole(Role.TALENT_OFFICER)) {
            model.addAttribute(
                    "campaigns",
                    campaigns
                            .campaigns(new ListQuery(null, null, null, "date", "desc", 0, SHORT))
                            .rows());
        }
        return "workbench/home";
    }

    private void leader(YinfengUser me, Model model) {
        var region = regions.find(me.region()).orElseThrow();
        YearMonth month = stats.latestMonth(region);
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        Stats.Summary summary = stats.summary(region.code(), month.withMonth(1), month, today);
        model.addAttribute("figuresPeriod", month);
        model.addAttribute(
                "figures",
                LEADER_FIGURES.stream()
                        .map(summary::get)
                        .filter(Objects::nonNull)
                        .toList());
        var own = lookups.ledBy(me.id(), 8);
        model.addAttribute("ownProjects", own);
        model.addAttribute(
                "ownLights",
                supervision.projectLights(
                        own.stream().map(ProjectLookups.LeaderProject::id).toList()));
        model.addAttribute("figuresRegion", region);
    }
}
