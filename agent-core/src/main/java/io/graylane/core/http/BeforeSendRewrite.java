package io.graylane.core.http;

import io.graylane.core.plugin.InstanceMethodRewrite;
import net.bytebuddy.jar.asm.MethodVisitor;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Two instructions at the entry of the methods of an HTTP client that send a request: {@code OutboundHttp.<hook>(local
 * <slot>)} — the request, or the connection. No ByteBuddy, so an application that makes HTTP calls while it starts
 * never waits for the agent's background set-up.
 */
final class BeforeSendRewrite extends InstanceMethodRewrite {
    private static final String OUTBOUND = "io/graylane/bootstrap/http/OutboundHttp";

    private final String typeName;
    private final String descriptorPrefix;
    private final int slot;
    private final String hook;
    private final String hookDescriptor;
    private final Set<String> methods;

    private BeforeSendRewrite(String typeName, String descriptorPrefix, int slot, String hook, String hookDescriptor,
                              String... methods) {
        this.typeName = typeName;
        this.descriptorPrefix = descriptorPrefix;
        this.slot = slot;
        this.hook = hook;
        this.hookDescriptor = hookDescriptor;
        this.methods = new HashSet<String>(Arrays.asList(methods));
    }

    /**
     * The JDK's {@code sun.net.www.protocol.http.HttpURLConnection} (http, and https through its delegate, which
     * overrides only {@code connect()}): {@code beforeSend(this)}, which adds the header while the request can still
     * take it.
     */
    static BeforeSendRewrite[] jdk() {
        return new BeforeSendRewrite[] {
            connection("sun.net.www.protocol.http.HttpURLConnection", "connect", "getOutputStream", "getInputStream"),
            connection("sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection", "connect")};
    }

    /**
     * Apache HttpClient's {@code ProtocolExec#execute} (4.x: the per-execution {@code HttpRequestWrapper}, 5.x classic:
     * the copy of the request the exec chain runs on): {@code beforeSendMessage(request)} — never the application's
     * own request object, which it may send again later on baseline.
     */
    static BeforeSendRewrite[] apache() {
        return new BeforeSendRewrite[] {
            new BeforeSendRewrite(unshaded("org", "apache", "http", "impl", "execchain", "ProtocolExec"),
                    "(Lorg/apache/http/conn/routing/HttpRoute;Lorg/apache/http/client/methods/HttpRequestWrapper;", 2,
                    "beforeSendMessage", "(Ljava/lang/Object;)V", "execute"),
            new BeforeSendRewrite(unshaded("org", "apache", "hc", "client5", "http", "impl", "classic", "ProtocolExec"),
                    "(Lorg/apache/hc/core5/http/ClassicHttpRequest;", 1, "beforeSendMessage", "(Ljava/lang/Object;)V",
                    "execute")};
    }

    /**
     * A class name joined at run time: the agent jar's build relocates the Apache HttpClient it bundles (for the Nacos
     * client) and, with it, every string constant that looks like one of its class names; the application's
     * HttpClient must be named as it is.
     */
    static String unshaded(String... parts) {
        return String.join(".", parts);
    }

    private static BeforeSendRewrite connection(String typeName, String... methods) {
        return new BeforeSendRewrite(typeName, "()", 0, "beforeSend", "(Ljava/net/URLConnection;)V", methods);
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    protected MethodVisitor rewriteMethod(int access, String name, String descriptor, MethodVisitor mv) {
        if (!methods.contains(name) || !descriptor.startsWith(descriptorPrefix)) {
            return null;
        }
        return callAtEntry(mv, slot, OUTBOUND, hook, hookDescriptor);
    }
}
