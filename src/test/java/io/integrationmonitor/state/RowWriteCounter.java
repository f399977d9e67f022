package io.integrationmonitor.state;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A data source that counts the rows of one table that INSERT, UPDATE and DELETE statements affect, as the
 * database reports them: observes writes without relying on anything the store itself says.
 */
final class RowWriteCounter implements DataSource {
    private final DataSource delegate;
    private final String table;
    private final AtomicInteger rowsWritten = new AtomicInteger();

    RowWriteCounter(DataSource delegate, String table) {
        this.delegate = delegate;
        this.table = table.toLowerCase(Locale.ROOT);
    }

    int rowsWritten() {
        return rowsWritten.get();
    }

    void reset() {
        rowsWritten.set(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counting(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counting(delegate.getConnection(username, password));
    }

    private Connection counting(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("prepareStatement") && isWriteOfTable((String) args[0])) {
                return countingStatement((PreparedStatement) result);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private PreparedStatement countingStatement(PreparedStatement statement) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(statement, method, args);
            if (result instanceof int[] counts) {
                for (int count : counts) {
                    // a driver may answer SUCCESS_NO_INFO (-2) for a batched row: count it as one
                    rowsWritten.addAndGet(count == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0));
                }
            } else if (method.getName().equals("executeUpdate") && result instanceof Integer count) {
                rowsWritten.addAndGet(count);
            } else if (method.getName().equals("execute")) {
                rowsWritten.addAndGet(Math.max(statement.getUpdateCount(), 0));
            }
            return result;
        };
        return (PreparedStatement) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
    }

    private boolean isWriteOfTable(String sql) {
        String s = sql.trim().toLowerCase(Locale.ROOT);
        return (s.startsWith("insert into " + table) || s.startsWith("update " + table)
                || s.startsWith("delete from " + table));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
