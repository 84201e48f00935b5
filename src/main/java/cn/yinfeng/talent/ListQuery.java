package cn.yinfeng.talent;

/** A list's search: free text, a region subtree, a year, the sort column and direction, a page. */
public record ListQuery(String q, Long regionId, Integer year, String sort, String dir, Integer page, Integer size) {

    public int pageOrZero() {
        return page == null || page < 0 ? 0 : page;
    }

    public int sizeOrDefault() {
        return size == null || size < 1 ? 20 : Math.min(size, 200);
    }

    public boolean asc() {
        return "asc".equals(dir);
    }
}
