package cn.yinfeng.audit;

/**
 * Published for every successful audited action, inside the writer's transaction when there is one: other modules
 * react to changes of a record (e.g. supervision re-evaluates a project's warnings after commit) without each writer
 * having to know them.
 */
public record AuditRecorded(String action, String targetType, String targetId) {}
