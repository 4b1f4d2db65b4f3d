package io.graylane.core.http;

import io.graylane.core.plugin.InstanceMethodRewrite;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code sun.net.www.protocol.http.HttpURLConnection} (the JDK's http client and, through its delegate, https; the
 * delegate overrides only {@code connect()}): the calls that send the request — {@code connect()},
 * {@code getOutputStream()}, {@code getInputStream()} — start with
 * {@code OutboundHttp.beforeSend(this)}, which adds the lane header while the request can still take it. Two
 * instructions, no ByteBuddy: an application that makes an HTTP call while it starts never waits for ByteBuddy's
 * background set-up.
 */
final class HttpUrlConnectionRewrite extends InstanceMethodRewrite {
    private final String typeName;
    private final Set<String> methods;

    private HttpUrlConnectionRewrite(String typeName, String... methods) {
        this.typeName = typeName;
        this.methods = new HashSet<String>(Arrays.asList(methods));
    }

    /** The http client itself. */
    static HttpUrlConnectionRewrite http() {
        return new HttpUrlConnectionRewrite("sun.net.www.protocol.http.HttpURLConnection",
                "connect", "getOutputStream", "getInputStream");
    }

    /** The https delegate's own {@code connect()} (its streams are the http client's, inherited). */
    static HttpUrlConnectionRewrite httpsConnect() {
        return new HttpUrlConnectionRewrite("sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection", "connect");
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    protected MethodVisitor rewriteMethod(String name, String descriptor, MethodVisitor mv) {
        if (!descriptor.startsWith("()") || !methods.contains(name)) {
            return null;
        }
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitCode() {
                super.visitCode();
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "io/graylane/bootstrap/http/OutboundHttp", "beforeSend",
                        "(Ljava/net/URLConnection;)V", false);
            }
        };
    }
}
