package cn.yinfeng.prefs;

/** A column the chooser offers: its key (saved when hidden) and the message key of its label. */
public record ListColumn(String key, String labelKey) {}
