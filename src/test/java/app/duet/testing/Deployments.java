package app.duet.testing;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build made, for Arquillian, and addresses on the deployed app. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive duet() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("duet.war", "target/duet.war")));
    }

    /** The deployed app's base address, on loopback whatever interface the container reported. */
    public static URI base(URL deployed) {
        String path = deployed.getPath().endsWith("/") ? deployed.getPath() : deployed.getPath() + "/";
        return URI.create("http://127.0.0.1:" + deployed.getPort() + path);
    }

    public static URI signal(URL deployed, String room) {
        URI base = base(deployed);
        return URI.create("ws://" + base.getAuthority() + base.getPath() + "signal/" + room);
    }
}
