package cn.yinfeng.projects;

/**
 * Published inside the writer's transaction by every write through the projects API that changes a project (its
 * fields, stage, review, funds, follow-ups, investors), so that other modules react once it has committed. A bulk
 * {@link ProjectBatch} of new projects publishes none: those are left to the next periodic evaluation.
 */
public record ProjectChanged(long projectId) {}
