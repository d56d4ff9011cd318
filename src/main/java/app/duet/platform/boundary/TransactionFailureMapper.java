package app.duet.platform.boundary;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A failure at the commit of a {@code @Transactional} method, answered like any other failure
 * (a value too long for its column is a 400). Needed because Jersey brings a mapper of its own
 * for this type, more specific than {@link FailureMapper}, which answers 500 with an HTML page.
 */
@Provider
@Priority(1)
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

    @Override
    public Response toResponse(TransactionalException failure) {
        return FailureMapper.problem(failure);
    }
}
