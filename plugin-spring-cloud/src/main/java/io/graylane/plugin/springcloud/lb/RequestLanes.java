package io.graylane.plugin.springcloud.lb;

import io.graylane.bootstrap.http.ReactiveHttp;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import reactor.util.context.ContextView;

import java.util.Map;

/** Where a load-balanced call's lane is found when it does not live on the calling thread. */
final class RequestLanes {
    private RequestLanes() {
    }

    /**
     * The lane in the attributes of the load balancer's request ({@code ReactiveHttp.ATTRIBUTE}: a gateway exchange's
     * attributes, a WebClient request's): the lane, {@code ""} for baseline, null when there is none.
     */
    @SuppressWarnings("rawtypes")
    static String attributeLane(Request request) {
        Object context = request == null ? null : request.getContext();
        if (!(context instanceof RequestDataContext)) {
            return null;
        }
        RequestData data = ((RequestDataContext) context).getClientRequest();
        Map<String, Object> attributes = data == null ? null : data.getAttributes();
        return attributes == null ? null : ReactiveHttp.laneOf(attributes.get(ReactiveHttp.ATTRIBUTE));
    }

    /** The lane in a Reactor Context ({@code ""} for baseline), else {@code otherwise}. */
    static String contextLane(ContextView context, String otherwise) {
        if (context.hasKey(ReactiveHttp.ATTRIBUTE)) {
            String lane = ReactiveHttp.laneOf(context.get(ReactiveHttp.ATTRIBUTE));
            if (lane != null) {
                return lane;
            }
        }
        return otherwise;
    }
}
