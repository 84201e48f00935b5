package cn.yinfeng.projects;

public enum ProjectType {
    INDUSTRIAL,
    SERVICE,
    AGRI_TOURISM,
    INFRASTRUCTURE,
    OTHER
}
