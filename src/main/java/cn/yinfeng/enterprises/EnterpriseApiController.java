package cn.yinfeng.enterprises;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
    private final EnterpriseProposals proposals;

    EnterpriseApiController(Enterprises enterprises, EnterpriseProposals proposals) {
        this.enterprises = enterprises;
        this.proposals = proposals;
    }

    record Decision(String reason) {}

    @GetMapping
    @Operation(summary = "Search the registry (name, former name or credit code); phones masked without need")
    PageResult<Enterprise> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String industry,
            @RequestParam(required = false) Boolean prospect,
            @RequestParam(defaultValue = "updated") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
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
    @Operation(
            summary = "Update with the version read; a stale version is a 409. Staff of the entry's region (or "
                    + "the city) change it (200, the entry); staff of another region propose the change instead (202, the "
                    + "proposal, for the city to accept or reject)")
    @ApiResponse(
            responseCode = "200",
            description = "changed",
            content = @Content(schema = @Schema(implementation = Enterprise.class)))
    @ApiResponse(
            responseCode = "202",
            description = "proposed; the entry is unchanged",
            content = @Content(schema = @Schema(implementation = EnterpriseProposals.Proposal.class)))
    ResponseEntity<Object> update(@PathVariable long id, @RequestBody Enterprises.EnterpriseForm form) {
        var change = proposals.change(id, form);
        if (change.proposed()) {
            return ResponseEntity.accepted()
                    .location(URI.create("/api/v1/enterprises/proposals/" + change.proposalId()))
                    .body(proposals.find(change.proposalId()));
        }
        return ResponseEntity.ok(enterprises.find(id));
    }

    @PostMapping("/{id}/proposals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Propose a change of an entry (any staff); the entry is unchanged until the city accepts")
    EnterpriseProposals.Proposal propose(@PathVariable long id, @RequestBody Enterprises.EnterpriseForm form) {
        return proposals.find(proposals.propose(id, form));
    }

    @GetMapping("/proposals")
    @Operation(
            summary = "Proposed changes made in the caller's region tree (all for the city); sort by proposed, "
                    + "enterprise, region, status or decided")
    PageResult<EnterpriseProposals.Proposal> proposals(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) EnterpriseProposals.Status status,
            @RequestParam(defaultValue = "proposed") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return proposals.search(new EnterpriseProposals.Search(q, status, sort, "desc".equals(dir), page, size));
    }

    @GetMapping("/proposals/{pid}")
    @Operation(summary = "One proposal with its status and decision (404 outside the caller's region tree)")
    EnterpriseProposals.Proposal proposal(@PathVariable long pid) {
        return proposals.find(pid);
    }

    @PostMapping("/proposals/{pid}/accept")
    @Operation(
            summary = "Accept (city staff): applied as an edit with the proposal's base version (409 if the entry "
                    + "changed since), audited")
    EnterpriseProposals.Proposal accept(@PathVariable long pid, @RequestBody(required = false) Decision body) {
        proposals.accept(pid, body == null ? null : body.reason());
        return proposals.find(pid);
    }

    @PostMapping("/proposals/{pid}/reject")
    @Operation(summary = "Reject (city staff) with a reason; the entry is unchanged")
    EnterpriseProposals.Proposal reject(@PathVariable long pid, @RequestBody(required = false) Decision body) {
        proposals.reject(pid, body == null ? null : body.reason());
        return proposals.find(pid);
    }

    @PostMapping("/{id}/merge")
    @Operation(summary = "Merge this entry into another (city staff); every reference moves")
    Enterprise merge(@PathVariable long id, @RequestBody Map<String, Long> body) {
        Long into = body.get("intoId");
        if (into == null) {
            throw new InvalidInputException("intoId", "validation.required");
        }
        enterprises.merge(id, into);
        return enterprises.find(into);
    }
}
