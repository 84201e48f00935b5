package cn.yinfeng.supervision;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.projects.ProjectReviewed;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Review hand-offs in the inbox: a submission tells the city's reviewers, a return tells the submitter and the
 * county's staff with the opinion, an approval tells the submitter. Written in the reviewing transaction (like
 * {@link CreditNotices}), so a note exists exactly when the step does.
 */
@Component
class ReviewNotices {

    private final Inbox inbox;
    private final Accounts accounts;
    private final Regions regions;

    ReviewNotices(Inbox inbox, Accounts accounts, Regions regions) {
        this.inbox = inbox;
        this.accounts = accounts;
        this.regions = regions;
    }

    @EventListener
    void on(ProjectReviewed e) {
        String link = "/projects/" + e.projectId();
        Set<Long> to = new LinkedHashSet<>();
        String key;
        switch (e.action()) {
            case "SUBMIT" -> {
                key = "inbox.reviewSubmitted";
                Long city = regions.find(e.regionId()).map(Region::parentId).orElse(null);
                if (city != null) {
                    to.addAll(accounts.enabledOfRegion(city, Set.of(Role.CITY_STAFF)));
                }
            }
            case "RETURN" -> {
                key = "inbox.reviewReturned";
                if (e.submitterId() != null) {
                    to.add(e.submitterId());
                }
                to.addAll(accounts.enabledOfRegion(e.regionId(), Set.of(Role.COUNTY_STAFF)));
            }
            case "APPROVE" -> {
                key = "inbox.reviewApproved";
                if (e.submitterId() != null) {
                    to.add(e.submitterId());
                }
            }
            default -> {
                return;
            }
        }
        to.remove(e.actorId());
        List<Object> args =
                List.of(e.regionName(), e.projectName(), e.projectCode(), e.opinion() == null ? "" : e.opinion());
        for (long user : to) {
            inbox.notify(user, "REVIEW", key, args, link);
        }
    }
}
