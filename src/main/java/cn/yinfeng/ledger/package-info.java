/**
 * Excel ledgers in and out: hostile-file checks, tolerant headers and amounts, the project import with a dry run,
 * row-level report and all-or-nothing commit, and streamed exports with formula neutralisation. Uses accounts,
 * regions, enterprises, chains, projects and audit.
 */
package cn.yinfeng.ledger;
