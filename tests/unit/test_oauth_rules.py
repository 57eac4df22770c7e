"""Onboarding rules without HTTP: permission groups, codes, scopes, app secrets."""

from __future__ import annotations

import random

import pytest

from mockads.domain import errors
from mockads.domain.oauth import (
    AUTH_CODE_LIFETIME,
    PermissionGroup,
    TokenScope,
    keyed_to_token,
    new_app,
    new_oauth_code,
    permission_groups,
    scenario_app,
)

_APP = new_app(random.Random(1), "App", ["https://app.example/cb"], 1_000)


def _code(now: float = 1_000):
    return new_oauth_code(random.Random(2), _APP, "https://app.example/cb", ["7"], [3], now)


def test_group_names_become_sorted_scope_ids_in_any_case():
    assert permission_groups(["Reporting", "ads_management", "reporting"]) == (2, 3)


@pytest.mark.parametrize(("names", "problem"), [(["all"], "'all' is not"), ([], "grant at least")])
def test_an_unknown_group_or_none_is_refused(names, problem):
    with pytest.raises(errors.InvalidParameter) as refused:
        permission_groups(names)
    assert refused.value.message.startswith(f"scopes: {problem}")


def test_a_code_expires_after_its_lifetime_of_sandbox_time():
    code = _code()
    assert code.expires_at == 1_000 + AUTH_CODE_LIFETIME
    code.check_exchangeable(1_000 + AUTH_CODE_LIFETIME - 1)
    with pytest.raises(errors.OAuthCodeInvalid) as refused:
        code.check_exchangeable(1_000 + AUTH_CODE_LIFETIME)
    assert refused.value.api_code == 40110


def test_a_code_is_spent_by_its_exchange():
    spent, grant = _code().exchanged(random.Random(3), 1_500)
    assert spent.used and (grant.advertiser_ids, grant.scopes) == (("7",), (3,))
    with pytest.raises(errors.OAuthCodeInvalid, match="already used"):
        spent.check_exchangeable(1_500)


def test_a_code_goes_only_to_a_registered_redirect_uri():
    with pytest.raises(errors.RedirectUriNotRegistered):
        new_oauth_code(random.Random(2), _APP, "https://app.example/cb/", ["7"], [3], 0)


def test_a_scope_refuses_a_group_it_lacks_naming_it():
    scope = TokenScope("1", frozenset({"7"}), frozenset({3}))
    scope.require(PermissionGroup.REPORTING)
    scope.require(None)
    with pytest.raises(errors.PermissionMissing) as refused:
        scope.require(PermissionGroup.CREATIVE_MANAGEMENT)
    assert refused.value.api_code == 40001
    assert "'Creative Management' permission (scope 4)" in refused.value.message
    with pytest.raises(errors.NoPermission):
        scope.require_advertiser("8")


def test_a_wrong_secret_is_40101():
    _APP.check_secret(_APP.secret)
    with pytest.raises(errors.AppCredentialsInvalid) as refused:
        _APP.check_secret("x")
    assert refused.value.api_code == 40101


def test_the_scenario_app_is_fixed_per_seed_and_its_secret_per_token():
    assert scenario_app(1) == scenario_app(1) != scenario_app(2)
    (mine,) = keyed_to_token([scenario_app(1)], "a" * 40)
    (twin,) = keyed_to_token([scenario_app(1)], "b" * 40)
    assert mine.app_id == twin.app_id and mine.secret != twin.secret and len(mine.secret) == 40
