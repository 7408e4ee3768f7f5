"""Tests of the notebooks' helper module (run by NotebooksIT, or: python3 -m unittest discover -s notebooks/tests)."""

import doctest
import os
import socket
import sys
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import stashwatch_nb as sw  # noqa: E402


def load_tests(loader, tests, ignore):
    tests.addTests(doctest.DocTestSuite(sw))
    return tests


class JdbcUrlTest(unittest.TestCase):
    def test_the_demo_default(self):
        s = sw.settings({})
        self.assertEqual("postgresql://postgres@localhost:15432/stashwatch", s.url())
        self.assertEqual(sw.repo_root() / "data" / "arrow", s.arrow_dir)

    def test_environment_names_of_the_job(self):
        s = sw.settings({"JDBC_URL": "jdbc:postgresql://db.example:6432/market", "JDBC_USER": "analyst",
                         "JDBC_PASSWORD": "s3cret", "ARROW_DIR": "/srv/arrow"})
        self.assertEqual({"host": "db.example", "port": "6432", "dbname": "market", "user": "analyst",
                          "password": "s3cret"}, s.libpq())
        self.assertEqual(Path("/srv/arrow"), s.arrow_dir)

    def test_empty_values_count_as_unset(self):
        s = sw.settings({"JDBC_URL": "", "JDBC_USER": "", "JDBC_PASSWORD": "", "ARROW_DIR": ""})
        self.assertEqual(sw.settings({}), s)

    def test_relative_arrow_dir_is_taken_from_the_repository_root(self):
        s = sw.settings({"ARROW_DIR": "out/arrow"})
        self.assertEqual(sw.repo_root() / "out" / "arrow", s.arrow_dir)

    def test_url_parameters_win_over_the_separate_credentials(self):
        p = sw.jdbc_to_libpq("jdbc:postgresql://h/d?user=u1&password=p%26w", "u2", "p2")
        self.assertEqual(("u1", "p&w"), (p["user"], p["password"]))

    def test_driver_parameters_are_translated_or_dropped(self):
        p = sw.jdbc_to_libpq("jdbc:postgresql://h:5433/d?ssl=true&connectTimeout=7&currentSchema=market"
                             "&reWriteBatchedInserts=true&targetServerType=primary", "u")
        self.assertEqual({"host": "h", "port": "5433", "dbname": "d", "user": "u", "sslmode": "verify-full",
                          "connect_timeout": "7", "options": "-c search_path=market",
                          "target_session_attrs": "primary"}, p)

    def test_ipv6_and_several_hosts(self):
        p = sw.jdbc_to_libpq("jdbc:postgresql://[::1]:5440,other/d")
        self.assertEqual(("::1,other", "5440,5432"), (p["host"], p["port"]))
        self.assertEqual("postgresql://[::1]:5440,other:5432/d", sw.libpq_url(p))

    def test_a_url_that_is_not_postgresql_jdbc_is_one_clear_error_without_the_password(self):
        with self.assertRaises(sw.NotebookError) as e:
            sw.jdbc_to_libpq("postgresql://h/d?password=topsecret")
        self.assertIn("JDBC_URL must start with 'jdbc:postgresql:'", str(e.exception))
        self.assertNotIn("topsecret", str(e.exception))

    def test_display_url_hides_the_password(self):
        s = sw.settings({"JDBC_URL": "jdbc:postgresql://h/d", "JDBC_PASSWORD": "topsecret"})
        self.assertNotIn("topsecret", s.display_url())
        self.assertIn("topsecret", s.url().replace("%", ""))


class UnreachableDatabaseTest(unittest.TestCase):
    def test_one_line_naming_the_database_and_the_fix(self):
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {"JDBC_URL": f"jdbc:postgresql://127.0.0.1:{port}/stashwatch", "JDBC_PASSWORD": "topsecret"}
        with mock.patch.dict(os.environ, env):
            with self.assertRaises(sw.NotebookError) as e:
                sw.check_database()
        message = str(e.exception)
        self.assertIn(f"cannot connect to postgresql://postgres:***@127.0.0.1:{port}/stashwatch", message)
        self.assertIn("JDBC_URL", message)
        self.assertNotIn("topsecret", message)
        self.assertNotIn("\n", message)


class TimeTest(unittest.TestCase):
    def test_window_slide_is_the_most_common_gap(self):
        import pandas as pd

        ends = pd.to_datetime(["2025-01-01T00:05:00Z", "2025-01-01T00:10:00Z", "2025-01-01T00:15:00Z",
                               "2025-01-01T00:30:00Z", "2025-01-01T00:15:00Z"], utc=True)
        self.assertEqual(pd.Timedelta(minutes=5), sw.window_slide(ends))
        self.assertIsNone(sw.window_slide(ends[:1]))


if __name__ == "__main__":
    unittest.main()
