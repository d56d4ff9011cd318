package app.duet.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date at start-up, before anything uses JPA: the SQL files of
 * {@code db/} (packaged as {@code db/migration}) applied by Flyway to the default datasource.
 * Beans that touch the database depend on it ({@code @DependsOn("Migrations")}).
 * Bean-managed transactions: Flyway commits on its own connections.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    /**
     * The default datasource. Left unmapped on purpose: Payara and WildFly bind an unmapped
     * DataSource reference to {@code java:comp/DefaultDataSource}, and TomEE, which has no such
     * JNDI name, to its default database.
     */
    @Resource
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // the target version is null when nothing was applied: the schema then stays where it was
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Database schema at version " + version + " ("
                + result.migrationsExecuted + " migrations applied now, " + result.database + ")");
    }
}
