/**
 * The UI shell: layout, navigation, home page, language switch, error pages and the one place where exceptions
 * become pages or problem documents. Uses the other modules' public types only.
 */
package cn.yinfeng.web;
