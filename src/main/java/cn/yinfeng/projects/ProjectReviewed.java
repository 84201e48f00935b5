package cn.yinfeng.projects;

import org.jspecify.annotations.Nullable;

/**
 * Published inside the reviewing transaction for each review step on one project: a county submits it, the city
 * approves it or returns it with an opinion. Other modules tell the people concerned (the county's staff, the
 * city's reviewers); a batch of steps publishes one event per project.
 *
 * @param action {@code SUBMIT}, {@code APPROVE} or {@code RETURN}
 * @param submitterId the user who last submitted the project (for an approval or a return: who is waiting for it)
 */
public record ProjectReviewed(
        long projectId,
        String projectCode,
        String projectName,
        long regionId,
        String regionName,
        String action,
        long actorId,
        @Nullable String opinion,
        @Nullable Long submitterId) {}
