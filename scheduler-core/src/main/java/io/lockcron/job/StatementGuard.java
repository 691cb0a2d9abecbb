package io.lockcron.job;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/** A statement on a fire's connection: its SQL text is checked, and it leads back to the guarded connection. */
final class StatementGuard implements InvocationHandler {
    private final Statement raw;
    private final ConnectionGuard connection;

    StatementGuard(Statement raw, ConnectionGuard connection) {
        this.raw = raw;
        this.connection = connection;
    }

    @Override
    public @Nullable Object invoke(Object self, Method method, Object @Nullable [] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "equals":
                return args != null && self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return raw.toString();
            case "close", "isClosed":
                return invokeRaw(method, args);
            case "getConnection":
                return connection.proxy();
            case "unwrap":
                if (((Class<?>) args[0]).isInstance(self)) {
                    return self;
                }
                break;
            default:
                break;
        }
        connection.checkUsable();
        if (args != null && args.length > 0 && args[0] instanceof String sql && name.startsWith("execute")
                || name.equals("addBatch") && args != null && args.length == 1 && args[0] instanceof String) {
            connection.checkSql((String) args[0]);
        }
        return invokeRaw(method, args);
    }

    private @Nullable Object invokeRaw(Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(raw, args);
        } catch (InvocationTargetException e) {
            throw connection.failed(e.getCause());
        }
    }
}
