package cn.yinfeng.projects;

import cn.yinfeng.common.Pager;
import cn.yinfeng.prefs.ListColumn;
import cn.yinfeng.prefs.ListPrefs;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The project list as people know lists: numbered pages with a total and a page size, the user's column choice and
 * saved filters, and an export of the current filter, sort and visible columns (see docs/features/lists.md).
 */
@Component
class ProjectListPage {

    static final String LIST_KEY = "projects";

    /** The columns the chooser offers; the name (with the code) is always shown. */
    static final List<ListColumn> COLUMNS = List.of(
            new ListColumn("region", "field.region"),
            new ListColumn("chain", "field.chain"),
            new ListColumn("stage", "field.stage"),
            new ListColumn("investment", "field.totalInvestmentYi"),
            new ListColumn("signed", "field.signedOn"),
            new ListColumn("leader", "field.leader"),
            new ListColumn("review", "field.review"));

    private static final Set<String> NOT_FILTERS =
            Set.of("sort", "dir", "page", "cursor", "before", "size", "lang", "_csrf");

    private final ProjectQueries queries;
    private final ListPrefs prefs;

    ProjectListPage(ProjectQueries queries, ListPrefs prefs) {
        this.queries = queries;
        this.prefs = prefs;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    void fill(
            ProjectFilter filter,
            String sort,
            String dir,
            String cursor,
            String before,
            Integer page,
            Integer size,
            HttpServletRequest request,
            Model model) {
        if (size != null && ListPrefs.PAGE_SIZES.contains(size)) {
            prefs.savePageSize(LIST_KEY, size);
        }
        var pref = prefs.get(LIST_KEY);
        int pageSize = pref.pageSize() != null ? pref.pageSize() : ListPrefs.PAGE_SIZES.get(0);
        var result = queries.page(filter, sort, dir, cursor, before, page, pageSize);
        var count = queries.count(filter);
        var filters = Pager.params(request.getParameterMap(), NOT_FILTERS);
        String query = Pager.query(filters);
        String base = request.getRequestURI() + "?" + query + "sort=" + result.sort() + "&dir=" + result.dir() + "&";
        int current = result.page() == null ? 1 : result.page();
        int jumpPages = ProjectQueries.OFFSET_ROWS / pageSize + 1;
        String prevHref = null;
        if (current > 1) {
            prevHref = current - 1 <= jumpPages || result.prev() == null
                    ? base + "page=" + (current - 1)
                    : base + "page=" + (current - 1) + "&before=" + enc(result.prev());
        }
        String nextHref =
                result.next() == null ? null : base + "page=" + (current + 1) + "&cursor=" + enc(result.next());
        // a saved filter keeps the filters and the sort, never the page; the go-to box sends the same
        var saved = new java.util.ArrayList<>(filters);
        saved.add(java.util.Map.entry("sort", result.sort()));
        saved.add(java.util.Map.entry("dir", result.dir()));
        var pager = Pager.of(
                base,
                saved,
                count.value(),
                count.exact(),
                current,
                pageSize,
                ListPrefs.PAGE_SIZES,
                prevHref,
                nextHref,
                jumpPages);
        var hide = new StringBuilder();
        pref.hiddenColumns().forEach(c -> hide.append("hide=").append(enc(c)).append('&'));
        // with the filters, without the page: the whole filtered set in the list's order and columns
        String export = "/projects/export?" + query + "sort=" + result.sort() + "&dir=" + result.dir() + "&" + hide;
        model.addAttribute("filter", filter);
        model.addAttribute("page", result);
        model.addAttribute("sort", result.sort());
        model.addAttribute("dir", result.dir());
        model.addAttribute("pager", pager);
        model.addAttribute("pref", pref);
        model.addAttribute("listKey", LIST_KEY);
        model.addAttribute("listColumns", COLUMNS);
        model.addAttribute("savedFilters", prefs.filters(LIST_KEY));
        model.addAttribute("savedParams", saved);
        model.addAttribute("listPath", request.getRequestURI());
        model.addAttribute("backUrl", base + "page=1");
        model.addAttribute("exportBase", export);
    }
}
