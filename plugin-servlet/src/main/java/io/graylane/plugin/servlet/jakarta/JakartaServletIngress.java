package io.graylane.plugin.servlet.jakarta;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.core.ingress.IngressRequest;
import io.graylane.plugin.servlet.QueryStrings;
import io.graylane.plugin.servlet.ServletFlavor;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Typed helper for {@code jakarta.servlet}: defined per application class loader by the plugin runtime, compiled against
 * the servlet API. The lane is decided once, at the request's first entry, and kept as a request attribute: nested
 * entries and async re-dispatches find it there instead of deciding again.
 */
public final class JakartaServletIngress implements ServletFlavor {
    @Override
    public LaneSnapshot enter(IngressColoring coloring, Object req, Object res) {
        if (!(req instanceof HttpServletRequest)) {
            return LaneContext.current();
        }
        HttpServletRequest request = (HttpServletRequest) req;
        Object seen = request.getAttribute(ATTRIBUTE);
        if (seen != null) {
            return LaneContext.swap(seen instanceof LaneSnapshot ? (LaneSnapshot) seen : null);
        }
        LaneSnapshot lane = coloring.decide(new Request(request));
        request.setAttribute(ATTRIBUTE, lane == null ? BASELINE : lane);
        String header = coloring.responseHeader();
        if (header != null && res instanceof HttpServletResponse) {
            ((HttpServletResponse) res).setHeader(header, lane == null ? BASELINE : lane.lane());
        }
        return LaneContext.swap(lane);
    }

    @Override
    public boolean answerOffline(String healthPath, Object req, Object res) throws java.io.IOException {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)
                || !healthPath.equals(((HttpServletRequest) req).getRequestURI())) {
            return false;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        if (!response.isCommitted()) {
            response.setStatus(503);
            response.setContentType("text/plain");
            response.getWriter().write("offline\n");
        }
        return true;
    }

    /** A lazy view of one request: nothing is read until a rule asks for it. */
    static final class Request implements IngressRequest {
        private final HttpServletRequest request;

        Request(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public String header(String name) {
            return request.getHeader(name);
        }

        @Override
        public List<String> headers(String name) {
            Enumeration<String> values = request.getHeaders(name);
            if (values == null || !values.hasMoreElements()) {
                return Collections.emptyList();
            }
            List<String> out = new ArrayList<String>(2);
            while (values.hasMoreElements()) {
                out.add(values.nextElement());
            }
            return out;
        }

        @Override
        public String cookie(String name) {
            Cookie[] cookies = request.getCookies();
            if (cookies != null) {
                for (Cookie c : cookies) {
                    if (c != null && name.equals(c.getName())) {
                        return c.getValue();
                    }
                }
            }
            return null;
        }

        @Override
        public String query(String name) {
            return QueryStrings.parameter(request.getQueryString(), name);
        }

        @Override
        public String remoteAddr() {
            return ((ServletRequest) request).getRemoteAddr();
        }

        @Override
        public String localAddr() {
            return ((ServletRequest) request).getLocalAddr();
        }

        @Override
        public String path() {
            return request.getRequestURI();
        }

        @Override
        public String method() {
            return request.getMethod();
        }
    }
}
