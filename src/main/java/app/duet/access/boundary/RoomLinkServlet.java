package app.duet.access.boundary;

import app.duet.platform.entity.RoomId;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Short room links, {@code r/{room}} (and {@code r/{room}?token=…} from an operator's backend):
 * sent on to the call page, {@code ?room={room}} with the rest of the query as it came, so the page
 * reads them as it reads its own links. A path that is not a room id is 404.
 */
@WebServlet("/r/*")
public class RoomLinkServlet extends HttpServlet {

    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9._~%&=+-]{0,8192}");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String query = request.getQueryString();
        if (path == null || !path.startsWith("/") || !RoomId.valid(path.substring(1)) || (query != null && !QUERY.matcher(query).matches())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", request.getContextPath() + "/?room=" + path.substring(1)
                + (query == null || query.isEmpty() ? "" : "&" + query));
    }
}
