package cn.yinfeng.projects;

/**
 * Published inside the writer's transaction by every write that changes a project (its fields, stage, review,
 * funds, follow-ups, investors; one per project of a batch), so that other modules react once it has committed.
 */
public record ProjectChanged(long projectId) {}
