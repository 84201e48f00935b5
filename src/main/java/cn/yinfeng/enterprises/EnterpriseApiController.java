package cn.yinfeng.enterprises;

import java.util.List;
import java.util.Map;

import cn.yinfeng.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/enterprises}: the registry, with the same rules and masking as the pages. */
@RestController
@RequestMapping("/api/v1/enterprises")
@Tag(name = "enterprises", description = "客商企业库 / enterprise registry")
@SecurityRequirement(name = "bearer")
class EnterpriseApiController {

    private final Enterprises enterprises;

    EnterpriseApiController(Enterprises enterprises) {
        this.enterprises = enterprises;
    }

    @GetMapping
    @Operation(summary = "Search the registry (name, former name or credit code); phones masked without need")
    PageResult<Enterprise> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) String industry, @RequestParam(required = false) Boolean prospect,
            @RequestParam(defaultValue = "updated") String sort, @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return enterprises.search(new Enterprises.Search(q, industry, prospect, sort, "desc".equals(dir), page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One enterprise")
    Enterprise one(@PathVariable long id) {
        return enterprises.find(id);
    }

    @GetMapping("/{id}/similar")
    @Operation(summary = "Entries whose normalised name matches: candidates for a merge")
    List<Enterprise> similar(@PathVariable long id) {
        Enterprise e = enterprises.find(id);
        return enterprises.similar(e.name(), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create; the credit code's check character is verified; a code already registered is refused")
    Enterprise create(@RequestBody Enterprises.EnterpriseForm form) {
        return enterprises.find(enterprises.create(form));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Update with the version read; a stale version is a 409")
    Enterprise update(@PathVariable long id, @RequestBody Enterprises.EnterpriseForm form) {
        enterprises.update(id, form);
        return enterprises.find(id);
    }

    @PostMapping("/{id}/merge")
    @Operation(summary = "Merge this entry into another (city staff); every reference moves")
    Enterprise merge(@PathVariable long id, @RequestBody Map<String, Long> body) {
        Long into = body.get("intoId");
        if (into == null) {
            throw new cn.yinfeng.common.InvalidInputException("intoId", "validation.required");
        }
        enterprises.merge(id, into);
        return enterprises.find(into);
    }
}
