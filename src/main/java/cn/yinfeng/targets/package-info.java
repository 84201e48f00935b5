/**
 * The indicator catalogue (data, not code), annual targets per region and goal groups. Uses accounts, regions and
 * audit. The statistics module computes the indicators.
 */
package cn.yinfeng.targets;
