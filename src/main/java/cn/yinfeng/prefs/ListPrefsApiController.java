package cn.yinfeng.prefs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/me/list-prefs}: the caller's own column choice, page size and saved filters of each list. */
@RestController
@RequestMapping("/api/v1/me/list-prefs/{listKey}")
@Tag(name = "list-prefs", description = "列表偏好与保存的筛选 / list preferences and saved filters")
@SecurityRequirement(name = "bearer")
class ListPrefsApiController {

    /** What the client read ({@code version}; 0 when nothing was saved yet) and wants now. */
    record PrefRequest(List<String> hiddenColumns, Integer pageSize, Long version) {}

    record FilterRequest(String name, Map<String, String> params) {}

    private final ListPrefs prefs;

    ListPrefsApiController(ListPrefs prefs) {
        this.prefs = prefs;
    }

    @GetMapping
    @Operation(summary = "The caller's hidden columns and page size of a list (projects, …); version 0 when unsaved")
    ListPrefs.Pref get(@PathVariable String listKey) {
        return prefs.get(listKey);
    }

    @PutMapping
    @Operation(
            summary = "Saves the caller's hidden columns and page size (20, 50 or 100) as read at `version`; "
                    + "409 when another change came first")
    ListPrefs.Pref put(@PathVariable String listKey, @RequestBody PrefRequest body) {
        return prefs.save(listKey, body.hiddenColumns(), body.pageSize(), body.version() == null ? 0 : body.version());
    }

    @GetMapping("/filters")
    @Operation(summary = "The caller's saved filters of a list")
    List<ListPrefs.SavedFilter> filters(@PathVariable String listKey) {
        return prefs.filters(listKey);
    }

    @PostMapping("/filters")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Saves the list's query parameters (filters and sort) under a name; the same name replaces "
                    + "them. Applying one runs the list in the caller's region scope")
    ListPrefs.SavedFilter saveFilter(@PathVariable String listKey, @RequestBody FilterRequest body) {
        return prefs.saveFilter(listKey, body.name(), body.params());
    }

    @DeleteMapping("/filters/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deletes one of the caller's saved filters (404 for anyone else's)")
    void deleteFilter(@PathVariable String listKey, @PathVariable long id) {
        prefs.deleteFilter(listKey, id);
    }
}
