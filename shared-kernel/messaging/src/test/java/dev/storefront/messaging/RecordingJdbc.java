package dev.storefront.messaging;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * JDBC for unit tests of the stores' statement building: it executes nothing, records every statement prepared with
 * the parameters bound, answers each update with {@link #updateCount} rows and each query with the next of
 * {@link #results} (no rows when none is left), unless {@link #updates} or {@link #queries} answer by SQL, and throws
 * {@link #failure} from statements whose SQL matches {@link #failOn}. What the SQL does against Postgres is the integration tests' business; this only shows what is
 * sent and how the answer is read.
 */
final class RecordingJdbc {

    /**
     * One statement as it was prepared and bound; array parameters are recorded as lists of their elements, and
     * {@code autoCommit} is its connection's mode when it was prepared (null: never set).
     */
    record Statement(String sql, Map<Integer, Object> parameters, Boolean autoCommit) {}

    final List<Statement> statements = new CopyOnWriteArrayList<>();
    final Deque<List<Object[]>> results = new ArrayDeque<>();
    int updateCount = 1;
    Function<String, Integer> updates = sql -> updateCount;
    Function<String, List<Object[]>> queries = sql -> results.isEmpty() ? List.of() : results.poll();
    SQLException failure;
    Predicate<String> failOn = sql -> true;
    int commits;
    int rollbacks;
    Boolean autoCommit;

    Connection connection() {
        Boolean[] mode = new Boolean[1];
        return proxy(Connection.class, (proxy, method, args) -> switch (method.getName()) {
            case "prepareStatement" -> statement((String) args[0], mode[0]);
            case "createArrayOf" -> array((Object[]) args[1]);
            case "setAutoCommit" -> {
                mode[0] = (Boolean) args[0];
                autoCommit = mode[0];
                yield null;
            }
            case "commit" -> {
                commits++;
                yield null;
            }
            case "rollback" -> {
                rollbacks++;
                yield null;
            }
            case "close" -> null;
            case "toString" -> "RecordingJdbc connection";
            default -> throw new UnsupportedOperationException("Connection." + method.getName());
        });
    }

    DataSource dataSource() {
        return proxy(DataSource.class, (proxy, method, args) -> switch (method.getName()) {
            case "getConnection" -> connection();
            case "toString" -> "RecordingJdbc data source";
            default -> throw new UnsupportedOperationException("DataSource." + method.getName());
        });
    }

    Statement only() {
        if (statements.size() != 1) {
            throw new AssertionError("expected one statement, got " + statements);
        }
        return statements.get(0);
    }

    /** The statements whose SQL contains {@code fragment}. */
    List<Statement> matching(String fragment) {
        return statements.stream().filter(s -> s.sql().contains(fragment)).toList();
    }

    private PreparedStatement statement(String sql, Boolean autoCommit) {
        Statement recorded = new Statement(sql, new TreeMap<>(), autoCommit);
        statements.add(recorded);
        return proxy(PreparedStatement.class, (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length == 2 && args[0] instanceof Integer index) {
                Object value = args[1] instanceof Array array ? List.of((Object[]) array.getArray()) : args[1];
                recorded.parameters().put(index, value);
                return null;
            }
            if (name.startsWith("execute") && failure != null && failOn.test(sql)) {
                throw failure;
            }
            return switch (name) {
                case "executeUpdate" -> updates.apply(sql);
                case "execute" -> true;
                case "executeQuery" -> rows(queries.apply(sql));
                case "close" -> null;
                case "toString" -> "RecordingJdbc statement " + sql;
                default -> throw new UnsupportedOperationException("PreparedStatement." + name);
            };
        });
    }

    private static ResultSet rows(List<Object[]> rows) {
        Iterator<Object[]> next = rows.iterator();
        Object[][] current = new Object[1][];
        return proxy(ResultSet.class, (proxy, method, args) -> switch (method.getName()) {
            case "next" -> {
                current[0] = next.hasNext() ? next.next() : null;
                yield current[0] != null;
            }
            case "getLong" -> ((Number) current[0][(Integer) args[0] - 1]).longValue();
            case "getInt" -> ((Number) current[0][(Integer) args[0] - 1]).intValue();
            case "getString", "getTimestamp" -> current[0][(Integer) args[0] - 1];
            case "close" -> null;
            default -> throw new UnsupportedOperationException("ResultSet." + method.getName());
        });
    }

    private static Array array(Object[] elements) {
        return proxy(Array.class, (proxy, method, args) -> switch (method.getName()) {
            case "getArray" -> elements;
            case "free" -> null;
            default -> throw new UnsupportedOperationException("Array." + method.getName());
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(RecordingJdbc.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
