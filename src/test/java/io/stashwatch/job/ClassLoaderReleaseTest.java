package io.stashwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.db.JdbcDrivers;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.http.PoeHttp;
import io.stashwatch.simulator.market.MarketFeed;
import io.stashwatch.simulator.market.MarketSettings;
import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClassLoaderReleaseTest {

    @Test
    void inTheApplicationClassLoaderNothingIsReleased() throws Exception {
        assertThat(JdbcDrivers.deregisterJobDrivers()).isZero();
        ClassLoaderRelease.run();
        assertThat(DriverManager.getDriver("jdbc:postgresql://localhost/stashwatch").getClass().getName())
                .isEqualTo("org.postgresql.Driver");
    }

    /** A job class loader (as a cluster gives the job jar) defines its own driver; it is deregistered once. */
    @Test
    void driversOfAJobClassLoaderAreDeregistered() throws Exception {
        URL[] jar = {location(JdbcDrivers.class), location(org.postgresql.Driver.class)};
        try (URLClassLoader job = new ChildFirst(jar, ClassLoaderReleaseTest.class.getClassLoader())) {
            Class<?> driver = Class.forName("org.postgresql.Driver", true, job);
            assertThat(driver.getClassLoader()).isSameAs(job);
            Class<?> drivers = Class.forName(JdbcDrivers.class.getName(), true, job);
            assertThat(drivers.getClassLoader()).isSameAs(job);
            assertThat(drivers.getMethod("deregisterJobDrivers").invoke(null)).as("the job's own driver").isEqualTo(1);
            assertThat(drivers.getMethod("deregisterJobDrivers").invoke(null)).as("already gone").isEqualTo(0);
        }
        assertThat(DriverManager.getDriver("jdbc:postgresql://localhost/stashwatch").getClass().getClassLoader())
                .as("the application's driver stays").isSameAs(org.postgresql.Driver.class.getClassLoader());
    }

    @Test
    void afterTheSharedHttpClientIsReleasedTheNextRequestGetsANewOne() throws Exception {
        try (SimulatorServer simulator = new SimulatorServer(SimulatorSettings.builder().pace(Duration.ZERO).build(),
                new MarketFeed(MarketSettings.builder().pages(3).stashesPerPage(2).build())).start()) {
            PoeHttp http = PoeHttp.shared(PoeSettings.builder().apiUrl(URI.create(simulator.baseUrl()))
                    .tokenUrl(URI.create(simulator.tokenUrl())).clientId("release-test").clientSecret("s")
                    .contact("release-test@stashwatch.invalid").build());
            URI head = URI.create(simulator.headUrl());
            assertThat(http.plainGet(head).status()).isEqualTo(200);
            PoeHttp.releaseSharedClient();
            assertThat(http.plainGet(head).status()).isEqualTo(200);
        }
    }

    private static URL location(Class<?> c) throws URISyntaxException, java.net.MalformedURLException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
    }

    /** Loads stashwatch and the PostgreSQL driver itself, everything else from its parent (like Flink's). */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && (name.startsWith("io.stashwatch.") || name.startsWith("org.postgresql."))) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        c = null;
                    }
                }
                if (c == null) {
                    c = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
