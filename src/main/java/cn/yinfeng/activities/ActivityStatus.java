package cn.yinfeng.activities;

/** Every kind of activity is planned ahead or done; only done ones count, and a done one cannot lie ahead. */
public enum ActivityStatus {
    PLANNED,
    DONE
}
