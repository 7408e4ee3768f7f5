/**
 * The simulated PoE market: the content of the simulator's river and Currency Exchange, with the
 * ground truth that detection is scored against.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * // demo: 400 pages x 60 stashes, every scenario on
 * RiverFeed feed = MarketFeed.demo(seed);                       // or new MarketFeed(MarketSettings.fromConfig(config))
 * // tests: small and fast
 * MarketFeed feed = new MarketFeed(MarketSettings.builder().seed(7).pages(150).stashesPerPage(20).accounts(300).build());
 * GroundTruth truth = feed.groundTruth();
 * // benchmarks: write a corpus (pages as files + GroundTruth.json)
 * CorpusWriter.write(MarketSettings.benchmark(seed, 300), dir);
 * }</pre>
 *
 * <h2>The river</h2>
 * Accounts own public tabs in several leagues (the first league is the main one). Each page holds a
 * fixed number of stash entries; each entry is the full current content of a tab that changed:
 * tabs seen for the first time, new listings, repricing, sales (items vanish), items moved between
 * two tabs of one account (both appear in the same page), tabs going private ({@code public: false},
 * nulls, no items) and coming back, emptied tabs (public, no items). Notes come in the real variety:
 * {@code ~price}/{@code ~b/o}, integers, decimals, fractions, currency spellings (chaos/c,
 * divine/div, exalted/exalt/exa/ex, alch, fuse/fusing, chisel, gcp, chrom/chrome, alt, jew, regal,
 * vaal, mirror/mir), {@code ~c/o} offers, junk notes and no note; tabs named {@code ~price N chaos}
 * price their items that have no note. A note's price is per unit for stacks (currency, cards).
 * Currency stacks are priced per unit in chaos, chaos orbs in divines ({@code ~price 1/192 divine}),
 * so rates can be derived from the river; the hourly Currency Exchange digests use the same rates.
 *
 * <h2>Item keys</h2>
 * Ground truth names items by key; {@link io.stashwatch.simulator.market.SimKeys} documents the exact
 * format per item kind (e.g. {@code Loreweave Elegant Ringmail 6L}, {@code Vaal Grace gem 21/20 corrupted},
 * {@code Anomalous Arc gem 20/20}, {@code The Doctor card}, {@code Divine Orb}, {@code Crimson Temple Map T16},
 * {@code Hubris Circlet (rare)}).
 *
 * <h2>Scenarios and ground truth</h2>
 * <ul>
 * <li><b>underpriced</b>: a listing at 0.1-0.35 of its key's fair price, on a key that at least
 *     {@code minDistinctAccounts} (10) accounts listed in the previous {@code referencePages} (100) pages,
 *     so a reference exists; sniped (gone) the next time its tab changes. Detection must alert on each.</li>
 * <li><b>traps</b>: fair listings that only look cheap: {@code divine-as-chaos}, {@code exalted-as-chaos},
 *     {@code links} (a 6-socket, at most 4-link copy of a unique whose 6L is expensive), {@code gem-variant}
 *     (level 1 copy of a gem whose top variant is expensive), {@code card-stack} (a stack priced per card),
 *     {@code rare-item} (a rare at 1 chaos). Detection must not alert on them.</li>
 * <li><b>shifts</b>: main-league keys whose fair price moves x2 or x0.5 from a page on, for good; extra
 *     sellers list at the new price and holders reprice.</li>
 * <li><b>crash</b>: one key falls to 0.3 of its price; for 40 pages many different accounts list at the
 *     new price. Alerts on it right after {@code fromPage} are expected to stop once the reference follows.</li>
 * <li><b>fixer</b>: one account lists 24+ copies of one key at 0.3-0.45 of its price, reprices them every
 *     3 pages and never sells. The key's reference must not move by more than 10 %; the fixer's listings
 *     are not ground-truth underpriced listings.</li>
 * <li><b>stable keys</b>: keys listed by at least 16 accounts and 40 times, in no scenario: no shift may
 *     be reported on them.</li>
 * </ul>
 * Organic listings of a key are always at least 0.7 of its current fair price (rounding included),
 * so anything at or below 0.5 of a key's reference is an injected underpriced listing, a fixer's
 * listing, or a listing of a shifted or crashed key around its {@code fromPage}.
 *
 * <h2>Determinism</h2>
 * Same {@link io.stashwatch.simulator.market.MarketSettings} give byte-identical pages on any JVM
 * (integer hashing, {@code StrictMath}); pages can be asked in any order and from any thread. Currency
 * Exchange digests depend on the seed and the hour relative to {@code cxOriginHour} (the feed's
 * creation hour by default).
 */
package io.stashwatch.simulator.market;
