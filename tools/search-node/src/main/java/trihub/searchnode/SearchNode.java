package trihub.searchnode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Test-only, single OpenSearch node bound to 127.0.0.1.
 *
 * <p>Usage: {@code java -cp ... trihub.searchnode.SearchNode [HTTP_PORT [PARENT_DIR]]}.
 * HTTP_PORT defaults to $SEARCH_NODE_PORT, then 9200. A fresh home/data folder is created
 * under PARENT_DIR (default java.io.tmpdir) and deleted when the node stops.
 * Prints {@code READY http://127.0.0.1:PORT} once cluster health is yellow or green,
 * then runs until SIGTERM/SIGINT.
 */
public final class SearchNode {

    private static final String HOST = "127.0.0.1";

    private static final String LOG4J2_PROPERTIES = String.join("\n",
        "status = error",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.target = SYSTEM_OUT",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n",
        "rootLogger.level = ${sys:trihub.search.loglevel:-info}",
        "rootLogger.appenderRef.console.ref = console",
        "");

    /** Node built with plugins given as classes on the classpath (as MockNode / codelibs' runner do). */
    private static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private SearchNode() {}

    public static void main(String[] args) throws Exception {
        // Our shutdown hook closes the node; log4j must still be up while it does.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");
        // OpenSearch's logging setup routes System.out through log4j: keep the real stdout
        // for the READY / FAILED / STOPPED lines that run.sh looks for.
        final PrintStream out = System.out;
        int port = parsePort(args.length > 0 ? args[0] : System.getenv().getOrDefault("SEARCH_NODE_PORT", "9200"));
        Path parent = Paths.get(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        Path home = Files.createTempDirectory(parent, "node-");
        Path config = Files.createDirectories(home.resolve("config"));
        Files.write(config.resolve("log4j2.properties"), LOG4J2_PROPERTIES.getBytes(StandardCharsets.UTF_8));

        Settings settings = Settings.builder()
            .put("cluster.name", "trihub-test")
            .put("node.name", "trihub-node")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", HOST)
            .put("http.port", Integer.toString(port))
            .put("transport.port", "9300-9400")
            .put("discovery.type", "single-node")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // a nearly full dev disk must not block shard allocation (health would stay red)
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();

        AtomicReference<Node> nodeRef = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Node node = nodeRef.get();
                if (node != null) {
                    node.close();
                    node.awaitClose(20, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                out.println("error while closing node: " + e);
            } finally {
                deleteRecursively(home);
                out.println("STOPPED");
                out.flush();
                stopped.countDown();
            }
        }, "search-node-shutdown"));

        try {
            Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> "trihub-node");
            LogConfigurator.registerErrorListener();
            LogConfigurator.setNodeName("trihub-node");
            LogConfigurator.configure(environment);

            List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);
            nodeRef.set(new ClasspathPluginNode(environment, plugins));
            nodeRef.get().start();
            ClusterHealthResponse health = nodeRef.get().client().admin().cluster().prepareHealth()
                .setWaitForYellowStatus()
                .setTimeout(TimeValue.timeValueSeconds(90))
                .get();
            if (health.isTimedOut()) {
                throw new IllegalStateException("cluster health stayed " + health.getStatus());
            }
            // One node: replicas can never be assigned, so new indices default to none and
            // health stays green. Read from the cluster metadata, hence a persistent setting.
            nodeRef.get().client().admin().cluster().prepareUpdateSettings()
                .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
                .get();
            out.println("READY http://" + HOST + ":" + port + " (status " + health.getStatus() + ", home " + home + ")");
            out.flush();
        } catch (Throwable t) {
            out.println("FAILED to start search node on " + HOST + ":" + port + ": " + t);
            t.printStackTrace(out);
            out.flush();
            System.exit(1); // the shutdown hook closes the node and deletes the folder
        }
        stopped.await();
    }

    private static int parsePort(String value) {
        int port = Integer.parseInt(value.trim());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad port " + value);
        }
        return port;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
