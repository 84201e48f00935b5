package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.projects.CreditDecided;
import cn.yinfeng.projects.CreditRequested;
import cn.yinfeng.projects.ProjectCredits;
import java.util.List;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Split credit in the inbox: the attracting county's staff are asked to confirm a share once the project is
 * approved; the landing county's staff learn the answer, with the reason of a dispute. Written in the same
 * transaction as the approval or the answer, so a notice exists exactly when its cause does.
 */
@Component
class CreditNotices {

    private static final Set<Role> STAFF = Set.of(Role.COUNTY_STAFF, Role.CITY_STAFF);

    private final Inbox inbox;
    private final Accounts accounts;

    CreditNotices(Inbox inbox, Accounts accounts) {
        this.inbox = inbox;
        this.accounts = accounts;
    }

    @EventListener
    void on(CreditRequested e) {
        for (long user : accounts.enabledOfRegion(e.attractingRegionId(), STAFF)) {
            inbox.notify(
                    user,
                    "CREDIT",
                    "inbox.creditRequested",
                    List.of(
                            e.landingRegionName(),
                            e.projectName(),
                            e.share().stripTrailingZeros().toPlainString()),
                    "/projects/credits?side=ATTRACTING");
        }
    }

    @EventListener
    void on(CreditDecided e) {
        String key = e.decision() == ProjectCredits.State.DISPUTED ? "inbox.creditDisputed" : "inbox.creditConfirmed";
        for (long user : accounts.enabledOfRegion(e.landingRegionId(), STAFF)) {
            inbox.notify(
                    user,
                    "CREDIT",
                    key,
                    List.of(
                            e.attractingRegionName(),
                            e.projectName(),
                            e.share().stripTrailingZeros().toPlainString(),
                            e.note() == null ? "" : e.note()),
                    "/projects/" + e.projectId());
        }
    }
}
