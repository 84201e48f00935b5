package cn.yinfeng.projects;

/** Origin of funds: 境外, 国内省外, 省内市外, 市内县际. */
public enum FundOrigin {
    OVERSEAS,
    OUT_OF_PROVINCE,
    IN_PROVINCE,
    IN_CITY
}
