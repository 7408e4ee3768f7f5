package io.stashwatch.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operations of Flink's REST API that tests and operators use: upload and run a jar, follow
 * the job and its checkpoints, stop with a savepoint, cancel. Works against any Flink 2.x
 * JobManager (a {@link StandaloneFlinkCluster}, a docker-compose cluster, a real one).
 * Failures name the request, the HTTP status and Flink's error text.
 */
public final class FlinkRestClient {
    private static final Set<String> TERMINAL_STATES = Set.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Runnable precondition;
    private final Supplier<String> diagnostics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A client of the REST API at {@code baseUrl}, e.g. {@code http://localhost:8081}. */
    public FlinkRestClient(String baseUrl) {
        this(baseUrl, () -> { }, () -> "");
    }

    /**
     * @param precondition checked on every poll of a wait; throws when waiting is pointless (a process died)
     * @param diagnostics text appended to time-out messages (e.g. log tails)
     */
    FlinkRestClient(String baseUrl, Runnable precondition, Supplier<String> diagnostics) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.precondition = precondition;
        this.diagnostics = diagnostics;
    }

    public String baseUrl() {
        return baseUrl;
    }

    // ------------------------------------------------------------------ jars and jobs

    /** Uploads a job jar ({@code POST /jars/upload}); returns the jar id for {@link #run}. */
    public String uploadJar(Path jar) {
        String boundary = "----stashwatch" + UUID.randomUUID().toString().replace("-", "");
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head),
                    HttpRequest.BodyPublishers.ofFile(jar),
                    HttpRequest.BodyPublishers.ofString(tail));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read job jar " + jar, e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri("/jars/upload"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body)
                .build();
        JsonNode answer = send(request, "POST /jars/upload");
        String filename = answer.path("filename").asText();
        if (filename.isEmpty()) {
            throw new IllegalStateException("POST /jars/upload answered without a filename: " + answer);
        }
        return Path.of(filename).getFileName().toString();
    }

    /** Runs a jar with all options of {@code POST /jars/<id>/run}; returns the job id. */
    public String run(String jarId, RunOptions options) {
        ObjectNode body = JSON.createObjectNode();
        body.putPOJO("programArgsList", options.args());
        if (options.parallelism() > 0) {
            body.put("parallelism", options.parallelism());
        }
        if (options.entryClass() != null) {
            body.put("entryClass", options.entryClass());
        }
        if (options.savepointPath() != null) {
            body.put("savepointPath", options.savepointPath());
            body.put("allowNonRestoredState", options.allowNonRestoredState());
        }
        JsonNode answer = post("/jars/" + jarId + "/run", body, Duration.ofMinutes(2));
        String jobId = answer.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IllegalStateException("POST /jars/" + jarId + "/run answered without a job id: " + answer);
        }
        return jobId;
    }

    /** The job's state: CREATED, RUNNING, RESTARTING, FAILED, FINISHED, CANCELED, ... */
    public String jobStatus(String jobId) {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Waits until the job is in this state; fails at once if it reaches another terminal state. */
    public void waitForStatus(String jobId, String status, Duration timeout) {
        await("job " + jobId + " to be " + status, timeout, () -> {
            String current = jobStatus(jobId);
            if (!current.equals(status) && TERMINAL_STATES.contains(current)) {
                throw new IllegalStateException("job " + jobId + " is " + current + " while waiting for " + status
                        + "; root exception: " + rootException(jobId));
            }
            return current.equals(status);
        });
    }

    /** True when the job is RUNNING and every task of every vertex runs (none waits for a slot). */
    public boolean allTasksRunning(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        if (!job.path("state").asText().equals("RUNNING") || job.path("vertices").isEmpty()) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (vertex.path("tasks").path("RUNNING").asInt() != vertex.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /** Waits until all tasks of the job run; fails at once if the job ends. */
    public void waitForRunning(String jobId, Duration timeout) {
        await("all tasks of job " + jobId + " to run", timeout, () -> {
            failIfEnded(jobId);
            return allTasksRunning(jobId);
        });
    }

    /** Cancels a job ({@code PATCH /jobs/<id>?mode=cancel}) and waits until it is CANCELED. */
    public void cancel(String jobId, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .timeout(Duration.ofSeconds(30))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build();
        send(request, "PATCH /jobs/" + jobId);
        waitForStatus(jobId, "CANCELED", timeout);
    }

    /** The newest failure of a job from {@code /jobs/<id>/exceptions} (first lines), or "none". */
    public String rootException(String jobId) {
        try {
            JsonNode answer = get("/jobs/" + jobId + "/exceptions");
            JsonNode entries = answer.path("exceptionHistory").path("entries");
            if (!entries.isEmpty()) {
                return firstLines(entries.get(0).path("stacktrace").asText(), 8);
            }
            String root = answer.path("root-exception").asText("");
            return root.isEmpty() ? "none" : firstLines(root, 8);
        } catch (RuntimeException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    /** Resource ids of the registered TaskManagers (a killed one stays until its heartbeat times out). */
    public List<String> taskManagerIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            ids.add(tm.path("id").asText());
        }
        return ids;
    }

    // ------------------------------------------------------------------ checkpoints and savepoints

    /** The raw answer of {@code GET /jobs/<id>/checkpoints}. */
    public JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** Counts and the latest completed and restored checkpoints of a job. */
    public CheckpointStats checkpointStats(String jobId) {
        return CheckpointStats.of(checkpoints(jobId));
    }

    /** Waits until the job has completed a checkpoint with an id above {@code afterId}; returns the statistics then. */
    public CheckpointStats waitForCheckpointAfter(String jobId, long afterId, Duration timeout) {
        CheckpointStats[] last = new CheckpointStats[1];
        await("job " + jobId + " to complete a checkpoint after #" + afterId, timeout, () -> {
            failIfEnded(jobId);
            last[0] = checkpointStats(jobId);
            return last[0].latestCompletedId() > afterId;
        });
        return last[0];
    }

    /**
     * Stops the job with a savepoint into {@code targetDirectory} ({@code POST /jobs/<id>/stop}, no
     * drain), waits for the savepoint and for the job to finish; returns the savepoint path.
     */
    public String stopWithSavepoint(String jobId, Path targetDirectory, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", targetDirectory.toUri().toString());
        body.put("drain", false);
        String trigger = post("/jobs/" + jobId + "/stop", body, Duration.ofSeconds(30)).path("request-id").asText();
        String location = awaitSavepoint(jobId, trigger, timeout);
        waitForStatus(jobId, "FINISHED", timeout);
        return location;
    }

    /** Takes a savepoint while the job keeps running ({@code POST /jobs/<id>/savepoints}); returns its path. */
    public String triggerSavepoint(String jobId, Path targetDirectory, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.put("target-directory", targetDirectory.toUri().toString());
        body.put("cancel-job", false);
        String trigger = post("/jobs/" + jobId + "/savepoints", body, Duration.ofSeconds(30))
                .path("request-id").asText();
        return awaitSavepoint(jobId, trigger, timeout);
    }

    private String awaitSavepoint(String jobId, String trigger, Duration timeout) {
        if (trigger.isEmpty()) {
            throw new IllegalStateException("savepoint request for job " + jobId + " returned no request id");
        }
        String[] location = new String[1];
        await("savepoint " + trigger + " of job " + jobId, timeout, () -> {
            JsonNode answer = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (!answer.path("status").path("id").asText().equals("COMPLETED")) {
                return false;
            }
            JsonNode operation = answer.path("operation");
            if (operation.has("failure-cause")) {
                throw new IllegalStateException("savepoint of job " + jobId + " failed: "
                        + firstLines(operation.path("failure-cause").path("stack-trace").asText(operation.toString()), 8));
            }
            location[0] = operation.path("location").asText();
            return true;
        });
        return location[0];
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * Polls {@code condition} every 200 ms until it holds. Connection errors, 404s (a job or
     * trigger not registered yet, the REST endpoint restarting) and 503s (the JobManager still
     * electing its leader while it starts) are retried; other failures end the wait.
     */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            precondition.run();
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                lastError = null;
            } catch (UncheckedIOException e) {
                lastError = e;
            } catch (IllegalStateException e) {
                if (e.getMessage() == null
                        || !e.getMessage().contains("-> HTTP 404") && !e.getMessage().contains("-> HTTP 503")) {
                    throw e;
                }
                lastError = e;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + "s waiting for " + what
                + (lastError != null ? " (last error: " + lastError.getMessage() + ")" : "") + "\n"
                + diagnostics.get());
    }

    private void failIfEnded(String jobId) {
        String current = jobStatus(jobId);
        if (TERMINAL_STATES.contains(current)) {
            throw new IllegalStateException("job " + jobId + " is " + current + "; root exception: "
                    + rootException(jobId));
        }
    }

    /** {@code GET} of a REST path such as {@code /overview}; fails on a non-2xx answer. */
    public JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build();
        return send(request, "GET " + path);
    }

    private JsonNode post(String path, JsonNode body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return send(request, "POST " + path);
    }

    private JsonNode send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode().put("body", response.body());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " -> HTTP " + response.statusCode() + ": "
                    + firstLines(json.has("errors") ? json.path("errors").toString() : json.toString(), 20));
        }
        return json;
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String firstLines(String text, int n) {
        String[] lines = text.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(0, Math.min(n, lines.length)));
    }
}
