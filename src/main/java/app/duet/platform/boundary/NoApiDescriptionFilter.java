package app.duet.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * No generated description of the API for anyone: Jersey (Payara) serves
 * {@code api/application.wadl} and CXF (TomEE) answers {@code ?_wadl} on any path, each listing
 * every admin resource. Refused here, the same way on every server, before the JAX-RS runtime.
 */
@WebFilter("/api/*")
public class NoApiDescriptionFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String query = request.getQueryString();
        if (request.getRequestURI().endsWith(".wadl") || (query != null && query.matches("(^|.*&)_wadl(=.*|&.*|$)"))) {
            Problems.write(response, HttpServletResponse.SC_NOT_FOUND, "not-found", "There is no API description here; see the README.");
            return;
        }
        chain.doFilter(request, response);
    }
}
