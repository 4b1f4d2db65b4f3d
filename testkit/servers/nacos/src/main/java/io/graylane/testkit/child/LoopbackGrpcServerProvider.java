package io.graylane.testkit.child;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerProvider;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

/**
 * gRPC server provider that binds {@code ServerBuilder.forPort(p)} to 127.0.0.1 instead of the wildcard
 * address. Nacos' embedded JRaft (port main-1000, started even standalone) builds its server that way and
 * has no bind setting; with a priority above grpc-netty-shaded's (5) this provider wins, and no Nacos
 * class is touched.
 */
public final class LoopbackGrpcServerProvider extends ServerProvider {

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 9;
    }

    @Override
    protected ServerBuilder<?> builderForPort(int port) {
        return NettyServerBuilder.forAddress(loopback(port));
    }

    @Override
    protected NewServerBuilderResult newServerBuilderForPort(int port, ServerCredentials creds) {
        return NewServerBuilderResult.serverBuilder(NettyServerBuilder.forAddress(loopback(port), creds));
    }
}
