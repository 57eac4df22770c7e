"""Hypothesis strategies drawn from the field catalogue: values a field takes, and values it
must refuse (wrong type, not in the enum, too long, out of range); and the refusal they get."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from mockads.domain.catalogue import FieldSpec
from mockads.scenarios import build_world, load_scenario

__all__ = ["CHARS", "EXISTING", "invalid_values", "refused_naming", "times", "valid_values"]

#: Text the mirror takes anywhere: no NUL, no unpaired surrogate (README, "Text").
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_IDS = st.from_regex(r"[0-9]{1,19}", fullmatch=True)
_OTHER_JSON = st.one_of(
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(CHARS, max_size=3), st.integers(), max_size=2),
)


_WORLD = build_world(load_scenario("default"), 5)
#: Fields that name an asset of the advertiser (issue 15): their valid values are the ids the
#: field tests' sandbox holds (scenario default, seed 5).
EXISTING: dict[str, tuple[str, ...]] = {
    "image_ids": tuple(i.image_id for i in _WORLD.library_images),
    "music_id": tuple(m.music_id for m in _WORLD.musics),
    "call_to_action_id": tuple(
        p.creative_portfolio_id
        for p in _WORLD.creative_portfolios
        if p.creative_portfolio_type == "CTA"
    ),
    "audience_ids": tuple(a.audience_id for a in _WORLD.custom_audiences),
    "excluded_audience_ids": tuple(a.audience_id for a in _WORLD.custom_audiences),
}


def _existing(spec: FieldSpec) -> st.SearchStrategy[Any]:
    ids = st.sampled_from(EXISTING[spec.name])
    if not spec.is_list:
        return ids
    size = min(spec.max_items or 5, len(EXISTING[spec.name]))
    return st.lists(ids, min_size=spec.min_items or 0, max_size=size, unique=True)


def times(low: int = 2020, high: int = 2035) -> st.SearchStrategy[str]:
    """`YYYY-MM-DD HH:MM:SS` between two years, at hours no time zone skips or repeats (DST
    changes happen between 00:00 and 04:00 local time)."""
    moments = st.datetimes(datetime(low, 1, 1), datetime(high, 12, 31, 23, 59, 59))
    return moments.filter(lambda m: m.hour >= 4).map(lambda m: m.strftime("%Y-%m-%d %H:%M:%S"))


def _text(spec: FieldSpec) -> st.SearchStrategy[str]:
    if spec.kind == "time":
        return times()
    if spec.enum:
        return st.sampled_from(spec.enum)
    if spec.pattern is not None:
        return st.from_regex(spec.pattern.removeprefix("^").removesuffix("$"), fullmatch=True)
    return st.text(CHARS, min_size=spec.min_length or 0, max_size=spec.max_length or 64)


def _members(spec: FieldSpec) -> st.SearchStrategy[dict[str, Any]]:
    """An object with its required members and any of the others, each with a valid value."""
    required = {m.name: valid_values(m) for m in spec.members if m.required}
    optional = {m.name: valid_values(m) for m in spec.members if not m.required}
    return st.fixed_dictionaries(required, optional=optional)


def _object(spec: FieldSpec) -> st.SearchStrategy[dict[str, Any]]:
    if spec.members:
        return _members(spec)
    return st.dictionaries(st.text(CHARS, max_size=8), st.integers(), max_size=3)


def valid_values(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """Any value the field's shape allows (an id of an asset: one the sandbox holds)."""
    if spec.name in EXISTING:
        return _existing(spec)
    kind = spec.kind
    if kind == "boolean":
        return st.booleans()
    if spec.enum and kind in ("number", "integer"):
        return st.sampled_from(spec.enum)
    if kind in ("number", "integer", "integer_list"):
        low = spec.minimum if spec.minimum is not None else -1e9
        high = spec.maximum if spec.maximum is not None else 1e9
        if kind == "integer_list":
            return st.lists(st.integers(int(low), int(high)), max_size=spec.max_items or 5)
        if kind == "integer":
            return st.integers(int(low), int(high))
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    if kind == "id":
        return _IDS
    if kind == "string_list":
        return st.lists(_text(spec), min_size=spec.min_items or 0, max_size=spec.max_items or 5)
    if kind == "id_list":
        return st.lists(_IDS, min_size=spec.min_items or 0, max_size=spec.max_items or 5)
    if kind == "object":
        return _object(spec)
    if kind == "object_list":
        return st.lists(_object(spec), max_size=min(spec.max_items or 3, 3))
    return _text(spec)


def _not_text(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """A value of another JSON type than text (an id also refuses digits-free text)."""
    if spec.kind.startswith("id"):  # a JSON number that is a whole non-negative one is a fine id
        return st.one_of(
            _OTHER_JSON,
            st.integers(max_value=-1),
            st.text(CHARS, min_size=1).filter(lambda t: not (t.isascii() and t.isdigit())),
        )
    return st.one_of(_OTHER_JSON, st.integers(), st.floats(allow_nan=False, allow_infinity=False))


def _bad_text(spec: FieldSpec) -> st.SearchStrategy[Any]:
    choices = [_not_text(spec)]
    if spec.enum:
        choices.append(st.text(CHARS, max_size=20).filter(lambda t: t not in spec.enum))
    if spec.max_length is not None and not spec.enum:
        choices.append(st.text(CHARS, min_size=spec.max_length + 1, max_size=spec.max_length + 9))
    if spec.min_length:
        choices.append(st.just(""))
    if spec.kind == "time":
        choices.append(st.text(CHARS, max_size=25).filter(lambda t: not _TIME.fullmatch(t)))
    if spec.pattern is not None:
        size = spec.min_length or 0
        choices.append(st.text(CHARS, min_size=size, max_size=size + 2).filter(_unlike(spec)))
    return st.one_of(choices)


def _unlike(spec: FieldSpec) -> Any:
    pattern = re.compile(spec.pattern or "")
    return lambda text: pattern.fullmatch(text) is None


def _bad_object(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """Not an object, or an object with one member's value invalid (or a required one missing)."""
    not_object = st.one_of(st.none(), st.booleans(), st.integers(), st.text(CHARS, max_size=5))
    if not spec.members:
        return st.one_of(not_object, st.lists(st.integers(), max_size=2))

    @st.composite
    def one_bad_member(draw: st.DrawFn) -> dict[str, Any]:
        good = draw(_members(spec))
        member = draw(st.sampled_from(spec.members))
        if member.required and draw(st.booleans()):
            good.pop(member.name, None)
            return good
        return {**good, member.name: draw(invalid_values(member))}

    return st.one_of(not_object, one_bad_member())


def invalid_values(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """A value the field must refuse with 40002 naming it."""
    kind = spec.kind
    if kind == "object":
        return _bad_object(spec)
    if kind == "object_list":
        choices = [
            st.none(),
            st.text(CHARS, max_size=5),
            st.lists(_bad_object(spec), min_size=1, max_size=2),
        ]
        if spec.max_items is not None:
            extra = spec.max_items + 1
            choices.append(st.lists(_object(spec), min_size=extra, max_size=extra + 2))
        return st.one_of(choices)
    if kind == "boolean":
        return st.one_of(
            st.none(), st.integers(), st.text(CHARS, max_size=5), st.lists(st.booleans())
        )
    if kind == "integer_list":
        item = invalid_values(replace(spec, kind="integer"))
        choices = [st.none(), st.text(CHARS, max_size=5), st.integers(), st.lists(item, min_size=1)]
        if spec.max_items is not None:
            extra = spec.max_items + 1
            choices.append(
                st.lists(st.just(int(spec.minimum or 0)), min_size=extra, max_size=extra + 2)
            )
        return st.one_of(choices)
    if kind in ("number", "integer"):
        choices = [st.none(), st.booleans(), st.text(CHARS, max_size=5), st.lists(st.integers())]
        if spec.maximum is not None:
            top = float(spec.maximum)  # the nearest float: a 64-bit integer limit has none
            choices.append(st.floats(min_value=top, exclude_min=True, allow_nan=False))
        if spec.minimum is not None:
            low = float(spec.minimum)
            choices.append(st.floats(max_value=low, exclude_max=True, allow_nan=False))
        if spec.enum:
            choices.append(st.integers(-1000, 1000).filter(lambda v: v not in spec.enum))
        return st.one_of(choices).filter(lambda v: v not in (float("inf"), float("-inf")))
    if spec.is_list:
        item = _bad_text(spec) if kind == "string_list" else _not_text(spec)
        choices = [st.none(), st.text(CHARS, max_size=5), st.integers(), st.lists(item, min_size=1)]
        if spec.max_items is not None:
            good = _text(spec) if kind == "string_list" else _IDS
            extra = spec.max_items + 1
            choices.append(st.lists(good, min_size=extra, max_size=extra + 3))
        return st.one_of(choices)
    return _bad_text(spec)


def refused_naming(body: dict[str, Any], path: str) -> None:
    """The answer is a 40002 whose message names the field (or one of its members) first."""
    assert (body["code"], body["data"]) == (40002, {}), body
    assert body["message"].startswith((f"{path}: ", f"{path}.")), body["message"]
