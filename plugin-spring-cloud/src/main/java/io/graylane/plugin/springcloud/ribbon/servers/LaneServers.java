package io.graylane.plugin.springcloud.ribbon.servers;

import io.graylane.plugin.springcloud.choice.LaneChoice;
import io.graylane.plugin.springcloud.ribbon.ServerFilter;
import com.netflix.loadbalancer.Server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Typed helper (one per application class loader): narrows Ribbon server lists by {@link LaneChoice}. Here no server
 * carries a lane (no discovery client whose servers this helper can read), so all are baseline; subclasses read it.
 */
public class LaneServers implements ServerFilter, LaneChoice.LaneOf<Server> {
    @Override
    public List<?> forLane(List<?> servers, String lane, boolean count) {
        List<Server> typed = new ArrayList<Server>(servers.size());
        for (Object s : servers) {
            if (!(s instanceof Server)) {
                return servers;
            }
            typed.add((Server) s);
        }
        return Collections.unmodifiableList(LaneChoice.choose(typed, lane, this, count));
    }

    /** The server's lane, null for baseline. */
    @Override
    public String laneOf(Server server) {
        return null;
    }
}
