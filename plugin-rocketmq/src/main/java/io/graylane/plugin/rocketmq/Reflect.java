package io.graylane.plugin.rocketmq;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reflection on the application's RocketMQ client objects: the plugin lives in the agent's class loader and must not
 * link against the client (4.9.x and 5.x differ in packages of the classes used here). Lookups are cached per class.
 */
final class Reflect {
    private static final ConcurrentMap<String, Method> METHODS = new ConcurrentHashMap<String, Method>();
    private static final ConcurrentMap<String, Field> FIELDS = new ConcurrentHashMap<String, Field>();

    private Reflect() {
    }

    /** Calls a public method by name and argument count, matching argument types; rethrows the target's exception. */
    static Object call(Object target, String name, Object... args) throws Exception {
        Method m = method(target.getClass(), name, args);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception) {
                throw (Exception) c;
            }
            throw e;
        }
    }

    static Object callStatic(Class<?> type, String name, Object... args) throws Exception {
        Method m = method(type, name, args);
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception) {
                throw (Exception) c;
            }
            throw e;
        }
    }

    static boolean has(Object target, String name, int argCount) {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterTypes().length == argCount) {
                return true;
            }
        }
        return false;
    }

    static Object field(Object target, String name) throws Exception {
        String key = target.getClass().getName() + '#' + name + '@' + System.identityHashCode(target.getClass());
        Field f = FIELDS.get(key);
        if (f == null) {
            for (Class<?> c = target.getClass(); c != null && f == null; c = c.getSuperclass()) {
                try {
                    f = c.getDeclaredField(name);
                } catch (NoSuchFieldException ignored) {
                    // look further up
                }
            }
            if (f == null) {
                throw new NoSuchFieldException(target.getClass().getName() + "." + name);
            }
            f.setAccessible(true);
            FIELDS.put(key, f);
        }
        return f.get(target);
    }

    static Class<?> type(ClassLoader loader, String... names) throws ClassNotFoundException {
        for (String n : names) {
            try {
                return Class.forName(n, false, loader);
            } catch (ClassNotFoundException ignored) {
                // try the next one
            }
        }
        throw new ClassNotFoundException(String.join(" / ", names));
    }

    private static Method method(Class<?> type, String name, Object[] args) throws NoSuchMethodException {
        StringBuilder key = new StringBuilder(type.getName()).append('@').append(System.identityHashCode(type))
                .append('#').append(name);
        for (Object a : args) {
            key.append(',').append(a == null ? "null" : a.getClass().getName());
        }
        String k = key.toString();
        Method m = METHODS.get(k);
        if (m == null) {
            for (Method candidate : type.getMethods()) {
                if (!candidate.getName().equals(name) || candidate.getParameterTypes().length != args.length) {
                    continue;
                }
                Class<?>[] p = candidate.getParameterTypes();
                boolean ok = true;
                for (int i = 0; i < p.length && ok; i++) {
                    ok = args[i] == null ? !p[i].isPrimitive() : wrap(p[i]).isInstance(args[i]);
                }
                if (ok) {
                    m = candidate;
                    break;
                }
            }
            if (m == null) {
                throw new NoSuchMethodException(type.getName() + "." + name + " with " + args.length + " arguments");
            }
            m.setAccessible(true);
            METHODS.put(k, m);
        }
        return m;
    }

    private static Class<?> wrap(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        return c == short.class ? Short.class : c == byte.class ? Byte.class : c == char.class ? Character.class
                : c == double.class ? Double.class : Float.class;
    }
}
