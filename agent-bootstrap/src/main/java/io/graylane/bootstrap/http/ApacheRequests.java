package io.graylane.bootstrap.http;

import java.lang.reflect.Method;
import java.net.URI;

/**
 * Headers and destination of an Apache HttpClient request through the clients' public interfaces, by reflection (the
 * bootstrap cannot see the application's libraries): 4.x {@code HttpRequestWrapper}, 5.x {@code ClassicHttpRequest}.
 * Class names are joined at run time: the agent jar's build relocates string constants that look like the class names
 * of the HttpClient it bundles; the application's own classes must be named as they are.
 */
final class ApacheRequests {
    private ApacheRequests() {
    }

    private static final ClassValue<OutboundHttp.RequestAccess> ACCESS = new ClassValue<OutboundHttp.RequestAccess>() {
        @Override
        protected OutboundHttp.RequestAccess computeValue(Class<?> type) {
            OutboundHttp.RequestAccess a = Hc4.of(type);
            return a != null ? a : Hc5.of(type);
        }
    };

    /** For a request class of HttpClient 4 or 5, or null. */
    static OutboundHttp.RequestAccess of(Class<?> type) {
        return ACCESS.get(type);
    }

    private static String name(String... parts) {
        return String.join(".", parts);
    }

    private static Class<?> type(Class<?> of, String name) throws ClassNotFoundException {
        return Class.forName(name, false, of.getClassLoader());
    }

    /** Header access common to both versions. */
    private abstract static class Messages extends OutboundHttp.RequestAccess {
        final Method getFirstHeader;
        final Method headerValue;
        final Method setHeader;
        final Method removeHeaders;

        Messages(Method getFirstHeader, Method headerValue, Method setHeader, Method removeHeaders) {
            this.getFirstHeader = getFirstHeader;
            this.headerValue = headerValue;
            this.setHeader = setHeader;
            this.removeHeaders = removeHeaders;
        }

        @Override
        String header(Object request, String name) throws Exception {
            Object h = getFirstHeader.invoke(request, name);
            return h == null ? null : (String) headerValue.invoke(h);
        }

        @Override
        void set(Object request, String name, String value) throws Exception {
            setHeader.invoke(request, name, value);
        }

        @Override
        void remove(Object request, String name) throws Exception {
            removeHeaders.invoke(request, name);
        }
    }

    /** HttpClient 4.x: the exec chain's {@code HttpRequestWrapper}. */
    private static final class Hc4 extends Messages {
        private final Method getMethod;
        private final Method getUri;
        private final Method getTarget;
        private final Method hostName;

        private Hc4(Method[] m) {
            super(m[0], m[1], m[2], m[3]);
            getMethod = m[4];
            getUri = m[5];
            getTarget = m[6];
            hostName = m[7];
        }

        static Hc4 of(Class<?> type) {
            try {
                Class<?> message = type(type, name("org", "apache", "http", "HttpMessage"));
                Class<?> wrapper = type(type, name("org", "apache", "http", "client", "methods", "HttpRequestWrapper"));
                if (!wrapper.isAssignableFrom(type)) {
                    return null;
                }
                Class<?> uriRequest = type(type, name("org", "apache", "http", "client", "methods", "HttpUriRequest"));
                Class<?> header = type(type, name("org", "apache", "http", "Header"));
                Class<?> host = type(type, name("org", "apache", "http", "HttpHost"));
                return new Hc4(new Method[] {message.getMethod("getFirstHeader", String.class),
                    header.getMethod("getValue"), message.getMethod("setHeader", String.class, String.class),
                    message.getMethod("removeHeaders", String.class), uriRequest.getMethod("getMethod"),
                    uriRequest.getMethod("getURI"), wrapper.getMethod("getTarget"), host.getMethod("getHostName")});
            } catch (Throwable notThisClient) {
                return null;
            }
        }

        @Override
        String[] target(Object request) throws Exception {
            URI uri = (URI) getUri.invoke(request);
            Object target = getTarget.invoke(request);
            String host = target != null ? (String) hostName.invoke(target) : uri == null ? null : uri.getHost();
            return host == null ? null
                    : new String[] {host, (String) getMethod.invoke(request), uri == null ? "/" : uri.getRawPath()};
        }
    }

    /** HttpClient 5.x classic: the copy of the request the exec chain runs on. */
    private static final class Hc5 extends Messages {
        private final Method getMethod;
        private final Method getPath;
        private final Method getAuthority;
        private final Method hostName;

        private Hc5(Method[] m) {
            super(m[0], m[1], m[2], m[3]);
            getMethod = m[4];
            getPath = m[5];
            getAuthority = m[6];
            hostName = m[7];
        }

        static Hc5 of(Class<?> type) {
            try {
                Class<?> request = type(type, name("org", "apache", "hc", "core5", "http", "HttpRequest"));
                if (!request.isAssignableFrom(type)) {
                    return null;
                }
                Class<?> headers = type(type, name("org", "apache", "hc", "core5", "http", "MessageHeaders"));
                Class<?> message = type(type, name("org", "apache", "hc", "core5", "http", "HttpMessage"));
                Class<?> nameValue = type(type, name("org", "apache", "hc", "core5", "http", "NameValuePair"));
                Class<?> authority = type(type, name("org", "apache", "hc", "core5", "net", "URIAuthority"));
                return new Hc5(new Method[] {headers.getMethod("getFirstHeader", String.class),
                    nameValue.getMethod("getValue"), message.getMethod("setHeader", String.class, Object.class),
                    message.getMethod("removeHeaders", String.class), request.getMethod("getMethod"),
                    request.getMethod("getPath"), request.getMethod("getAuthority"), authority.getMethod("getHostName")});
            } catch (Throwable notThisClient) {
                return null;
            }
        }

        @Override
        String[] target(Object request) throws Exception {
            Object authority = getAuthority.invoke(request);
            String host = authority == null ? null : (String) hostName.invoke(authority);
            return host == null ? null
                    : new String[] {host, (String) getMethod.invoke(request), LaneSignature.path((String) getPath.invoke(request))};
        }
    }
}
