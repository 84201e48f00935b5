/**
 * Excel ledgers in and out: hostile-file checks, tolerant headers, amounts and dates, one import framework (dry run,
 * row-level report, all-or-nothing commit) with a row handler per kind (projects, enterprises, funds arrived, trips,
 * delegations), and streamed exports with formula neutralisation. Uses accounts, regions, enterprises, chains,
 * projects, activities and audit, through their public services.
 */
package cn.yinfeng.ledger;
