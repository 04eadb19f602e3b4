package dev.graphkit.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Throwaway Neo4j Community server for graphkit's integration tests.
 *
 * <p>Starts an in-process DBMS with a Bolt connector on 127.0.0.1, authentication enabled, user
 * {@code neo4j} with the password from the environment variable
 * {@value #PASSWORD_ENV}. Prints one ready line on stdout once {@code RETURN 1} answers:
 *
 * <pre>GRAPHKIT_NEO4J_READY port=PORT version=VERSION</pre>
 *
 * <p>Usage: {@code TestServer --home DIR [--port N]}. Port 0 (the default) picks a free port.
 * The password is never taken from the command line (it would show in {@code ps}) and never
 * printed. SIGTERM / SIGINT shut the DBMS down cleanly.
 */
public final class TestServer {
    static final String PASSWORD_ENV = "GRAPHKIT_NEO4J_TEST_PASSWORD";
    static final String PAGECACHE_ENV = "GRAPHKIT_NEO4J_PAGECACHE_MB";
    static final String READY_PREFIX = "GRAPHKIT_NEO4J_READY";
    static final String HOST = "127.0.0.1";

    private TestServer() {}

    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(requireValue(args, ++i, "--home"));
                case "--port" -> port = parsePort(requireValue(args, ++i, "--port"));
                case "-h", "--help" -> {
                    System.out.println("usage: TestServer --home DIR [--port N]  (password from $" + PASSWORD_ENV + ")");
                    return;
                }
                default -> die("unknown argument: " + args[i]);
            }
        }
        if (home == null) {
            die("--home DIR is required");
        }
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            die("environment variable " + PASSWORD_ENV + " is not set");
        }
        if (password.length() < 8) {
            die(PASSWORD_ENV + " must be at least 8 characters (Neo4j's minimum password length)");
        }
        long pageCacheMb = 256;
        String pc = System.getenv(PAGECACHE_ENV);
        if (pc != null && !pc.isBlank()) {
            pageCacheMb = Long.parseLong(pc.trim());
        }

        Files.createDirectories(home);
        home = home.toAbsolutePath();

        // With port 0 we pick a free port and retry a few times if someone else grabs it first.
        boolean pickPort = port == 0;
        DatabaseManagementService dbms = null;
        for (int attempt = 1; dbms == null; attempt++) {
            int p = pickPort ? freePort() : port;
            try {
                dbms = start(home, p, pageCacheMb);
                port = p;
            } catch (RuntimeException e) {
                if (!pickPort || attempt >= 5 || !isBindFailure(e)) {
                    throw e;
                }
                System.err.println("port " + p + " was taken, retrying with another");
            }
        }

        final DatabaseManagementService service = dbms;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("shutting down Neo4j");
            try {
                service.shutdown();
            } finally {
                stopped.countDown();
            }
        }, "graphkit-neo4j-shutdown"));

        // Set the password of the built-in user `neo4j` (created by the system database on first
        // start with the default password `neo4j` and "change required"). Passed as a parameter,
        // so it never appears in a query string.
        service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        String version = db.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                r -> r.hasNext() ? String.valueOf(r.next().get("v")) : "unknown");

        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(READY_PREFIX + " port=" + port + " version=" + version);
        out.flush();

        stopped.await();
    }

    private static DatabaseManagementService start(Path home, int port, long pageCacheMb) {
        SocketAddress address = new SocketAddress(HOST, port);
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, address)
                // The routing table (neo4j:// URIs) hands out the advertised address.
                .setConfig(BoltConnector.advertised_address, address)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                // Test data is thrown away: don't preallocate 256 MB transaction log files per database.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // The Bolt server otherwise waits 2 x 5 s on shutdown; a test server can stop faster.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("Address already in use") || m.contains("bind"))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                die("port out of range: " + s);
            }
            return p;
        } catch (NumberFormatException e) {
            die("not a port number: " + s);
            return -1;
        }
    }

    private static String requireValue(String[] args, int i, String flag) {
        if (i >= args.length) {
            die(flag + " needs a value");
        }
        return args[i];
    }

    private static void die(String message) {
        System.err.println("TestServer: " + message);
        System.exit(2);
    }
}
