package io.graylane.core.ingress;

import java.util.Collections;

/**
 * Test access to graylane's own ingress signature check ({@link LaneSignatureCheck}, package-private): would a node
 * listening on {@code localAddr} believe {@code signature} for {@code lane} on a request {@code method path}, now?
 */
public final class SignatureVerifier {
    private SignatureVerifier() {
    }

    public static boolean verifies(String secret, String lane, String signature, String method, String path,
                                   String localAddr) {
        IngressRequest request = new IngressRequest() {
            @Override
            public String header(String name) {
                return null;
            }

            @Override
            public String cookie(String name) {
                return null;
            }

            @Override
            public String query(String name) {
                return null;
            }

            @Override
            public String remoteAddr() {
                return "127.0.0.1";
            }

            @Override
            public String localAddr() {
                return localAddr;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String method() {
                return method;
            }
        };
        return new LaneSignatureCheck(secret, Collections.<String>emptyList())
                .verify(lane, signature, request, System.currentTimeMillis() / 1000);
    }
}
