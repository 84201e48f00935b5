package cn.yinfeng.regions;

/**
 * A node of the region tree.
 *
 * @param path ids from the root, e.g. {@code /1/7/}; a region's descendants are the rows whose path starts with it
 */
public record Region(
        long id,
        String code,
        String name,
        String shortName,
        RegionLevel level,
        Long parentId,
        String path,
        int sortOrder,
        long version) {

    /** Depth in the tree, 0 for the root. */
    public int depth() {
        return (int) path.chars().filter(c -> c == '/').count() - 2;
    }

    /** True when {@code other} is this region or lies below it. */
    public boolean covers(Region other) {
        return other.path.startsWith(path);
    }

    public String displayName() {
        return shortName == null || shortName.isBlank() ? name : shortName;
    }
}
