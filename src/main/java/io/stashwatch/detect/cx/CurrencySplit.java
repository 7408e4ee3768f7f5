package io.stashwatch.detect.cx;

import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The one split of {@link CurrencyRateSource}: the realms to poll and, per realm, the newest digest
 * hour already emitted (unix seconds, -1 when none). Mutable only inside the reader.
 */
public final class CurrencySplit implements SourceSplit {
    static final String ID = "currency-exchange";

    final String[] realms;
    final long[] emittedHours;

    CurrencySplit(String[] realms, long[] emittedHours) {
        if (realms.length != emittedHours.length) {
            throw new IllegalArgumentException("one hour per realm");
        }
        this.realms = realms;
        this.emittedHours = emittedHours;
    }

    static CurrencySplit initial(List<String> realms) {
        long[] hours = new long[realms.size()];
        Arrays.fill(hours, -1L);
        return new CurrencySplit(realms.toArray(new String[0]), hours);
    }

    /** Newest hour emitted for a realm, -1 when none. */
    long emittedHour(String realm) {
        for (int i = 0; i < realms.length; i++) {
            if (realms[i].equals(realm)) {
                return emittedHours[i];
            }
        }
        return -1L;
    }

    void setEmittedHour(String realm, long hour) {
        for (int i = 0; i < realms.length; i++) {
            if (realms[i].equals(realm)) {
                emittedHours[i] = Math.max(emittedHours[i], hour);
            }
        }
    }

    CurrencySplit copy() {
        return new CurrencySplit(realms.clone(), emittedHours.clone());
    }

    @Override
    public String splitId() {
        return ID;
    }

    @Override
    public String toString() {
        return "CurrencySplit{" + Arrays.toString(realms) + " " + Arrays.toString(emittedHours) + "}";
    }
}
