package booth.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the shared real cluster: {@code @ExtendWith(CassandraClusterExtension.class)}
 * and a {@link CassandraCluster} parameter.
 *
 * <p>The cluster starts on first use and lives in the root store, so every test class of the
 * run shares it and JUnit closes (stops) it once the whole run ends, passed or failed. Before
 * each test the cluster is reset: all nodes powered and up, test keyspaces dropped.
 */
public final class CassandraClusterExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CassandraClusterExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        cluster(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CassandraCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    private static CassandraCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(CassandraCluster.class, key -> {
            try {
                return CassandraCluster.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the CI cluster: " + e.getMessage(), e);
            }
        }, CassandraCluster.class);
    }
}
