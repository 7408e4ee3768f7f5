package io.stashwatch.simulator.server;

import java.util.concurrent.atomic.AtomicLong;

/** What the simulator saw, for tests and benchmarks. All counters are totals since start. */
public final class SimulatorCounters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong riverRequests = new AtomicLong();
    final AtomicLong tokenRequests = new AtomicLong();
    final AtomicLong tokensIssued = new AtomicLong();
    final AtomicLong tooManyRequests = new AtomicLong();
    final AtomicLong clientErrors = new AtomicLong();
    final AtomicLong userAgentViolations = new AtomicLong();
    final AtomicLong authViolations = new AtomicLong();
    final AtomicLong basicAuthViolations = new AtomicLong();
    final AtomicLong scopeViolations = new AtomicLong();
    final AtomicLong badCursors = new AtomicLong();
    final AtomicLong faults = new AtomicLong();
    final AtomicLong faults503 = new AtomicLong();
    final AtomicLong faults500 = new AtomicLong();
    final AtomicLong faultsSlow = new AtomicLong();
    final AtomicLong faultsCut = new AtomicLong();
    final AtomicLong pagesServed = new AtomicLong();
    final AtomicLong headResponses = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final java.util.concurrent.atomic.AtomicInteger riverInProgress = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger maxRiverInProgress = new java.util.concurrent.atomic.AtomicInteger();

    /** Every request. */
    public long requests() {
        return requests.get();
    }

    /** Requests to /public-stash-tabs. */
    public long riverRequests() {
        return riverRequests.get();
    }

    public long tokenRequests() {
        return tokenRequests.get();
    }

    public long tokensIssued() {
        return tokensIssued.get();
    }

    /** 429 responses: requests over a limit or during a restriction. */
    public long tooManyRequests() {
        return tooManyRequests.get();
    }

    /** All 4xx responses (429 included). */
    public long clientErrors() {
        return clientErrors.get();
    }

    /** Requests without the required User-Agent, or with another client's id in it. */
    public long userAgentViolations() {
        return userAgentViolations.get();
    }

    /** Missing, unknown or expired bearer tokens; wrong client credentials. */
    public long authViolations() {
        return authViolations.get();
    }

    /** Token requests that used HTTP Basic instead of client_secret_post. */
    public long basicAuthViolations() {
        return basicAuthViolations.get();
    }

    /** Requests whose token lacks the endpoint's scope. */
    public long scopeViolations() {
        return scopeViolations.get();
    }

    /** River requests with an id that is not part of the river. */
    public long badCursors() {
        return badCursors.get();
    }

    /** Faults injected, all kinds. */
    public long faults() {
        return faults.get();
    }

    public long faults503() {
        return faults503.get();
    }

    public long faults500() {
        return faults500.get();
    }

    public long faultsSlow() {
        return faultsSlow.get();
    }

    /** Responses whose body was cut off mid-way (connection closed). */
    public long faultsCut() {
        return faultsCut.get();
    }

    /** Non-empty river pages served completely. */
    public long pagesServed() {
        return pagesServed.get();
    }

    /** River responses at the head (same id, no stashes). */
    public long headResponses() {
        return headResponses.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    /**
     * Most river requests in progress at once, a request being in progress from its arrival until
     * the last byte of its response is written (pipelining shows here; it never exceeds what the
     * client had in flight).
     */
    public int maxConcurrentRiverRequests() {
        return maxRiverInProgress.get();
    }

    /** Sum of every kind of violation: User-Agent, auth, Basic auth, scope, rate limit. */
    public long violations() {
        return userAgentViolations() + authViolations() + basicAuthViolations() + scopeViolations()
                + tooManyRequests();
    }

    @Override
    public String toString() {
        return "requests=" + requests + " river=" + riverRequests + " token=" + tokenRequests + " 429=" + tooManyRequests
                + " 4xx=" + clientErrors + " uaViolations=" + userAgentViolations + " authViolations=" + authViolations
                + " basicAuth=" + basicAuthViolations + " scope=" + scopeViolations + " badCursors=" + badCursors
                + " faults=" + faults + " (503=" + faults503 + " 500=" + faults500 + " slow=" + faultsSlow + " cut="
                + faultsCut + ") pages=" + pagesServed + " head=" + headResponses;
    }
}
