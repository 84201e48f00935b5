package cn.yinfeng.accounts;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import cn.yinfeng.common.ConflictException;
import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.regions.Region;
import cn.yinfeng.regions.RegionScope;
import cn.yinfeng.regions.Regions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User administration and self-service: the rules, with the SQL in {@link UserRepository}. */
@Service
public class Accounts {

    /** A new user as an administrator enters it. */
    public record NewUser(String username, String displayName, Long regionId, Set<Role> roles, String password) {}

    /** Fields an administrator may change; {@code version} is the one the form was loaded with. */
    public record UserEdit(String displayName, Long regionId, Set<Role> roles, boolean enabled, long version) {}

    static final String USERNAME_PATTERN = "[A-Za-z][A-Za-z0-9_.-]{2,63}";

    private final UserRepository users;
    private final Regions regions;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final AuditLog audit;
    private final Clock clock;
    private final Lockout lockout;

    Accounts(
            UserRepository users,
            Regions regions,
            PasswordEncoder encoder,
            PasswordPolicy policy,
            AuditLog audit,
            Clock clock,
            Lockout lockout) {
        this.lockout = lockout;
        this.users = users;
        this.regions = regions;
        this.encoder = encoder;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** A user named in pickers (leaders of projects and trips). */
    public record UserRef(long id, String name) {}

    /** Enabled users with the leader role, for the 包联领导 and trip-leader pickers. */
    public List<UserRef> leaders() {
        return users.withRole(Role.LEADER);
    }

    /**
     * The leaders a user of {@code scope} may name as 包联 or trip leader: enabled, with the leader role, of a region
     * inside the scope or above it. Pickers offer exactly these, and bodies naming another id are refused.
     */
    public List<UserRef> leaders(RegionScope scope) {
        return users.selectableLeaders(scope, null);
    }

    /** An enabled user of a region in a scope, with the region's name (pickers of people to assign work to). */
    public record ScopedUser(long id, String displayName, String regionName) {}

    /** The enabled users of the regions in {@code scope}, by region and name. */
    public List<ScopedUser> enabledUsers(RegionScope scope) {
        return users.enabledIn(scope);
    }

    /** Enabled leaders by id with the name people know them by (display name, else user name), for imports. */
    public java.util.Map<Long, String> leaderNames() {
        return users.leaderNames();
    }

    /** The leader account with this user name, an enabled one first. */
    public java.util.Optional<Long> leaderByUsername(String username) {
        return users.leaderByUsername(username);
    }

    /** Whether {@code userId} is one of {@link #leaders(RegionScope)}. */
    public boolean selectableLeader(long userId, RegionScope scope) {
        return !users.selectableLeaders(scope, userId).isEmpty();
    }

    public List<UserRow> search(UserSearch search, RegionScope scope) {
        return users.search(search, scope);
    }

    public UserRow find(long id, RegionScope scope) {
        return users.find(id, scope).orElseThrow(() -> new NotFoundException("user", id));
    }

    public boolean anyUser() {
        return users.count() > 0;
    }

    @Transactional
    public long create(NewUser cmd, RegionScope scope) {
        var problems = new ArrayList<Problem>();
        String username = cmd.username() == null ? "" : cmd.username().trim();
        if (!username.matches(USERNAME_PATTERN)) {
            problems.add(new Problem("username", "user.username.invalid"));
        } else if (users.exists(username)) {
            problems.add(new Problem("username", "user.username.taken"));
        }
        checkProfile(cmd.displayName(), cmd.regionId(), cmd.roles(), scope, problems);
        problems.addAll(policy.check("password", username, cmd.password()));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        // a password set by someone else must be changed by its owner at first sign-in
        long id = users.insert(
                username,
                cmd.displayName().trim(),
                cmd.regionId(),
                encoder.encode(cmd.password()),
                clock.instant(),
                true,
                cmd.roles());
        audit.record("USER_CREATE", "user", id, Outcome.SUCCESS, "username=" + username + " roles=" + cmd.roles());
        return id;
    }

    @Transactional
    public void update(long id, UserEdit edit, RegionScope scope) {
        UserRow before = find(id, scope);
        var problems = new ArrayList<Problem>();
        checkProfile(edit.displayName(), edit.regionId(), edit.roles(), scope, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int changed =
                users.update(id, edit.version(), edit.displayName().trim(), edit.regionId(), edit.enabled(), scope);
        ConflictException.unlessUpdated(changed, "user", edit.version(), () -> {
            UserRow now = find(id, scope);
            return new ConflictException.Stored(
                    now.version(),
                    Map.of(
                            "displayName",
                            now.displayName(),
                            "regionName",
                            now.regionName(),
                            "roles",
                            now.roles(),
                            "enabled",
                            now.enabled()));
        });
        users.replaceRoles(id, edit.roles());
        audit.record(
                "USER_UPDATE",
                "user",
                id,
                Outcome.SUCCESS,
                "before={region=" + before.regionId() + ", roles="
                        + before.roles() + ", enabled=" + before.enabled() + "} after={region=" + edit.regionId()
                        + ", roles=" + edit.roles() + ", enabled=" + edit.enabled() + "}");
    }

    @Transactional
    public void unlock(long id, RegionScope scope) {
        find(id, scope);
        users.lockUntil(id, null);
        users.clearFailures(id);
        audit.record("USER_UNLOCK", "user", id, Outcome.SUCCESS, null);
    }

    /** An administrator sets a temporary password; its owner must change it at the next sign-in. */
    @Transactional
    public void resetPassword(long id, String newPassword, RegionScope scope) {
        UserRow user = find(id, scope);
        var problems = policy.check("password", user.username(), newPassword);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        users.setPassword(id, encoder.encode(newPassword), clock.instant(), true);
        users.lockUntil(id, null);
        users.clearFailures(id);
        audit.record("USER_PASSWORD_RESET", "user", id, Outcome.SUCCESS, null);
    }

    /** Where a user changed their own password: named in the audit rows and the lockout's. */
    enum PasswordForm {
        ACCOUNT_PAGE("account page"),
        EXPIRED_SIGN_IN("expired-password form");

        final String label;

        PasswordForm(String label) {
            this.label = label;
        }
    }

    /**
     * A user changes their own password, proving the old one (also the path out of an expired password). A wrong
     * old password counts towards the same lockout as a wrong sign-in; a locked account refuses the right one too
     * ({@link AccountLockedException}) until the lock ends.
     */
    @Transactional(noRollbackFor = InvalidInputException.class)
    void changePassword(long userId, String oldPassword, String newPassword, PasswordForm form) {
        var creds = users.credentials(userId).orElse(null);
        if (creds == null || !creds.enabled()) {
            audit.record(
                    null,
                    creds == null ? null : creds.username(),
                    "PASSWORD_CHANGE",
                    "user",
                    userId,
                    Outcome.FAILURE,
                    form.label + ": account missing or disabled",
                    AuditLog.clientIp());
            throw new InvalidInputException("oldPassword", "password.oldWrong");
        }
        if (lockout.isLocked(creds)) {
            audit.record(
                    null,
                    creds.username(),
                    "PASSWORD_CHANGE",
                    "user",
                    creds.id(),
                    Outcome.DENIED,
                    form.label + ": account locked",
                    AuditLog.clientIp());
            throw new AccountLockedException();
        }
        if (oldPassword == null || !encoder.matches(oldPassword, creds.passwordHash())) {
            audit.record(
                    null,
                    creds.username(),
                    "PASSWORD_CHANGE",
                    "user",
                    creds.id(),
                    Outcome.FAILURE,
                    form.label + ": old password wrong",
                    AuditLog.clientIp());
            if (lockout.failed(creds, "wrong old passwords on the " + form.label)) {
                throw new AccountLockedException();
            }
            throw new InvalidInputException("oldPassword", "password.oldWrong");
        }
        var problems = new ArrayList<>(policy.check("newPassword", creds.username(), newPassword));
        if (problems.isEmpty() && encoder.matches(newPassword, creds.passwordHash())) {
            problems.add(new Problem("newPassword", "password.sameAsOld"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        users.setPassword(creds.id(), encoder.encode(newPassword), clock.instant(), false);
        lockout.succeeded(creds.id());
        audit.record(
                null,
                creds.username(),
                "PASSWORD_CHANGE",
                "user",
                creds.id(),
                Outcome.SUCCESS,
                form.label,
                AuditLog.clientIp());
    }

    /** Creates the first administrator of a fresh installation; refused once any user exists. */
    @Transactional
    public long createFirstAdmin(String username, String displayName, long rootRegionId, String password) {
        if (anyUser()) {
            throw new InvalidInputException(null, "setup.alreadyDone");
        }
        var problems = new ArrayList<Problem>();
        if (username == null || !username.trim().matches(USERNAME_PATTERN)) {
            problems.add(new Problem("username", "user.username.invalid"));
        }
        if (displayName == null || displayName.isBlank()) {
            problems.add(new Problem("displayName", "validation.required"));
        }
        problems.addAll(policy.check("password", username, password));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = users.insert(
                username.trim(),
                displayName.trim(),
                rootRegionId,
                encoder.encode(password),
                clock.instant(),
                false,
                Set.of(Role.ADMIN));
        audit.record(
                null, username.trim(), "SETUP_FIRST_ADMIN", "user", id, Outcome.SUCCESS, null, AuditLog.clientIp());
        return id;
    }

    private void checkProfile(
            String displayName, Long regionId, Set<Role> roles, RegionScope scope, List<Problem> problems) {
        if (displayName == null || displayName.isBlank()) {
            problems.add(new Problem("displayName", "validation.required"));
        } else if (displayName.trim().length() > 100) {
            problems.add(new Problem("displayName", "validation.tooLong", 100));
        }
        if (regionId == null) {
            problems.add(new Problem("regionId", "validation.required"));
        } else {
            // the region must lie inside the administrator's own scope: no one hands out rights they lack
            Region region = regions.find(regionId).orElse(null);
            if (region == null || !scope.covers(region)) {
                problems.add(new Problem("regionId", "user.region.outOfScope"));
            }
        }
        if (roles == null || roles.isEmpty()) {
            problems.add(new Problem("roles", "user.roles.required"));
        }
    }

    // -- display names for activities
    /** The display names of the users among {@code ids} (any user, enabled or not: names kept on records). */
    public Map<Long, String> displayNames(Collection<Long> ids) {
        return users.displayNames(ids);
    }
}
