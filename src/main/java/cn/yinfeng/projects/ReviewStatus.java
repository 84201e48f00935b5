package cn.yinfeng.projects;

/** County drafts, submits; the city approves or returns with an opinion. Only approved versions count. */
public enum ReviewStatus {
    DRAFT,
    SUBMITTED,
    APPROVED,
    RETURNED
}
