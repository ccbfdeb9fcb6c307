package crux.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/** One line of the route table: method, path, who may use it, and the handler. */
public record Route(HandlerType method, String path, Access access, Handler handler) {

    public Route {
        Objects.requireNonNull(access, "every route declares who may use it: " + path);
    }

    public static Route get(String path, Access access, Handler handler) {
        return new Route(HandlerType.GET, path, access, handler);
    }

    public static Route post(String path, Access access, Handler handler) {
        return new Route(HandlerType.POST, path, access, handler);
    }
}
