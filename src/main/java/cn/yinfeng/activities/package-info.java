/**
 * The work that produces projects: trips out with the enterprises visited, delegations received, talks and events
 * (promotion meetings, signing ceremonies) with the projects signed there, and the counts reports quote. Uses
 * accounts, regions, enterprises, projects and audit.
 */
package cn.yinfeng.activities;
