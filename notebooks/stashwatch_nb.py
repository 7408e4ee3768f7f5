"""Shared helpers of the stashwatch notebooks: connection settings, queries, plots.

The notebooks read the job's own environment names:

    JDBC_URL       jdbc:postgresql://host:port/database?... (default: the demo's embedded database,
                   jdbc:postgresql://localhost:15432/stashwatch)
    JDBC_USER      database user (default postgres; a user= parameter in JDBC_URL wins, as in the job)
    JDBC_PASSWORD  database password (default none; a password= parameter in JDBC_URL wins)
    ARROW_DIR      directory of the Arrow files (default data/arrow; a relative path is taken from
                   the repository root, not from notebooks/)

The JDBC URL is translated to libpq connection parameters (used by psycopg2 and, through it, by
SQLAlchemy): host list, port, database and the pgjdbc parameters that have a libpq equivalent
(sslmode, ssl, sslrootcert, sslcert, sslkey, connectTimeout, ApplicationName, currentSchema,
options, targetServerType). Others (reWriteBatchedInserts, socketTimeout, ...) only concern the
Java driver and are ignored.

Queries run in read-only transactions with the session time zone UTC; times come back as
timezone-aware pandas timestamps in UTC. River time columns (observed_at, window_end, created_at,
...) are the job's deterministic clock; fetched_at and inserted_at are wall-clock times.
"""

from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Mapping, Optional
from urllib.parse import quote, unquote

DEFAULT_JDBC_URL = "jdbc:postgresql://localhost:15432/stashwatch"
DEFAULT_USER = "postgres"
DEFAULT_ARROW_DIR = "data/arrow"
ALERT_CHANNEL = "stashwatch_alerts"

#: Item keys of the currencies that price notes use, to their id in notes (as the job's
#: io.stashwatch.market.Currencies.fromItemName; the integration test checks they agree).
CURRENCY_ITEMS: Dict[str, str] = {
    "Chaos Orb": "chaos",
    "Divine Orb": "divine",
    "Exalted Orb": "exalted",
    "Mirror of Kalandra": "mirror",
    "Orb of Alchemy": "alch",
    "Orb of Fusing": "fusing",
    "Cartographer's Chisel": "chisel",
    "Gemcutter's Prism": "gcp",
    "Chromatic Orb": "chrom",
    "Orb of Alteration": "alt",
    "Jeweller's Orb": "jew",
    "Regal Orb": "regal",
    "Orb of Regret": "regret",
    "Orb of Scouring": "scour",
    "Blessed Orb": "blessed",
    "Vaal Orb": "vaal",
    "Orb of Chance": "chance",
    "Orb of Annulment": "annul",
    "Orb of Augmentation": "aug",
    "Orb of Transmutation": "transmute",
    "Scroll of Wisdom": "wisdom",
    "Portal Scroll": "portal",
    "Glassblower's Bauble": "bauble",
    "Armourer's Scrap": "scrap",
    "Blacksmith's Whetstone": "whetstone",
    "Silver Coin": "silver",
    "Ancient Orb": "ancient-orb",
    "Harbinger's Orb": "harbinger-orb",
    "Orb of Binding": "orb-of-binding",
    "Orb of Horizons": "orb-of-horizons",
    "Engineer's Orb": "engineers-orb",
}

#: The PoE frame type of currency items.
CURRENCY_FRAME_TYPE = 5

#: Tables the job writes, in the order a summary lists them.
TABLES = ("ingest_pages", "listing_events", "listings", "price_stats", "alerts", "alert_deliveries")


class NotebookError(RuntimeError):
    """A problem the user can fix (bad JDBC_URL, database down, no schema), said in one line."""

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [f"{type(self).__name__}: {self}"]


# --------------------------------------------------------------------------------------- settings

@dataclass(frozen=True)
class Settings:
    """Where the notebooks read from."""

    jdbc_url: str
    user: Optional[str]
    password: Optional[str]
    arrow_dir: Path

    def libpq(self) -> Dict[str, str]:
        """libpq connection keywords (host, port, dbname, user, password, sslmode, ...)."""
        return jdbc_to_libpq(self.jdbc_url, self.user, self.password)

    def url(self) -> str:
        """libpq URL, with the password."""
        return libpq_url(self.libpq())

    def display_url(self) -> str:
        """libpq URL without the password, for messages."""
        return libpq_url(self.libpq(), hide_password=True)


def repo_root() -> Path:
    """The repository root: the parent of the directory holding this module (notebooks/)."""
    return Path(__file__).resolve().parent.parent


def settings(env: Optional[Mapping[str, str]] = None) -> Settings:
    """Reads JDBC_URL, JDBC_USER, JDBC_PASSWORD and ARROW_DIR (empty counts as unset)."""
    env = os.environ if env is None else env

    def get(name: str) -> Optional[str]:
        value = env.get(name)
        return value if value else None

    arrow = Path(get("ARROW_DIR") or DEFAULT_ARROW_DIR).expanduser()
    if not arrow.is_absolute():
        arrow = repo_root() / arrow
    return Settings(
        jdbc_url=get("JDBC_URL") or DEFAULT_JDBC_URL,
        user=get("JDBC_USER") or DEFAULT_USER,
        password=get("JDBC_PASSWORD"),
        arrow_dir=arrow,
    )


# ------------------------------------------------------------------------- JDBC URL -> libpq

_JDBC_PREFIX = "jdbc:postgresql:"
_TARGET_SERVER_TYPES = {
    "any": "any",
    "primary": "primary",
    "master": "primary",
    "secondary": "standby",
    "slave": "standby",
    "preferSecondary": "prefer-standby",
    "preferSlave": "prefer-standby",
    "preferPrimary": "any",
}


def jdbc_to_libpq(jdbc_url: str, user: Optional[str] = None, password: Optional[str] = None) -> Dict[str, str]:
    """Translates a PostgreSQL JDBC URL to libpq connection keywords.

    ``user`` and ``password`` are used unless the URL has its own ``user=`` / ``password=``
    parameter (pgjdbc gives URL parameters precedence too).

    >>> jdbc_to_libpq("jdbc:postgresql://localhost:15432/stashwatch", "postgres")
    {'host': 'localhost', 'port': '15432', 'dbname': 'stashwatch', 'user': 'postgres'}
    >>> jdbc_to_libpq("jdbc:postgresql://db1:5433,db2/market?sslmode=require&ApplicationName=nb", "u", "p")
    {'host': 'db1,db2', 'port': '5433,5432', 'dbname': 'market', 'user': 'u', 'password': 'p', 'sslmode': 'require', 'application_name': 'nb'}
    >>> jdbc_to_libpq("jdbc:postgresql:stashwatch")
    {'host': 'localhost', 'port': '5432', 'dbname': 'stashwatch'}
    """
    if not isinstance(jdbc_url, str) or not jdbc_url.startswith(_JDBC_PREFIX):
        raise NotebookError(f"JDBC_URL must start with '{_JDBC_PREFIX}', got {_redact(jdbc_url)!r}")
    rest = jdbc_url[len(_JDBC_PREFIX):]
    rest, _, query = rest.partition("?")
    hosts: List[str] = []
    ports: List[str] = []
    if rest.startswith("//"):
        authority, slash, database = rest[2:].partition("/")
        if not slash:
            database = ""
        for part in authority.split(",") if authority else ["localhost"]:
            host, port = _host_port(part, jdbc_url)
            hosts.append(host)
            ports.append(port)
    else:
        hosts, ports = ["localhost"], ["5432"]
        database = rest.lstrip("/")
    params: Dict[str, str] = {}
    if query:
        for pair in query.split("&"):
            if not pair:
                continue
            name, _, value = pair.partition("=")
            params[unquote(name)] = unquote(value)

    out: Dict[str, str] = {"host": ",".join(hosts), "port": ",".join(ports)}
    database = unquote(database)
    if database:
        out["dbname"] = database
    user = params.get("user") or user
    password = params.get("password") or password
    if user:
        out["user"] = user
    if password:
        out["password"] = password
    if "sslmode" in params:
        out["sslmode"] = params["sslmode"]
    elif params.get("ssl", "").lower() == "true":
        out["sslmode"] = "verify-full"  # pgjdbc's meaning of ssl=true without sslmode
    for jdbc_name, libpq_name in (("sslrootcert", "sslrootcert"), ("sslcert", "sslcert"), ("sslkey", "sslkey"),
                                  ("connectTimeout", "connect_timeout"), ("ApplicationName", "application_name")):
        if params.get(jdbc_name):
            out[libpq_name] = params[jdbc_name]
    options = []
    if params.get("options"):
        options.append(params["options"])
    if params.get("currentSchema"):
        options.append("-c search_path=" + params["currentSchema"].replace(" ", r"\ "))
    if options:
        out["options"] = " ".join(options)
    target = params.get("targetServerType")
    if target:
        if target not in _TARGET_SERVER_TYPES:
            raise NotebookError(f"JDBC_URL: unknown targetServerType {target!r}")
        out["target_session_attrs"] = _TARGET_SERVER_TYPES[target]
    return out


def _host_port(part: str, url: str):
    if part.startswith("["):  # [::1]:5432
        end = part.find("]")
        if end < 0:
            raise NotebookError(f"JDBC_URL: bad IPv6 host in {_redact(url)!r}")
        host, port = part[1:end], part[end + 1:].lstrip(":")
    else:
        host, _, port = part.partition(":")
    if port and not port.isdigit():
        raise NotebookError(f"JDBC_URL: bad port {port!r}")
    return host or "localhost", port or "5432"


def _redact(url) -> str:
    return re.sub(r"(password=)[^&]*", r"\1***", str(url))


def libpq_url(params: Mapping[str, str], hide_password: bool = False) -> str:
    """A ``postgresql://`` URL of libpq keywords, as psql and psycopg2 accept it.

    >>> libpq_url({'host': 'localhost', 'port': '15432', 'dbname': 'stashwatch', 'user': 'postgres'})
    'postgresql://postgres@localhost:15432/stashwatch'
    >>> libpq_url({'host': 'h', 'port': '5432', 'dbname': 'd', 'user': 'u', 'password': 'p@ss', 'sslmode': 'require'})
    'postgresql://u:p%40ss@h:5432/d?sslmode=require'
    >>> libpq_url({'host': 'h', 'port': '5432', 'user': 'u', 'password': 'secret'}, hide_password=True)
    'postgresql://u:***@h:5432/'
    """
    p = dict(params)
    auth = ""
    if p.get("user"):
        auth = quote(p.pop("user"), safe="")
        if p.get("password"):
            auth += ":" + ("***" if hide_password else quote(p["password"], safe=""))
        auth += "@"
    p.pop("password", None)
    hosts = p.pop("host", "localhost").split(",")
    ports = p.pop("port", "5432").split(",")
    netloc = ",".join(f"[{h}]:{pt}" if ":" in h else f"{h}:{pt}" for h, pt in zip(hosts, ports))
    path = quote(p.pop("dbname", ""), safe="")
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in p.items())
    return f"postgresql://{auth}{netloc}/{path}" + (f"?{query}" if query else "")


def sqlalchemy_url(params: Mapping[str, str], hide_password: bool = False) -> str:
    """The same as :func:`libpq_url` for SQLAlchemy's psycopg2 dialect (single host only).

    >>> sqlalchemy_url({'host': 'localhost', 'port': '15432', 'dbname': 'stashwatch', 'user': 'postgres'})
    'postgresql+psycopg2://postgres@localhost:15432/stashwatch'
    """
    return "postgresql+psycopg2" + libpq_url(params, hide_password)[len("postgresql"):]


# ------------------------------------------------------------------------------- connections

_ENGINE = None
_ENGINE_URL = None


def connect(autocommit: bool = False, read_only: bool = True):
    """A new psycopg2 connection (session time zone UTC; read-only unless asked otherwise)."""
    import psycopg2

    s = settings()
    try:
        conn = psycopg2.connect(s.url())
    except psycopg2.OperationalError as e:
        reason = " ".join(str(e).split()) or type(e).__name__
        raise NotebookError(
            f"cannot connect to {s.display_url()}: {reason}. Start the database "
            "(java -jar target/stashwatch.jar db) or set JDBC_URL / JDBC_USER / JDBC_PASSWORD.") from None
    with conn.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
        if read_only:
            cur.execute("SET default_transaction_read_only = on")
    conn.commit()
    conn.autocommit = autocommit
    return conn


def engine():
    """The notebooks' SQLAlchemy engine (one per process and JDBC settings)."""
    global _ENGINE, _ENGINE_URL
    import sqlalchemy

    url = settings().url()
    if _ENGINE is None or _ENGINE_URL != url:
        _ENGINE = sqlalchemy.create_engine("postgresql+psycopg2://", creator=connect, pool_pre_ping=True)
        _ENGINE_URL = url
    return _ENGINE


def query(sql: str, params: Optional[Mapping[str, object]] = None):
    """Runs a SELECT (named parameters as ``:name``) and returns a pandas DataFrame.

    Timestamp columns are timezone-aware UTC; NULL prices are NaN.
    """
    import pandas as pd
    import sqlalchemy

    with engine().connect() as conn:
        df = pd.read_sql(sqlalchemy.text(sql), conn, params=dict(params or {}))
    for column in df.columns:
        series = df[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = series.dt.tz_convert("UTC")
        elif series.dtype == object:
            sample = series.dropna()
            if not (len(sample) and hasattr(sample.iloc[0], "tzinfo") and hasattr(sample.iloc[0], "hour")):
                continue
            series = pd.to_datetime(series, utc=True)
        else:
            continue
        # one resolution for every time column (pandas 2 may pick another per column; joins need the same)
        df[column] = series.astype("datetime64[ns, UTC]")
    return df


def scalar(sql: str, params: Optional[Mapping[str, object]] = None):
    """The first column of the first row of a query (None without rows)."""
    df = query(sql, params)
    return None if df.empty else df.iat[0, 0]


def check_database() -> "object":
    """Connects, checks the schema is there and returns the row counts of the job's tables.

    Raises NotebookError with one line when the database is unreachable or has no schema.
    """
    import pandas as pd

    s = settings()
    missing = query(
        "SELECT t FROM unnest(CAST(:tables AS text[])) AS t WHERE to_regclass(t) IS NULL",
        {"tables": list(TABLES)})
    if len(missing):
        raise NotebookError(
            f"{s.display_url()} has no stashwatch schema (missing: {', '.join(missing['t'])}); "
            "run the job or the demo once against it, it creates the tables.")
    counts = query(" UNION ALL ".join(
        f"SELECT '{t}' AS table_name, count(*) AS rows FROM {t}" for t in TABLES))
    print(f"Connected to {s.display_url()}")
    return counts.set_index("table_name")["rows"].astype("int64").rename("rows").to_frame()


_HINTED = False


def empty(df, what: str) -> bool:
    """True (after saying so) when ``df`` has no rows, so a cell can skip its table or plot."""
    global _HINTED
    if df is None or len(df) == 0:
        if _HINTED:
            print(f"No {what} yet.")
        else:
            print(f"No {what} yet: nothing to show here. Run the job or the demo "
                  "(java -jar target/stashwatch.jar demo) and run this notebook again.")
            _HINTED = True
        return True
    return False


def listen_alerts(seconds: float, limit: Optional[int] = None) -> List[dict]:
    """LISTENs on the alerts channel for up to ``seconds`` (or until ``limit`` alerts arrived) and
    returns the notified alerts, each the alert's JSON as a dict (``{"payload": text}`` if it is not
    JSON). A notification is sent when an alert row is committed; nothing arrives while no job runs."""
    import json
    import select
    import time

    received: List[dict] = []
    conn = connect(autocommit=True, read_only=False)
    try:
        with conn.cursor() as cur:
            cur.execute(f"LISTEN {ALERT_CHANNEL}")
        deadline = time.monotonic() + seconds
        while limit is None or len(received) < limit:
            left = deadline - time.monotonic()
            if left <= 0 or select.select([conn], [], [], left) == ([], [], []):
                break
            conn.poll()
            while conn.notifies:
                payload = conn.notifies.pop(0).payload
                try:
                    received.append(json.loads(payload))
                except ValueError:
                    received.append({"payload": payload})
    finally:
        conn.close()
    return received


# ------------------------------------------------------------------------------------- time

_BUCKETS = (1, 5, 10, 30, 60, 300, 900, 1800, 3600, 10800, 21600, 43200, 86400, 604800)


def bucket_for(start, end, target: int = 60):
    """A round bucket length (pandas Timedelta) that cuts ``start`` .. ``end`` into at most about
    ``target`` buckets, for plots over time.

    >>> import pandas as pd
    >>> bucket_for(pd.Timestamp("2025-01-01T00:00:00Z"), pd.Timestamp("2025-01-01T00:05:00Z"))
    Timedelta('0 days 00:00:05')
    >>> bucket_for(pd.Timestamp("2025-01-01T00:00:00Z"), pd.Timestamp("2025-01-03T00:00:00Z"))
    Timedelta('0 days 01:00:00')
    """
    import pandas as pd

    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return pd.Timedelta(seconds=_BUCKETS[0])
    span = (pd.Timestamp(end) - pd.Timestamp(start)).total_seconds()
    for seconds in _BUCKETS:
        if span / seconds <= target:
            return pd.Timedelta(seconds=seconds)
    return pd.Timedelta(seconds=_BUCKETS[-1])


def plot_time(series):
    """Timezone-aware UTC timestamps as naive UTC datetimes, which every matplotlib version plots."""
    import pandas as pd

    series = pd.Series(series)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return series.dt.tz_convert("UTC").dt.tz_localize(None)
    return series


def window_slide(window_ends):
    """The slide of the price windows: the most common gap between consecutive window ends, or
    None with fewer than two distinct window ends."""
    import pandas as pd

    ends = pd.Series(pd.to_datetime(window_ends, utc=True)).drop_duplicates().sort_values()
    gaps = ends.diff().dropna()
    gaps = gaps[gaps > pd.Timedelta(0)]
    if gaps.empty:
        return None
    return gaps.mode().iloc[0]


# ------------------------------------------------------------------------------------ plots

def setup_plots():
    """Matplotlib defaults of the notebooks. The backend is left alone (inline in Jupyter; Agg
    when MPLBACKEND=Agg, as in the test suite)."""
    import matplotlib

    matplotlib.rcParams.update({
        "figure.figsize": (11, 4.5),
        "figure.dpi": 80,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
    })


def show(fig):
    """Shows ``fig`` as a PNG in the notebook and closes it. Rendering the PNG here works the same
    with every backend (inline in Jupyter, Agg in the test suite) and draws the figure for real."""
    import io

    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", bbox_inches="tight")
    finally:
        plt.close(fig)
    try:
        from IPython.display import Image, display
    except ImportError:  # plain Python: the figure was drawn, nothing to show it in
        return
    display(Image(data=buffer.getvalue(), format="png"))


def short(text, width: int = 38) -> str:
    """Shortens a label for axes."""
    text = "" if text is None else str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def chaos_formatter():
    """A tick formatter for chaos amounts (0.5, 20, 1k, 25k)."""
    from matplotlib.ticker import FuncFormatter

    def fmt(value, _pos):
        if not math.isfinite(value):
            return ""
        if abs(value) >= 1000:
            return f"{value / 1000:g}k"
        return f"{value:g}"

    return FuncFormatter(fmt)


def price_axis(ax, which: str = "y", label: str = "chaos"):
    """Formats a price axis after plotting: logarithmic when the data spans a wide range (ticks at
    1, 2, 5 x 10^n), linear otherwise; chaos tick labels either way."""
    from matplotlib.ticker import LogLocator, NullFormatter

    axis = ax.yaxis if which == "y" else ax.xaxis
    low, high = ax.get_ylim() if which == "y" else ax.get_xlim()
    wide = low > 0 and high / low >= 4
    if wide:
        (ax.set_yscale if which == "y" else ax.set_xscale)("log")
        axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        axis.set_minor_formatter(NullFormatter())
    axis.set_major_formatter(chaos_formatter())
    (ax.set_ylabel if which == "y" else ax.set_xlabel)(f"{label}, log scale" if wide else label)


def duration_label(delta) -> str:
    """A short text of a duration.

    >>> import pandas as pd
    >>> duration_label(pd.Timedelta(seconds=10)), duration_label(pd.Timedelta(minutes=5)), duration_label(pd.Timedelta(hours=36))
    ('10 s', '5 min', '36 h')
    """
    seconds = delta.total_seconds()
    if seconds >= 2 * 86400 and seconds % 86400 == 0:
        return f"{seconds / 86400:g} d"
    for unit, size in (("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:g} {unit}"
    return f"{seconds:g} s"


if __name__ == "__main__":  # python3 stashwatch_nb.py: print the resolved settings
    current = settings()
    print("database:", current.display_url())
    print("arrow dir:", current.arrow_dir)
    sys.exit(0)
