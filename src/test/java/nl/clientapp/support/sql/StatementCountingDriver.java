package nl.clientapp.support.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A JDBC driver for the tests that wraps the PostgreSQL driver and reports every statement sent
 * to {@link RequestStatements}: Hibernate's queries and plain JDBC alike, because both reach the
 * database through these connections. The {@code %test} profile of application.properties sets it
 * as the datasource driver ({@code quarkus.datasource.jdbc.driver}), so Agroal pools wrapped
 * connections.
 */
public class StatementCountingDriver implements Driver {

    private static final Set<String> EXECUTE_METHODS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    private final Driver postgres = new org.postgresql.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = postgres.connect(url, info);
        return connection == null ? null : proxy(Connection.class, new ConnectionHandler(connection));
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return postgres.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return postgres.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return postgres.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return postgres.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return postgres.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return postgres.getParentLogger();
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(StatementCountingDriver.class.getClassLoader(), new Class<?>[] { type }, handler));
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Wraps the statements a connection creates and reports commits and rollbacks. */
    private static final class ConnectionHandler implements InvocationHandler {

        private final Connection connection;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            switch (method.getName()) {
                case "unwrap":
                    return ((Class<?>) arguments[0]).isInstance(proxy) ? proxy : connection.unwrap((Class<?>) arguments[0]);
                case "isWrapperFor":
                    return ((Class<?>) arguments[0]).isInstance(proxy) || connection.isWrapperFor((Class<?>) arguments[0]);
                case "commit":
                    RequestStatements.recordTransactionEnd("commit");
                    break;
                case "rollback":
                    RequestStatements.recordTransactionEnd("rollback");
                    break;
                case "isValid":
                    RequestStatements.recordValidation();
                    break;
                default:
                    break;
            }
            Object result = StatementCountingDriver.invoke(connection, method, arguments);
            String preparedSql = arguments != null && arguments.length > 0 && arguments[0] instanceof String sql ? sql : null;
            if (result instanceof CallableStatement statement) {
                return proxy(CallableStatement.class, new StatementHandler(statement, preparedSql));
            }
            if (result instanceof PreparedStatement statement) {
                return proxy(PreparedStatement.class, new StatementHandler(statement, preparedSql));
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, new StatementHandler(statement, null));
            }
            return result;
        }
    }

    /** Reports each execution, a batch as the statements it contains. */
    private static final class StatementHandler implements InvocationHandler {

        private final Statement statement;
        private final String preparedSql;
        private final List<String> batch = new ArrayList<>();

        StatementHandler(Statement statement, String preparedSql) {
            this.statement = statement;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            String name = method.getName();
            boolean withSql = arguments != null && arguments.length > 0 && arguments[0] instanceof String;
            if (name.equals("unwrap")) {
                return ((Class<?>) arguments[0]).isInstance(proxy) ? proxy : statement.unwrap((Class<?>) arguments[0]);
            }
            if (name.equals("isWrapperFor")) {
                return ((Class<?>) arguments[0]).isInstance(proxy) || statement.isWrapperFor((Class<?>) arguments[0]);
            }
            if (EXECUTE_METHODS.contains(name)) {
                RequestStatements.recordStatement(withSql ? (String) arguments[0] : preparedSql);
            } else if (name.equals("addBatch")) {
                batch.add(withSql ? (String) arguments[0] : preparedSql);
            } else if (name.equals("clearBatch")) {
                batch.clear();
            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                batch.forEach(RequestStatements::recordStatement);
                batch.clear();
            }
            return StatementCountingDriver.invoke(statement, method, arguments);
        }
    }
}
