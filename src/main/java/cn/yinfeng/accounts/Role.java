package cn.yinfeng.accounts;

/** What a user may do; where they may do it comes from their region. */
public enum Role {
    /** users, roles, regions, chains, indicators and thresholds; sees the audit log */
    ADMIN,
    /** city bureau staff: review county submissions, keep the city ledger, run reports */
    CITY_STAFF,
    /** county, district or zone staff: enter their own region's records */
    COUNTY_STAFF,
    /** leaders: dashboards, rankings, their own key projects */
    LEADER,
    /** the talent office: campaigns, talents, training, partners, care */
    TALENT_OFFICER;

    public String authority() {
        return "ROLE_" + name();
    }
}
