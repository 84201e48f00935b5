package cn.yinfeng.common;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows written with PostgreSQL's {@code COPY ... FROM STDIN} (text format) on the connection of the current
 * transaction: many rows in one statement, for bulk imports. Values are escaped here (backslash, tab, newline,
 * carriage return; {@code null} as {@code \N}), so any text a user typed arrives unchanged. The rows go to the server
 * in chunks while they are produced, so memory stays flat. Must run inside a transaction: a failure anywhere leaves
 * nothing behind once that transaction rolls back.
 */
public final class CopyRows {

    private static final int CHUNK = 1 << 16;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 4096);
    private final CopyIn copy;
    private boolean first = true;
    private long rows;

    private CopyRows(CopyIn copy) {
        this.copy = copy;
    }

    /**
     * Runs {@code copySql} (a {@code copy table (columns) from stdin}) and feeds it the rows {@code writer} adds.
     * Returns the number of rows the server took.
     */
    public static long copy(JdbcTemplate jdbc, String copySql, Consumer<CopyRows> writer) {
        Long n = jdbc.execute((ConnectionCallback<Long>) con -> {
            CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            var rows = new CopyRows(in);
            try {
                writer.accept(rows);
                rows.flush();
                return in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        });
        return n == null ? 0 : n;
    }

    /** Appends one column value of the current row. */
    public CopyRows add(Object value) {
        if (!first) {
            buffer.write('\t');
        }
        first = false;
        if (value == null) {
            buffer.write('\\');
            buffer.write('N');
            return this;
        }
        String text;
        if (value instanceof BigDecimal d) {
            text = d.toPlainString();
        } else if (value instanceof Boolean b) {
            text = b ? "t" : "f";
        } else if (value instanceof Enum<?> e) {
            text = e.name();
        } else {
            text = value.toString(); // numbers, LocalDate (ISO), text
        }
        var out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        buffer.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Ends the current row. */
    public void endRow() {
        buffer.write('\n');
        first = true;
        rows++;
        if (buffer.size() >= CHUNK) {
            try {
                flush();
            } catch (SQLException e) {
                throw new IllegalStateException("COPY failed after " + rows + " rows", e);
            }
        }
    }

    private void flush() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }
}
