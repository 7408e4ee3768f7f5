package io.stashwatch.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stashwatch.config.ConfigException;
import io.stashwatch.config.Option;
import io.stashwatch.config.Options;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Docker is not available where stashwatch is built, so {@code docker-compose.yml} cannot be run
 * here; this test checks what can be checked without it: the services, pinned images, that every
 * job-option environment variable is a real option with a valid value, that the database and demo
 * credentials agree between services, volumes, the Flink configuration mounts and ports.
 * Values are read with their compose defaults ({@code ${NAME:-default}}), as with an empty .env.
 */
class DockerComposeConsistencyTest {
    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final Path CONFIG = Path.of("conf/config.yaml");
    private static final List<String> FLINK_SERVICES = List.of("jobmanager", "taskmanager", "client");
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void parse() throws IOException {
        compose = new YAMLMapper().readTree(COMPOSE.toFile());
        services = compose.path("services");
        assertThat(services.isObject()).as("docker-compose.yml has a services mapping").isTrue();
    }

    @Test
    void expectedServicesExist() {
        assertThat(names(services)).contains("postgres", "jobmanager", "taskmanager", "client", "simulator",
                "jupyter", "zeppelin");
        assertThat(texts(services.path("simulator").path("profiles"))).as("the simulator is an optional profile")
                .containsExactly("simulator");
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        for (String name : names(services)) {
            String image = services.path(name).path("image").asText("");
            assertThat(image).as("image of service %s", name).isNotEmpty();
            if (image.contains("@sha256:")) {
                continue;
            }
            int slash = image.lastIndexOf('/');
            int colon = image.indexOf(':', slash + 1);
            assertThat(colon).as("image %s of %s has a tag", image, name).isPositive();
            String tag = image.substring(colon + 1);
            assertThat(tag).as("tag of %s (%s)", image, name).isNotEqualToIgnoringCase("latest").matches(".*\\d.*");
        }
    }

    @Test
    void flinkImagesMatchTheBuild() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String flinkVersion = property(pom, "flink.version");
        String release = property(pom, "maven.compiler.release");
        for (String name : FLINK_SERVICES) {
            assertThat(services.path(name).path("image").asText())
                    .as("Flink image of %s: same Flink and Java as the jar", name)
                    .isEqualTo("flink:" + flinkVersion + "-java" + release);
        }
    }

    @Test
    void optionLikeVariablesAreRealOptionsWithValidValues() {
        Map<String, Option<?>> byEnv = new HashMap<>();
        Set<String> optionPrefixes = new TreeSet<>();
        for (Option<?> o : Options.all()) {
            byEnv.put(o.envName(), o);
            optionPrefixes.add(o.envName().split("_")[0]);
        }
        List<String> problems = new ArrayList<>();
        for (String service : names(services)) {
            environment(service).forEach((name, value) -> {
                if (!optionPrefixes.contains(name.split("_")[0])) {
                    return;
                }
                Option<?> option = byEnv.get(name);
                if (option == null) {
                    problems.add(service + ": " + name + " looks like a stashwatch option but is none");
                } else if (value.isEmpty()) {
                    if (option.defaultValue() != null) {
                        problems.add(service + ": " + name + " is empty, which replaces the default '"
                                + option.defaultText() + "' by 'unset'");
                    }
                } else {
                    try {
                        option.parse(value, service + " " + name);
                    } catch (ConfigException e) {
                        problems.add(e.getMessage());
                    }
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void clientSetsWhatAClusterRunNeeds() {
        Map<String, String> env = environment("client");
        for (Option<?> o : List.of(Options.JDBC_URL, Options.JDBC_USER, Options.JDBC_PASSWORD, Options.POE_CLIENT_ID,
                Options.POE_CLIENT_SECRET, Options.POE_CONTACT, Options.STATE_DIR, Options.PARALLELISM)) {
            assertThat(env.get(o.envName())).as("client sets %s", o.envName()).isNotBlank();
        }
        assertThat(texts(services.path("client").path("command")))
                .as("the client submits the fat jar detached")
                .containsSubsequence("flink", "run", "-d")
                .last().asString().endsWith("stashwatch.jar");
        String jarInContainer = texts(services.path("client").path("command")).get(
                texts(services.path("client").path("command")).size() - 1);
        assertThat(mounts("client")).anySatisfy(m -> {
            assertThat(m.source()).isEqualTo("./target/stashwatch.jar");
            assertThat(m.target()).isEqualTo(jarInContainer);
        });
        assertThat(Integer.parseInt(env.get(Options.PARALLELISM.envName())))
                .as("parallelism fits the task manager's slots")
                .isBetween(1, Integer.parseInt(flinkConfig().get("taskmanager.numberOfTaskSlots")));
    }

    @Test
    void stateAndArrowDirectoriesAreSharedByJobManagerAndTaskManagers() {
        Map<String, String> env = environment("client");
        String stateDir = URI.create(env.get(Options.STATE_DIR.envName())).getPath();
        String arrowDir = env.get(Options.ARROW_DIR.envName());
        Map<String, String> conf = flinkConfig();
        String checkpoints = URI.create(conf.get("execution.checkpointing.dir")).getPath();
        String savepoints = URI.create(conf.get("execution.checkpointing.savepoint-dir")).getPath();
        for (String path : List.of(stateDir, arrowDir, checkpoints, savepoints)) {
            String jm = namedVolumeUnder("jobmanager", path);
            String tm = namedVolumeUnder("taskmanager", path);
            assertThat(jm).as("%s is on a named volume of the jobmanager", path).isNotNull();
            assertThat(tm).as("%s is on the same volume in the taskmanager", path).isEqualTo(jm);
        }
        assertThat(namedVolumeUnder("jupyter", environment("jupyter").get("ARROW_DIR")))
                .as("the notebooks read the Arrow files the task managers write")
                .isEqualTo(namedVolumeUnder("taskmanager", arrowDir));
        assertThat(environment("jupyter").get("ARROW_DIR")).isEqualTo(arrowDir);
    }

    @Test
    void databaseSettingsAgreeEverywhere() {
        Map<String, String> pg = environment("postgres");
        Map<String, String> client = environment("client");
        for (String service : List.of("client", "jupyter", "zeppelin")) {
            Map<String, String> env = environment(service);
            for (String key : List.of("JDBC_URL", "JDBC_USER", "JDBC_PASSWORD")) {
                assertThat(env.get(key)).as("%s of %s", key, service).isEqualTo(client.get(key));
            }
        }
        URI url = URI.create(client.get("JDBC_URL").substring("jdbc:".length()));
        assertThat(url.getScheme()).isEqualTo("postgresql");
        assertThat(url.getHost()).as("JDBC_URL names the postgres service").isEqualTo("postgres");
        assertThat(url.getPath()).isEqualTo("/" + pg.get("POSTGRES_DB"));
        assertThat(client.get("JDBC_USER")).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(client.get("JDBC_PASSWORD")).isEqualTo(pg.get("POSTGRES_PASSWORD"));
        assertThat(environment("zeppelin").get("ZEPPELIN_JAVA_OPTS"))
                .contains("-Ddefault.url=" + client.get("JDBC_URL"))
                .contains("-Ddefault.user=" + client.get("JDBC_USER"))
                .contains("-Ddefault.password=" + client.get("JDBC_PASSWORD"));
    }

    @Test
    void demoDefaultsPointTheClientAtTheSimulator() {
        Map<String, String> client = environment("client");
        Map<String, String> sim = environment("simulator");
        assertThat(client.get("POE_CLIENT_ID")).isEqualTo(sim.get("POE_CLIENT_ID")).isEqualTo("stashwatch-demo");
        assertThat(client.get("POE_CLIENT_SECRET")).isEqualTo(sim.get("POE_CLIENT_SECRET"))
                .isEqualTo("stashwatch-demo-secret");
        for (String key : List.of("POE_API_URL", "POE_TOKEN_URL")) {
            URI uri = URI.create(client.get(key));
            assertThat(uri.getHost()).as(key).isEqualTo("simulator");
            assertThat(uri.getPort()).as(key).isEqualTo(Integer.parseInt(sim.get("SIM_PORT")));
        }
        assertThat(publishedPorts("simulator")).containsValue(Integer.parseInt(sim.get("SIM_PORT")));
        assertThat(texts(services.path("simulator").path("command"))).contains("simulate");
    }

    @Test
    void flinkServicesUseTheProjectConfiguration() {
        for (String service : FLINK_SERVICES) {
            List<Mount> mounts = mounts(service);
            String entrypoint = String.join(" ", texts(services.path(service).path("entrypoint")));
            for (String file : List.of("./conf/config.yaml", "./conf/log4j-console.properties")) {
                Mount mount = mounts.stream().filter(m -> m.source().equals(file)).findFirst()
                        .orElseThrow(() -> new AssertionError(service + " does not mount " + file));
                assertThat(mount.readOnly()).as("%s mounts %s read-only", service, file).isTrue();
                assertThat(entrypoint).as("%s copies %s into the Flink conf directory", service, file)
                        .contains(mount.target()).contains("/opt/flink/conf/");
            }
            assertThat(entrypoint).endsWith("exec /docker-entrypoint.sh \"$@\" --");
        }
        Map<String, String> conf = flinkConfig();
        assertThat(publishedPorts("jobmanager")).as("web UI and Prometheus ports of the jobmanager")
                .containsValues(Integer.parseInt(conf.get("rest.port")),
                        Integer.parseInt(conf.get("metrics.reporter.prom.port")));
        assertThat(conf.get("rest.address")).as("the client reaches the REST API by service name")
                .isEqualTo("jobmanager");
        assertThat(conf.get("jobmanager.rpc.address")).isEqualTo("jobmanager");
        for (String service : FLINK_SERVICES) {
            assertThat(environment(service).get("JOB_MANAGER_RPC_ADDRESS")).isEqualTo("jobmanager");
        }
    }

    @Test
    void volumesAndBindMountsExist() {
        Set<String> declared = names(compose.path("volumes"));
        for (String service : names(services)) {
            for (Mount m : mounts(service)) {
                if (m.source().startsWith(".") || m.source().startsWith("/")) {
                    if (!m.source().startsWith("./target/")) { // build output
                        assertThat(Path.of(m.source())).as("bind mount source of %s", service).exists();
                    }
                } else {
                    assertThat(declared).as("named volume %s of %s is declared", m.source(), service)
                            .contains(m.source());
                }
            }
        }
    }

    @Test
    void publishedPortsDoNotClash() {
        Map<Integer, String> hostPorts = new HashMap<>();
        for (String service : names(services)) {
            publishedPorts(service).forEach((host, container) -> {
                String previous = hostPorts.put(host, service);
                if (previous != null) {
                    fail("host port " + host + " is published by both " + previous + " and " + service);
                }
            });
        }
        assertThat(hostPorts).containsKeys(5432, 8081, 8888);
    }

    @Test
    void dependenciesExistAndOptionalProfilesAreNotRequired() {
        for (String service : names(services)) {
            JsonNode deps = services.path(service).path("depends_on");
            Set<String> own = new TreeSet<>(texts(services.path(service).path("profiles")));
            for (String dep : deps.isArray() ? texts(deps) : new ArrayList<>(names(deps))) {
                assertThat(names(services)).as("%s depends on %s", service, dep).contains(dep);
                Set<String> depProfiles = new TreeSet<>(texts(services.path(dep).path("profiles")));
                if (!depProfiles.isEmpty() && !own.containsAll(depProfiles)) {
                    assertThat(deps.path(dep).path("required").asBoolean(true))
                            .as("%s must not require %s, which only runs with profile %s", service, dep, depProfiles)
                            .isFalse();
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A service's environment with compose defaults applied. */
    private static Map<String, String> environment(String service) {
        JsonNode env = services.path(service).path("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env.isArray()) {
            for (JsonNode item : env) {
                String[] kv = item.asText().split("=", 2);
                out.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : "");
            }
        } else {
            env.fields().forEachRemaining(e -> out.put(e.getKey(), interpolate(e.getValue().asText(""))));
        }
        return out;
    }

    /** Compose interpolation with an empty environment: defaults apply, {@code $$} is a literal dollar. */
    static String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else if (m.group(2) != null && m.group(2).endsWith("-")) {
                replacement = interpolate(m.group(3));
            } else if (m.group(2) != null && m.group(2).endsWith("?")) {
                throw new AssertionError("compose requires variable " + m.group(1) + ": " + m.group(3));
            } else {
                replacement = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    record Mount(String source, String target, boolean readOnly) {
    }

    private static List<Mount> mounts(String service) {
        List<Mount> out = new ArrayList<>();
        for (JsonNode v : services.path(service).path("volumes")) {
            if (v.isTextual()) {
                String[] parts = interpolate(v.asText()).split(":");
                out.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
            } else {
                out.add(new Mount(v.path("source").asText(), v.path("target").asText(),
                        v.path("read_only").asBoolean(false)));
            }
        }
        return out;
    }

    /** The named volume whose mount point contains {@code path} in this service, or null. */
    private static String namedVolumeUnder(String service, String path) {
        for (Mount m : mounts(service)) {
            boolean named = !m.source().startsWith(".") && !m.source().startsWith("/");
            if (named && (path.equals(m.target()) || path.startsWith(m.target() + "/"))) {
                return m.source();
            }
        }
        return null;
    }

    /** host port -> container port. */
    private static Map<Integer, Integer> publishedPorts(String service) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (JsonNode p : services.path(service).path("ports")) {
            String[] parts = interpolate(p.asText()).split(":");
            assertThat(parts).as("port mapping %s of %s is host:container", p.asText(), service).hasSize(2);
            out.put(Integer.parseInt(parts[0]), Integer.parseInt(parts[1].replace("/tcp", "")));
        }
        return out;
    }

    private static Map<String, String> flinkConfig() {
        try {
            return ClusterConfigTest.flatten(new YAMLMapper().readTree(CONFIG.toFile()));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + CONFIG, e);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.addAll(List.of(node.asText().split("\\s+")));
        }
        return out.stream().map(DockerComposeConsistencyTest::interpolate).collect(Collectors.toList());
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as("pom.xml property %s", name).isTrue();
        return m.group(1).trim();
    }
}
