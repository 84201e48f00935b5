/**
 * Approval milestones (审批节点): the steps a project passes on its way to production (用地预审, 土地出让, 环评, 能评,
 * 规划许可, 施工许可, 竣工验收 — a list the city edits, each with its time limit), and per project the steps it passes
 * with the unit responsible, the planned date, the day the application was accepted and the day it was done. A step
 * past its limit is overdue: the overview lists it, the workbench shows it and the supervision module's
 * MILESTONE_OVERDUE rule warns the project's 包联 leader and its county. Owns {@code approval_step} and
 * {@code project_milestone}; reads projects through their public API.
 */
@ApplicationModule(allowedDependencies = {"accounts", "audit", "common", "projects", "regions"})
@NullMarked
package cn.yinfeng.approvals;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
