package cn.yinfeng.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a list's pager shows: the total ("共 12,345 条", or "约 …" when only estimated), page numbers around the
 * current one with gaps, previous and next, the page sizes and a "go to page" box. Links are built here from the
 * list's base URL so that every list's pager reads the same; a page number beyond {@code jumpPages} has no link
 * (it is reached by next/previous only, see docs/features/lists.md).
 *
 * @param base the list URL with its filters and sort, ending in {@code ?} or {@code &}
 * @param hidden the parameters of {@code base} as name/value pairs, for the go-to form
 */
public record Pager(
        long total,
        boolean exact,
        int page,
        int pages,
        int size,
        List<Integer> sizes,
        String prev,
        String next,
        List<Link> links,
        int jumpPages,
        String base,
        List<Map.Entry<String, String>> hidden,
        String jumpParam) {

    /** A page number (or a gap when {@code href} and {@code number} are both absent). */
    public record Link(Integer number, String href, boolean current) {

        public boolean gap() {
            return number == null;
        }
    }

    /**
     * @param page 1-based current page
     * @param prevHref the previous page's link (null on page 1)
     * @param nextHref the next page's link (null on the last page)
     * @param jumpPages how many leading pages can be opened by number
     */
    public static Pager of(
            String base,
            List<Map.Entry<String, String>> hidden,
            long total,
            boolean exact,
            int page,
            int size,
            List<Integer> sizes,
            String prevHref,
            String nextHref,
            int jumpPages) {
        return build(base, hidden, total, exact, page, size, sizes, prevHref, nextHref, jumpPages, 0, "page");
    }

    /**
     * The pager of a {@link PageResult} list, whose {@code page} parameter counts from 0: every page is reached by
     * number (the go-to box sends {@code pageNo}, counted from 1, which such a list's page reads).
     */
    public static Pager of(PageResult<?> r, String base, List<Map.Entry<String, String>> hidden, List<Integer> sizes) {
        int page = r.page() + 1;
        return build(
                base,
                hidden,
                r.total(),
                true,
                page,
                r.size(),
                sizes,
                page > 1 ? base + "page=" + (page - 2) : null,
                r.hasNext() ? base + "page=" + page : null,
                r.pages(),
                1,
                "pageNo");
    }

    private static Pager build(
            String base,
            List<Map.Entry<String, String>> hidden,
            long total,
            boolean exact,
            int page,
            int size,
            List<Integer> sizes,
            String prevHref,
            String nextHref,
            int jumpPages,
            int shift,
            String jumpParam) {
        int pages = (int) Math.max(1, (total + size - 1) / size);
        int reachable = Math.min(pages, Math.max(1, jumpPages));
        var links = new ArrayList<Link>();
        int from = Math.max(1, page - 2);
        int to = Math.min(pages, page + 2);
        if (from > 1) {
            links.add(link(base, 1, page, reachable, shift));
            if (from > 2) {
                links.add(new Link(null, null, false));
            }
        }
        for (int n = from; n <= to; n++) {
            if (n == page) {
                links.add(new Link(n, null, true));
            } else if (n == page - 1 && prevHref != null) {
                links.add(new Link(n, prevHref, false));
            } else if (n == page + 1 && nextHref != null) {
                links.add(new Link(n, nextHref, false));
            } else {
                links.add(link(base, n, page, reachable, shift));
            }
        }
        if (to < pages) {
            if (to < pages - 1) {
                links.add(new Link(null, null, false));
            }
            if (exact) {
                links.add(link(base, pages, page, reachable, shift));
            }
        }
        return new Pager(
                total, exact, page, pages, size, sizes, prevHref, nextHref, links, reachable, base, hidden, jumpParam);
    }

    private static Link link(String base, int n, int page, int reachable, int shift) {
        return new Link(n, n <= reachable ? base + "page=" + (n - shift) : null, n == page);
    }

    /** The link of a page size (back to page 1). */
    public String sizeHref(int s) {
        return base + "size=" + s;
    }

    /**
     * The non-empty request parameters except {@code skip} (paging, sort, language, CSRF), in request order: what a
     * list's filter is, for links, hidden form fields and saved filters.
     */
    public static List<Map.Entry<String, String>> params(Map<String, String[]> request, java.util.Set<String> skip) {
        var out = new ArrayList<Map.Entry<String, String>>();
        request.forEach((name, values) -> {
            if (!skip.contains(name)) {
                for (String v : values) {
                    if (v != null && !v.isBlank()) {
                        out.add(Map.entry(name, v));
                    }
                }
            }
        });
        return out;
    }

    /** Query parameters as a URL's tail: {@code a=1&b=2&}, encoded. */
    public static String query(java.util.Collection<? extends Map.Entry<String, String>> params) {
        var q = new StringBuilder();
        for (var e : params) {
            q.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .append('&');
        }
        return q.toString();
    }
}
