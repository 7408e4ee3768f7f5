-- stashwatch schema, version 1.
--
-- Times: river time (the deterministic clock of the river, see docs/architecture.md) in
-- observed_at, listed_at, updated_at, window_end, created_at, river_time; wall-clock time only in
-- fetched_at and the bookkeeping columns of alert_deliveries and alerts.inserted_at. All are
-- timestamptz. Prices in chaos are NULL when the currency had no rate yet.

-- One row per non-empty page the job consumed.
CREATE TABLE ingest_pages (
    change_id       text        PRIMARY KEY,
    next_change_id  text        NOT NULL,
    realm           text        NOT NULL,
    seq             bigint      NOT NULL,
    stash_count     integer     NOT NULL,
    item_count      integer     NOT NULL,
    bytes           bigint      NOT NULL,
    river_time      timestamptz NOT NULL,
    fetched_at      timestamptz NOT NULL
);
CREATE INDEX ingest_pages_realm_seq ON ingest_pages (realm, seq);
CREATE INDEX ingest_pages_river_time ON ingest_pages (river_time);

-- Every change of a priced listing. event_id is deterministic, so a replay writes the same rows.
CREATE TABLE listing_events (
    event_id            text        PRIMARY KEY,
    kind                text        NOT NULL CHECK (kind IN ('listed', 'delisted', 'repriced')),
    item_id             text        NOT NULL,
    stash_id            text        NOT NULL,
    realm               text        NOT NULL,
    league              text,
    account_name        text,
    item_key            text,
    name                text,
    base_type           text,
    frame_type          integer,
    stack_size          integer,
    note                text,
    price_amount        double precision,
    price_currency      text,
    price_chaos         double precision,
    prev_price_amount   double precision,
    prev_price_currency text,
    prev_price_chaos    double precision,
    change_id           text        NOT NULL,
    seq                 bigint      NOT NULL,
    observed_at         timestamptz NOT NULL,
    fetched_at          timestamptz NOT NULL
);
CREATE INDEX listing_events_observed_at ON listing_events (observed_at);
CREATE INDEX listing_events_key ON listing_events (league, item_key, observed_at);
CREATE INDEX listing_events_item ON listing_events (item_id);

-- Live priced listings now: maintained from listing_events by apply_listing_event() below.
CREATE TABLE listings (
    item_id         text        PRIMARY KEY,
    realm           text        NOT NULL,
    league          text,
    stash_id        text        NOT NULL,
    account_name    text,
    item_key        text,
    name            text,
    base_type       text,
    frame_type      integer,
    stack_size      integer,
    note            text,
    price_amount    double precision,
    price_currency  text,
    price_chaos     double precision,
    listed_at       timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    seq             bigint      NOT NULL,
    change_id       text        NOT NULL
);
CREATE INDEX listings_key ON listings (league, item_key);
CREATE INDEX listings_stash ON listings (stash_id);

-- What listings needs to stay correct whatever order events of different stashes arrive in:
-- per item and stash, the newest observation that was removed (seen_seq) and the newest
-- delisting (gone_seq). Pruned with listing_events.
CREATE TABLE listing_marks (
    item_id     text        NOT NULL,
    stash_id    text        NOT NULL,
    seen_seq    bigint,
    gone_seq    bigint,
    river_time  timestamptz NOT NULL,
    PRIMARY KEY (item_id, stash_id)
);
CREATE INDEX listing_marks_river_time ON listing_marks (river_time);

-- Price statistics per (league, item key) and sliding window of river time.
CREATE TABLE price_stats (
    league          text        NOT NULL,
    item_key        text        NOT NULL,
    window_end      timestamptz NOT NULL,
    realm           text,
    listings        integer     NOT NULL,
    accounts        integer     NOT NULL,
    median_chaos    double precision,
    p10_chaos       double precision,
    p90_chaos       double precision,
    reference_chaos double precision,
    PRIMARY KEY (league, item_key, window_end)
);
CREATE INDEX price_stats_window_end ON price_stats (window_end);

-- Alerts. alert_id is deterministic; a new row notifies 'stashwatch_alerts' in the same transaction.
CREATE TABLE alerts (
    alert_id        text        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('underpriced', 'price_shift')),
    realm           text,
    league          text,
    item_key        text,
    item_id         text,
    stash_id        text,
    account_name    text,
    name            text,
    note            text,
    price_amount    double precision,
    price_currency  text,
    price_chaos     double precision,
    reference_chaos double precision,
    samples         integer,
    change_id       text,
    seq             bigint,
    created_at      timestamptz NOT NULL,
    fetched_at      timestamptz NOT NULL,
    inserted_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX alerts_created_at ON alerts (created_at);
CREATE INDEX alerts_key ON alerts (league, item_key, created_at);

-- Webhook outbox: one row per alert to deliver, written in the alert's transaction when the
-- writing session has stashwatch.webhook = on; the dispatcher records every outcome here.
CREATE TABLE alert_deliveries (
    alert_id        text        PRIMARY KEY REFERENCES alerts (alert_id) ON DELETE CASCADE,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX alert_deliveries_failed ON alert_deliveries (status) WHERE status = 'failed';

-- ISO-8601 UTC text of a timestamp, independent of the session's time zone.
CREATE FUNCTION iso_utc(ts timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- The JSON of an alert, as NOTIFY and the webhook send it.
CREATE FUNCTION alert_json(a alerts) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'alert_id', a.alert_id,
        'kind', a.kind,
        'realm', a.realm,
        'league', a.league,
        'item_key', a.item_key,
        'item_id', a.item_id,
        'stash_id', a.stash_id,
        'account_name', a.account_name,
        'name', a.name,
        'note', a.note,
        'price_amount', a.price_amount,
        'price_currency', a.price_currency,
        'price_chaos', a.price_chaos,
        'reference_chaos', a.reference_chaos,
        'samples', a.samples,
        'change_id', a.change_id,
        'seq', a.seq,
        'created_at', iso_utc(a.created_at),
        'fetched_at', iso_utc(a.fetched_at))
$$;

-- Fires for genuinely new alerts only: the sink inserts with ON CONFLICT DO NOTHING, so a replayed
-- alert neither notifies again nor queues a second delivery.
CREATE FUNCTION alerts_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    payload text := alert_json(NEW)::text;
BEGIN
    IF octet_length(payload) > 7900 THEN
        -- NOTIFY payloads are limited to 8000 bytes; listeners fetch the row by id.
        payload := jsonb_build_object('alert_id', NEW.alert_id, 'kind', NEW.kind, 'truncated', true)::text;
    END IF;
    PERFORM pg_notify('stashwatch_alerts', payload);
    IF current_setting('stashwatch.webhook', true) = 'on' THEN
        INSERT INTO alert_deliveries (alert_id) VALUES (NEW.alert_id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER alerts_after_insert AFTER INSERT ON alerts
    FOR EACH ROW EXECUTE FUNCTION alerts_after_insert();

-- Applies a new listing event to listings. Runs once per event (replays are absorbed by the
-- event_id key) and gives the same result whatever order events of different stashes arrive in:
--   * an item's listing is its newest observation (highest seq, ties by stash id) from a
--     listed or repriced event, unless that stash delisted it at the same or a later seq;
--   * a delisting only removes the row when it comes from the stash the row is in, at a seq not
--     older than the row's, so a stale stash cannot delete an item that moved away.
CREATE FUNCTION apply_listing_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cur        listings%ROWTYPE;
    have_row   boolean;
    m          record;
    head_seq   bigint;
    head_stash text;
    gone       bigint;
BEGIN
    -- one writer applies all events of an item (the sink routes by item_id): no row lock needed
    SELECT * INTO cur FROM listings WHERE item_id = NEW.item_id;
    have_row := FOUND;

    IF NEW.kind = 'delisted' THEN
        IF have_row AND cur.stash_id = NEW.stash_id AND cur.seq <= NEW.seq THEN
            DELETE FROM listings WHERE item_id = NEW.item_id;
            head_seq := cur.seq;
        END IF;
        INSERT INTO listing_marks AS lm (item_id, stash_id, seen_seq, gone_seq, river_time)
        VALUES (NEW.item_id, NEW.stash_id, head_seq, NEW.seq, NEW.observed_at)
        ON CONFLICT (item_id, stash_id) DO UPDATE SET
            seen_seq = GREATEST(lm.seen_seq, EXCLUDED.seen_seq),
            gone_seq = GREATEST(lm.gone_seq, EXCLUDED.gone_seq),
            river_time = GREATEST(lm.river_time, EXCLUDED.river_time);
        RETURN NULL;
    END IF;

    -- listed or repriced: the newest observation so far is the row, or else the newest removed one
    IF have_row THEN
        head_seq := cur.seq;
        head_stash := cur.stash_id;
    END IF;
    FOR m IN SELECT lm.stash_id, lm.seen_seq, lm.gone_seq FROM listing_marks lm WHERE lm.item_id = NEW.item_id LOOP
        IF m.stash_id = NEW.stash_id THEN
            gone := m.gone_seq;
        END IF;
        IF NOT have_row AND m.seen_seq IS NOT NULL AND (head_seq IS NULL OR m.seen_seq > head_seq
                OR (m.seen_seq = head_seq AND m.stash_id COLLATE "C" > head_stash COLLATE "C")) THEN
            head_seq := m.seen_seq;
            head_stash := m.stash_id;
        END IF;
    END LOOP;
    IF head_seq IS NOT NULL AND (head_seq > NEW.seq
            OR (head_seq = NEW.seq AND head_stash COLLATE "C" >= NEW.stash_id COLLATE "C")) THEN
        RETURN NULL;
    END IF;

    IF gone IS NOT NULL AND gone >= NEW.seq THEN
        -- the newest observation is already delisted from its stash
        IF have_row THEN
            DELETE FROM listings WHERE item_id = NEW.item_id;
        END IF;
        UPDATE listing_marks lm SET seen_seq = GREATEST(lm.seen_seq, NEW.seq),
            river_time = GREATEST(lm.river_time, NEW.observed_at)
        WHERE lm.item_id = NEW.item_id AND lm.stash_id = NEW.stash_id;
        RETURN NULL;
    END IF;

    INSERT INTO listings AS l (item_id, realm, league, stash_id, account_name, item_key, name, base_type,
                               frame_type, stack_size, note, price_amount, price_currency, price_chaos,
                               listed_at, updated_at, seq, change_id)
    VALUES (NEW.item_id, NEW.realm, NEW.league, NEW.stash_id, NEW.account_name, NEW.item_key, NEW.name,
            NEW.base_type, NEW.frame_type, NEW.stack_size, NEW.note, NEW.price_amount, NEW.price_currency,
            NEW.price_chaos, NEW.observed_at, NEW.observed_at, NEW.seq, NEW.change_id)
    ON CONFLICT (item_id) DO UPDATE SET
        realm = EXCLUDED.realm,
        league = EXCLUDED.league,
        account_name = EXCLUDED.account_name,
        item_key = EXCLUDED.item_key,
        name = EXCLUDED.name,
        base_type = EXCLUDED.base_type,
        frame_type = EXCLUDED.frame_type,
        stack_size = EXCLUDED.stack_size,
        note = EXCLUDED.note,
        price_amount = EXCLUDED.price_amount,
        price_currency = EXCLUDED.price_currency,
        price_chaos = EXCLUDED.price_chaos,
        listed_at = CASE WHEN NEW.kind = 'repriced' AND l.stash_id = EXCLUDED.stash_id
                         THEN l.listed_at ELSE EXCLUDED.listed_at END,
        stash_id = EXCLUDED.stash_id,
        updated_at = EXCLUDED.updated_at,
        seq = EXCLUDED.seq,
        change_id = EXCLUDED.change_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER listing_events_apply AFTER INSERT ON listing_events
    FOR EACH ROW EXECUTE FUNCTION apply_listing_event();
