/**
 * The region tree (city, counties, districts, zones) and {@link cn.yinfeng.regions.RegionScope}, the one way every
 * module restricts a query to the caller's region and its descendants. Depends only on the shared kernel.
 */
package cn.yinfeng.regions;
