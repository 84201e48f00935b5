package cn.yinfeng.enterprises;

/** Published inside the merge transaction: every reference to {@code fromId} must now point to {@code intoId}. */
public record EnterprisesMerged(long fromId, long intoId) {}
