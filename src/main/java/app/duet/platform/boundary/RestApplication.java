package app.duet.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The REST API lives under {@code /api}. */
@ApplicationPath("api")
public class RestApplication extends Application {

    /**
     * No generated description of the API for anonymous callers: Jersey (Payara) serves
     * {@code api/application.wadl} listing every admin resource unless told not to. A plain
     * property, ignored by the other servers' JAX-RS implementations (RESTEasy has no WADL;
     * CXF's {@code ?_wadl} is checked by {@code ApiSurfaceIT}).
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
