package io.graylane.plugin.servlet;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.ingress.IngressBridge;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.core.ingress.IngressRequest;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent side of servlet ingress. The request's lane is decided once, at its first entry (the outermost filter
 * chain or servlet), and kept as a request attribute: nested entries and async re-dispatches of the same request
 * (AsyncContext.dispatch, Spring's DeferredResult/Callable completion) find it there instead of deciding again.
 */
final class ServletIngress implements IngressBridge.Handler {
    /** Request attribute holding the decided lane: a LaneSnapshot, or {@link #BASELINE}. */
    static final String ATTRIBUTE = "io.graylane.lane";
    static final String BASELINE = "baseline";

    private final IngressColoring coloring;
    private final ConcurrentMap<Class<?>, Api> apis = new ConcurrentHashMap<Class<?>, Api>();

    ServletIngress(IngressColoring coloring) {
        this.coloring = coloring;
    }

    @Override
    public LaneSnapshot enter(Object request, Object response) throws RuntimeException {
        Api api = api(request.getClass());
        if (api == null) {
            return LaneContext.current();
        }
        Object seen = api.invoke(api.getAttribute, request, ATTRIBUTE);
        if (seen != null) {
            return LaneContext.swap(seen instanceof LaneSnapshot ? (LaneSnapshot) seen : null);
        }
        LaneSnapshot lane = coloring.decide(new Req(api, request));
        api.invoke(api.setAttribute, request, ATTRIBUTE, lane == null ? BASELINE : lane);
        String rh = coloring.responseHeader();
        if (rh != null && response != null && api.setHeader != null
                && api.responseType.isInstance(response)) {
            api.invoke(api.setHeader, response, rh, lane == null ? BASELINE : lane.lane());
        }
        return LaneContext.swap(lane);
    }

    private Api api(Class<?> requestClass) {
        Api a = apis.get(requestClass);
        if (a == null) {
            a = Api.find(requestClass);
            if (a == null) {
                a = Api.NONE;
            }
            if (apis.size() < 64) {
                apis.putIfAbsent(requestClass, a);
            }
        }
        return a == Api.NONE ? null : a;
    }

    /** The servlet API methods of one flavour (javax or jakarta), found from the request's own class loader. */
    static final class Api {
        static final Api NONE = new Api();
        Class<?> responseType;
        Method getAttribute;
        Method setAttribute;
        Method getHeader;
        Method getCookies;
        Method getQueryString;
        Method getRemoteAddr;
        Method getRequestURI;
        Method getMethod;
        Method setHeader;
        Method cookieName;
        Method cookieValue;

        static Api find(Class<?> requestClass) {
            for (String pkg : new String[] {"jakarta.servlet", "javax.servlet"}) {
                Class<?> req = implemented(requestClass, pkg + ".http.HttpServletRequest");
                if (req == null) {
                    continue;
                }
                try {
                    ClassLoader cl = req.getClassLoader();
                    Api a = new Api();
                    Class<?> base = Class.forName(pkg + ".ServletRequest", false, cl);
                    a.getAttribute = base.getMethod("getAttribute", String.class);
                    a.setAttribute = base.getMethod("setAttribute", String.class, Object.class);
                    a.getRemoteAddr = base.getMethod("getRemoteAddr");
                    a.getHeader = req.getMethod("getHeader", String.class);
                    a.getCookies = req.getMethod("getCookies");
                    a.getQueryString = req.getMethod("getQueryString");
                    a.getRequestURI = req.getMethod("getRequestURI");
                    a.getMethod = req.getMethod("getMethod");
                    a.responseType = Class.forName(pkg + ".http.HttpServletResponse", false, cl);
                    a.setHeader = a.responseType.getMethod("setHeader", String.class, String.class);
                    Class<?> cookie = Class.forName(pkg + ".http.Cookie", false, cl);
                    a.cookieName = cookie.getMethod("getName");
                    a.cookieValue = cookie.getMethod("getValue");
                    return a;
                } catch (Exception e) {
                    return null;
                }
            }
            return null;
        }

        private static Class<?> implemented(Class<?> c, String name) {
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                for (Class<?> i : k.getInterfaces()) {
                    Class<?> hit = hit(i, name);
                    if (hit != null) {
                        return hit;
                    }
                }
            }
            return null;
        }

        private static Class<?> hit(Class<?> i, String name) {
            if (i.getName().equals(name)) {
                return i;
            }
            for (Class<?> s : i.getInterfaces()) {
                Class<?> h = hit(s, name);
                if (h != null) {
                    return h;
                }
            }
            return null;
        }

        Object invoke(Method m, Object target, Object... args) {
            try {
                return m.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                Throwable c = e.getCause();
                throw c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A lazy view of one request: nothing is read until a rule asks for it. */
    static final class Req implements IngressRequest {
        private final Api api;
        private final Object request;

        Req(Api api, Object request) {
            this.api = api;
            this.request = request;
        }

        @Override
        public String header(String name) {
            return (String) api.invoke(api.getHeader, request, name);
        }

        @Override
        public String cookie(String name) {
            Object cookies = api.invoke(api.getCookies, request);
            if (cookies == null) {
                return null;
            }
            int n = Array.getLength(cookies);
            for (int i = 0; i < n; i++) {
                Object c = Array.get(cookies, i);
                if (c != null && name.equals(api.invoke(api.cookieName, c))) {
                    return (String) api.invoke(api.cookieValue, c);
                }
            }
            return null;
        }

        @Override
        public String query(String name) {
            String q = (String) api.invoke(api.getQueryString, request);
            if (q == null || q.isEmpty()) {
                return null;
            }
            int start = 0;
            while (start <= q.length()) {
                int amp = q.indexOf('&', start);
                int end = amp < 0 ? q.length() : amp;
                int eq = q.indexOf('=', start);
                String key = eq >= 0 && eq < end ? q.substring(start, eq) : q.substring(start, end);
                if (decode(key).equals(name)) {
                    return eq >= 0 && eq < end ? decode(q.substring(eq + 1, end)) : "";
                }
                if (amp < 0) {
                    break;
                }
                start = amp + 1;
            }
            return null;
        }

        private static String decode(String s) {
            if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
                return s;
            }
            try {
                return URLDecoder.decode(s, "UTF-8");
            } catch (Exception e) {
                return s;
            }
        }

        @Override
        public String remoteAddr() {
            return (String) api.invoke(api.getRemoteAddr, request);
        }

        @Override
        public String path() {
            return (String) api.invoke(api.getRequestURI, request);
        }

        @Override
        public String method() {
            return (String) api.invoke(api.getMethod, request);
        }
    }
}
