package io.graylane.plugin.nacosnaming;

/**
 * What the node lifecycle needs from the application's Nacos naming client (typed helper per application class
 * loader, against nacos-client's {@code NamingService} and {@code Instance}).
 */
public interface NamingRegistrations {
    /** Puts {@code key=lane} into the instance's metadata unless the application set that key itself. */
    void addLane(Object instance, String key, String lane);

    /** The instance's address as Nacos identifies it within a service: {@code ip:port#cluster}. */
    String address(Object instance);

    void deregister(Object namingService, String serviceName, String groupName, Object instance) throws Exception;

    void register(Object namingService, String serviceName, String groupName, Object instance) throws Exception;
}
