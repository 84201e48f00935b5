package cn.yinfeng.commitments;

import cn.yinfeng.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The REST API of contract commitments, yearly actuals and performance against them. */
@RestController
@Tag(name = "commitments", description = "合同承诺、实际完成与履约 / commitments, actuals and performance")
@SecurityRequirement(name = "bearer")
class CommitmentApiController {

    private final Commitments commitments;
    private final CommitmentBoard board;

    CommitmentApiController(Commitments commitments, CommitmentBoard board) {
        this.commitments = commitments;
        this.board = board;
    }

    @GetMapping("/api/v1/projects/{projectId}/commitments")
    @Operation(
            summary = "A project's commitments, each read today (MET, MET_LATE, PENDING, SHORT or UNREPORTED, with"
                    + " the figure counted and the shortfall), its actuals by kind and year, and its 履约率")
    Commitments.Card card(@PathVariable long projectId) {
        return commitments.card(projectId);
    }

    @PostMapping("/api/v1/projects/{projectId}/commitments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Record a commitment (writers of the project's county): kind INVESTMENT (cumulative 万元),"
                    + " OUTPUT, TAX (yearly 万元), JOBS (yearly persons), START or PRODUCTION (a date, no amount);"
                    + " dueOn on or after the signing; clause, note")
    Commitments.Commitment create(@PathVariable long projectId, @RequestBody Commitments.Form form) {
        return commitments.add(projectId, form);
    }

    @GetMapping("/api/v1/commitments/{id}")
    @Operation(summary = "One commitment, read today")
    Commitments.Commitment find(@PathVariable long id) {
        return commitments.find(id);
    }

    @PutMapping("/api/v1/commitments/{id}")
    @Operation(summary = "Change a commitment at the version read; stale is 409")
    Commitments.Commitment update(@PathVariable long id, @RequestBody Commitments.Form form) {
        return commitments.update(id, form);
    }

    @DeleteMapping("/api/v1/commitments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a commitment recorded by mistake, at the version read; stale is 409")
    void delete(@PathVariable long id, @RequestParam(required = false) @Nullable Long version) {
        commitments.delete(id, version);
    }

    @PostMapping("/api/v1/projects/{projectId}/actuals")
    @Operation(
            summary = "Record a year's actual (INVESTMENT, OUTPUT, TAX or JOBS), or change the one recorded with its"
                    + " version; a year closes on 1 April of the next, after which only city staff change it")
    Commitments.Actual record(@PathVariable long projectId, @RequestBody Commitments.ActualForm form) {
        return commitments.record(projectId, form);
    }

    @GetMapping("/api/v1/commitments/board")
    @Operation(
            summary = "Performance per county in the caller's scope: projects with commitments, commitments due,"
                    + " kept, short, unreported, investment short (万元), 达效 projects and the 履约率, with the total")
    CommitmentBoard.Board boardOf() {
        return board.board();
    }

    @GetMapping("/api/v1/commitments/red-list")
    @Operation(summary = "The projects with commitments behind, the most behind first, a page at a time")
    PageResult<CommitmentBoard.Behind> redList(
            @RequestParam(required = false) @Nullable Long regionId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return board.redList(regionId, Math.max(0, page), Math.min(Math.max(1, size), 500));
    }
}
