package io.graylane.core.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ports a standalone Tomcat's {@code conf/server.xml} opens: its {@code <Connector port>}s and shutdown port. */
final class TomcatServerXml {
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern ELEMENT = Pattern.compile("<(Connector|Server)\\b([^>]*)>", Pattern.DOTALL);
    private static final Pattern PORT = Pattern.compile("\\bport\\s*=\\s*\"(\\d{1,5})\"");

    private TomcatServerXml() {
    }

    static List<Integer> ports(String xml) {
        List<Integer> ports = new ArrayList<Integer>();
        if (xml == null) {
            return ports;
        }
        Matcher e = ELEMENT.matcher(COMMENT.matcher(xml).replaceAll(""));
        while (e.find()) {
            Matcher p = PORT.matcher(e.group(2));
            if (p.find()) {
                int port = Integer.parseInt(p.group(1));
                if (port > 0 && port <= 65535) {
                    ports.add(port);
                }
            }
        }
        return ports;
    }
}
