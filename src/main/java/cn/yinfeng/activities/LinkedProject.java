package cn.yinfeng.activities;

/** A project a delegation or talk led to or served. */
public record LinkedProject(long id, String code, String name) {}
