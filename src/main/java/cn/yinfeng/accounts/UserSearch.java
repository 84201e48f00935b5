package cn.yinfeng.accounts;

/** Filters and sort of the user list; every field optional. */
public record UserSearch(String q, Long regionId, Role role, String sort, boolean desc) {

    public UserSearch {
        q = q == null || q.isBlank() ? null : q.trim();
    }
}
