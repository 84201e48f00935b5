package cn.yinfeng.audit;

/** Whoever acts: implemented by the signed-in user's principal so that audit rows name user and region. */
public interface AuditActor {

    Long userId();

    String username();

    Long regionId();
}
