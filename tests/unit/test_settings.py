"""Settings: defaults, then MOCKADS_* variables, then explicit overrides."""

from __future__ import annotations

import pytest

from mockads.settings import DEFAULT_PORT, Settings


def test_settings_from_env_uses_the_defaults_without_variables():
    assert Settings.from_env({}) == Settings()
    assert Settings().port == DEFAULT_PORT
    assert Settings().db == "sqlite://"


def test_settings_from_env_reads_mockads_variables():
    settings = Settings.from_env(
        {
            "MOCKADS_HOST": "0.0.0.0",
            "MOCKADS_PORT": "9000",
            "MOCKADS_SEED": "42",
            "MOCKADS_DB": "sqlite:///x.db",
            "MOCKADS_CHECK_CONTRACT": "false",
            "MOCKADS_ADMIN_TOKEN": "secret",
        }
    )
    assert (settings.host, settings.port, settings.seed) == ("0.0.0.0", 9000, 42)
    assert settings.db == "sqlite:///x.db"
    assert settings.check_contract is False
    assert settings.admin_token == "secret"


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("ON", True), ("0", False)]
)
def test_settings_from_env_reads_booleans(raw, expected):
    assert Settings.from_env({"MOCKADS_CHECK_CONTRACT": raw}).check_contract is expected


def test_settings_from_env_ignores_variables_without_the_prefix():
    assert Settings.from_env({"PORT": "1", "SEED": "9"}) == Settings()


def test_settings_from_env_lets_overrides_win_over_variables():
    settings = Settings.from_env({"MOCKADS_PORT": "9000", "MOCKADS_SEED": "42"}, port=7000)
    assert (settings.port, settings.seed) == (7000, 42)


def test_settings_from_env_skips_overrides_that_are_none():
    assert Settings.from_env({"MOCKADS_PORT": "9000"}, port=None).port == 9000


def test_settings_from_env_reads_the_process_environment(monkeypatch):
    monkeypatch.setenv("MOCKADS_THREADS", "3")
    assert Settings.from_env().threads == 3


def test_settings_from_env_refuses_a_malformed_number():
    with pytest.raises(ValueError):
        Settings.from_env({"MOCKADS_PORT": "eighty"})


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_settings_on_loopback_for_local_hosts(host):
    assert Settings(host=host).on_loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_settings_not_on_loopback_for_other_hosts(host):
    assert not Settings(host=host).on_loopback


def test_settings_from_env_takes_an_empty_variable_as_unset():
    assert Settings.from_env({"MOCKADS_SEED": "", "MOCKADS_PORT": "  "}) == Settings()
