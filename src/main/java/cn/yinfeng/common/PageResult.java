package cn.yinfeng.common;

import java.util.List;

/** One page of a list, with the total of the filtered set. */
public record PageResult<T>(List<T> rows, long total, int page, int size) {

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
