package cn.yinfeng.accounts;

import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.Regions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/me}, the caller's API tokens, and (administrators) the users of their region tree. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "accounts", description = "当前用户、API 令牌与用户 / caller, API tokens and users")
@SecurityRequirement(name = "bearer")
class AccountApiController {

    record Me(long id, String username, String displayName, Set<Role> roles, RegionRef region) {}

    record RegionRef(long id, String code, String name) {
        static RegionRef of(Region r) {
            return new RegionRef(r.id(), r.code(), r.name());
        }
    }

    record NewToken(String name, Integer validDays) {}

    record CreatedToken(long id, String name, String token, Instant expiresAt) {}

    private final CurrentUser currentUser;
    private final Regions regions;
    private final ApiTokens tokens;
    private final Accounts accounts;

    AccountApiController(CurrentUser currentUser, Regions regions, ApiTokens tokens, Accounts accounts) {
        this.currentUser = currentUser;
        this.regions = regions;
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @GetMapping("/me")
    @Operation(summary = "The caller: user, roles and region")
    Me me() {
        YinfengUser u = currentUser.require();
        return new Me(
                u.id(),
                u.username(),
                u.displayName(),
                u.roles(),
                RegionRef.of(regions.find(u.region()).orElseThrow()));
    }

    @GetMapping("/tokens")
    @Operation(summary = "The caller's API tokens (never their secrets)")
    List<ApiTokens.TokenInfo> myTokens() {
        return tokens.list(currentUser.require().id());
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token for the caller; the secret is in this response only")
    CreatedToken createToken(@RequestBody NewToken body) {
        var created = tokens.create(currentUser.require().id(), body.name(), body.validDays());
        return new CreatedToken(
                created.info().id(),
                created.info().name(),
                created.secret(),
                created.info().expiresAt());
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of the caller's tokens")
    void revoke(@PathVariable long id) {
        tokens.revoke(currentUser.require().id(), id);
    }

    @GetMapping("/users")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Users of the administrator's region tree")
    List<UserRow> users(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long regionId,
            @RequestParam(required = false) Role role) {
        return accounts.search(new UserSearch(q, regionId, role, "region", false), currentUser.scope());
    }

    @GetMapping("/users/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "One user of the administrator's region tree")
    UserRow user(@PathVariable long id) {
        return accounts.find(id, currentUser.scope());
    }

    @PostMapping("/users/{id}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "An administrator creates a token for a user of their region tree")
    CreatedToken createTokenFor(@PathVariable long id, @RequestBody NewToken body) {
        accounts.find(id, currentUser.scope());
        var created = tokens.create(id, body.name(), body.validDays());
        return new CreatedToken(
                created.info().id(),
                created.info().name(),
                created.secret(),
                created.info().expiresAt());
    }
}
