package cn.yinfeng.audit;

public enum Outcome {
    SUCCESS,
    FAILURE,
    DENIED
}
