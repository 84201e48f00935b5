package cn.yinfeng.accounts;

import cn.yinfeng.audit.AuditActor;
import java.io.Serial;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user as the security context holds it (session or API token). */
public final class YinfengUser implements UserDetails, CredentialsContainer, AuditActor {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String username;
    private final String displayName;
    private final long regionId;
    private final Set<Role> roles;
    private String passwordHash;
    private final boolean enabled;
    private final boolean locked;
    private final boolean passwordExpired;
    private final boolean totpEnabled;

    YinfengUser(
            long id,
            String username,
            String displayName,
            long regionId,
            Set<Role> roles,
            String passwordHash,
            boolean enabled,
            boolean locked,
            boolean passwordExpired,
            boolean totpEnabled) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.regionId = regionId;
        this.roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.locked = locked;
        this.passwordExpired = passwordExpired;
        this.totpEnabled = totpEnabled;
    }

    /**
     * The stand-in that sign-in checks an unknown name against: a hash that no password matches, and the lock of
     * the name itself. Never signed in (the provider refuses it even if the hash matched).
     */
    static YinfengUser unknown(String username, String unmatchableHash, boolean locked) {
        return new YinfengUser(0, username, username, 0, Set.of(), unmatchableHash, true, locked, false, false);
    }

    /** The stand-in for a name that belongs to no account (identity ids start at 1). */
    boolean isUnknown() {
        return id == 0;
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public long region() {
        return regionId;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** For templates, which cannot name enum constants: {@code me.hasRole(me.leaderRole())}. */
    public Role leaderRole() {
        return Role.LEADER;
    }

    /** County or city staff: the users who keep the ledgers (projects, activities, imports). */
    public boolean isStaff() {
        return roles.contains(Role.COUNTY_STAFF) || roles.contains(Role.CITY_STAFF);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /**
     * Whether the talent office is this user's only work: the menu then shows the talent module only, and the
     * server refuses every investment path ({@link TalentOfficerRights}).
     */
    public boolean talentOnly() {
        return TalentOfficerRights.talentOnly(getAuthorities());
    }

    public boolean totpEnabled() {
        return totpEnabled;
    }

    @Override
    public Long userId() {
        return id;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public Long regionId() {
        return regionId;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isCredentialsNonExpired() {
        return !passwordExpired;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YinfengUser other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "YinfengUser[" + username + "]";
    }
}
