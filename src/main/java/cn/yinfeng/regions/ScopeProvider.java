package cn.yinfeng.regions;

/**
 * The region scope of whoever is acting. Implemented by the accounts module ({@code CurrentUser}); declared here
 * so that modules the accounts module itself builds on can scope their queries too. Implementations fail closed:
 * no signed-in user, no scope.
 */
public interface ScopeProvider {

    RegionScope current();
}
