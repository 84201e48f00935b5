/**
 * The project ledger (项目台账): projects from lead to production, their lifecycle, review by the city, funds
 * arrived, follow-ups, approved history for "as of" figures, and duplicate candidates across counties. Uses
 * accounts, regions, enterprises, chains and audit.
 */
package cn.yinfeng.projects;
