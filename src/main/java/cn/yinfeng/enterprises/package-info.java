/**
 * The investor and enterprise registry (客商库): credit-code validation, duplicate guard and merge, contact
 * masking. Uses accounts (who may see contacts) and audit. Publishes {@link cn.yinfeng.enterprises.EnterprisesMerged}.
 */
package cn.yinfeng.enterprises;
