/**
 * Industrial chains (产业链): tiers, named sets, up/mid/downstream nodes and target enterprises (招商图谱). Uses
 * accounts, regions, enterprises and audit.
 */
package cn.yinfeng.chains;
