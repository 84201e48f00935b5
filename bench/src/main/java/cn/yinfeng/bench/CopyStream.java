package cn.yinfeng.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for {@code COPY ... FROM STDIN} in text format (tab-separated, {@code \N} for null), buffered and sent in
 * chunks of about 1 MB: the fastest way to load millions of rows over JDBC. Values written here never contain
 * tabs, newlines or backslashes, so nothing needs escaping.
 */
final class CopyStream implements AutoCloseable {

    private static final int FLUSH_AT = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(FLUSH_AT + 4096);
    private boolean firstColumn = true;
    private long rows;

    CopyStream(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin");
    }

    private StringBuilder next() {
        if (!firstColumn) {
            buf.append('\t');
        }
        firstColumn = false;
        return buf;
    }

    CopyStream text(String s) {
        if (s == null) {
            return nul();
        }
        next().append(s);
        return this;
    }

    CopyStream num(long n) {
        next().append(n);
        return this;
    }

    CopyStream bool(boolean b) {
        next().append(b ? 't' : 'f');
        return this;
    }

    CopyStream nul() {
        next().append("\\N");
        return this;
    }

    /** numeric(16,2) from a whole number of cents (fen of 万元, to be exact). */
    CopyStream money(long cents) {
        long frac = cents % 100;
        next().append(cents / 100).append('.').append(frac < 10 ? "0" : "").append(frac);
        return this;
    }

    /** A date given as its epoch day, or null for {@code Integer.MIN_VALUE}. */
    CopyStream date(int epochDay) {
        if (epochDay == Integer.MIN_VALUE) {
            return nul();
        }
        next().append(LocalDate.ofEpochDay(epochDay));
        return this;
    }

    /** A timestamptz at a fixed time of the given day, China time. */
    CopyStream timestamp(int epochDay, String time) {
        next().append(LocalDate.ofEpochDay(epochDay)).append(' ').append(time).append("+08");
        return this;
    }

    void endRow() throws SQLException {
        buf.append('\n');
        firstColumn = true;
        rows++;
        if (buf.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void flush() throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    /** Sends the rest and ends the COPY; the server reports constraint violations here at the latest. */
    long finish() throws SQLException {
        flush();
        copy.endCopy();
        return rows;
    }

    /** Abandons a COPY that was not finished (an error on the way), so no partial table is left behind. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
