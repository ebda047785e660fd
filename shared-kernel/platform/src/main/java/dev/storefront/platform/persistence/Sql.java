package dev.storefront.platform.persistence;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements on the connection of the caller's transaction, with SQLException turned into one unchecked failure
 * ({@code DataAccessException}, which {@code DatabaseBusyExceptionHandler} answers when it is a timeout). For the
 * persistence adapters whose SQL the repositories of Micronaut Data cannot express (locks, upserts, batches).
 */
public final class Sql {

    private final JdbcOperations jdbc;

    public Sql(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public int update(String sql, Binder binder) {
        return jdbc.prepareStatement(sql, statement -> {
            try {
                binder.bind(statement);
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new DataAccessException("statement failed: " + sql, e);
            }
        });
    }

    public void batch(String sql, Binder binder) {
        jdbc.prepareStatement(sql, statement -> {
            try {
                binder.bind(statement);
                statement.executeBatch();
                return null;
            } catch (SQLException e) {
                throw new DataAccessException("batch failed: " + sql, e);
            }
        });
    }

    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return jdbc.prepareStatement(sql, statement -> {
            try {
                binder.bind(statement);
                List<T> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(mapper.map(result));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new DataAccessException("query failed: " + sql, e);
            }
        });
    }

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
