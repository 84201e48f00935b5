package cn.yinfeng.activities;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.accounts.CurrentUser;
import cn.yinfeng.regions.Regions;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every activity page shows around its record: the regions, statuses, kinds and leaders to choose from. */
@ControllerAdvice(
        assignableTypes = {
            ActivityPages.class,
            TripPages.class,
            DelegationPages.class,
            TalkPages.class,
            EventPages.class,
            ProjectLinkPages.class
        })
class ActivityPageModel {

    private final ActivitySupport support;
    private final Regions regions;
    private final CurrentUser currentUser;
    private final Accounts accounts;

    ActivityPageModel(ActivitySupport support, Regions regions, CurrentUser currentUser, Accounts accounts) {
        this.support = support;
        this.regions = regions;
        this.currentUser = currentUser;
        this.accounts = accounts;
    }

    @ModelAttribute
    void common(Model model) {
        if (currentUser.get().isPresent()) {
            model.addAttribute("regions", regions.visible(currentUser.scope()));
            model.addAttribute("canWrite", support.canWrite());
            model.addAttribute("statuses", ActivityStatus.values());
            model.addAttribute("eventKinds", Events.EventKind.values());
            model.addAttribute("leaders", accounts.leaders(currentUser.scope()));
        }
    }
}
