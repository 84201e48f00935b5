package cn.yinfeng.regions;

/** Administrative level of a region node. */
public enum RegionLevel {
    PROVINCE,
    CITY,
    COUNTY,
    ZONE
}
