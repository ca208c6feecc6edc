"""What is left of an entry that fails validation: every good field, typed; every bad one left out.

One typo in a source must not make the source vanish (and every claim citing it report an unknown
source). So when an entry fails, it is rebuilt field by field: fields without errors are validated
on their own; a nested mapping or list with errors inside is rebuilt the same way, item by item;
a bad field takes its default, or None when it has none; a bad item of a list is left out. The
result is only ever used to resolve references (its ids, and the ids it names): the errors have
already been reported, and an entry with errors is never checked further or printed.
"""

from __future__ import annotations

import typing
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, TypeAdapter, ValidationError

from .wording import unwrap_models

_ADAPTER_CONFIG = ConfigDict(coerce_numbers_to_str=True)
_BAD = object()


@lru_cache(maxsize=None)
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(annotation, config=None if unwrap_models(info.annotation) else _ADAPTER_CONFIG)


@lru_cache(maxsize=None)
def _item_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    item_type = _list_item_type(model.model_fields[name].annotation)
    return TypeAdapter(item_type, config=None if unwrap_models(item_type) else _ADAPTER_CONFIG)


def _before_validators(annotation, metadata=()) -> list:
    """BeforeValidator functions on a field, whether on the field or inside its Optional."""
    found = [m.func for m in metadata if isinstance(m, BeforeValidator)]
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is Annotated:
            found += [m.func for m in arg.__metadata__ if isinstance(m, BeforeValidator)]
    return found


def _list_item_type(annotation):
    """X for list[X] (also inside Optional), else None."""
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is list:
            return typing.get_args(arg)[0]
    return None


def salvage(model: type[BaseModel], data: dict, errors: list[tuple]) -> tuple[BaseModel, set[str]]:
    """An instance of `model` built from `data` without the parts the error locations point at.

    Returns the instance (not validated as a whole: required fields that were bad are None) and the
    keys of `data` that had errors.
    """
    values: dict[str, Any] = {}
    broken: set[str] = set()
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data:
            if info.is_required():
                values[name] = None
            continue
        inner = [e[1:] for e in errors if e and e[0] == key]
        value = _salvage_field(model, name, data[key], inner) if inner else _validate_field(model, name, data[key])
        if inner or value is _BAD:
            broken.add(key)
        if value is not _BAD:
            values[name] = value
        elif info.is_required():
            values[name] = None
    return model.model_construct(**values), broken


def _validate_field(model: type[BaseModel], name: str, value: Any) -> Any:
    try:
        return _field_adapter(model, name).validate_python(value, by_name=False)
    except ValidationError:
        return _BAD


def _salvage_field(model: type[BaseModel], name: str, value: Any, errors: list[tuple]) -> Any:
    """The good part of one field's value, or _BAD."""
    info = model.model_fields[name]
    if any(not e for e in errors):  # the field's value itself is wrong
        return _BAD
    for func in _before_validators(info.annotation, info.metadata):
        try:
            value = func(value)
        except (ValueError, TypeError):
            return _BAD
    item_type = _list_item_type(info.annotation)
    if item_type is not None and isinstance(value, list):
        return _salvage_list(model, name, value, errors)
    models = unwrap_models(info.annotation)
    if len(models) == 1 and isinstance(value, dict):
        return salvage(models[0], value, errors)[0]
    return _BAD


def _salvage_list(model: type[BaseModel], name: str, items: list, errors: list[tuple]) -> list:
    """The items without errors, and what can be saved of the others."""
    models = unwrap_models(_list_item_type(model.model_fields[name].annotation))
    kept = []
    for index, item in enumerate(items):
        inner = [e[1:] for e in errors if e[0] == index]
        if not inner:
            try:
                kept.append(_item_adapter(model, name).validate_python(item, by_name=False))
            except ValidationError:
                pass
        elif models and isinstance(item, dict) and all(inner):
            kept.append(salvage(models[0], item, inner)[0])
    return kept
