"""Every key of every screen, dialog and widget comes from `reader.commands`, with an id; keymaps load."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import reader
from reader import commands
from reader.config import load_keymap, parse_keymap


def reader_classes_with_bindings() -> list[type[DOMNode]]:
    """Every Screen, Widget and App class defined in `reader` that declares BINDINGS itself."""
    found: list[type[DOMNode]] = []
    for module_info in pkgutil.walk_packages(reader.__path__, "reader."):
        if module_info.name.startswith("reader.cli") or module_info.name == "reader.__main__":
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, DOMNode) and "BINDINGS" in vars(cls):
                found.append(cls)
    return found


def test_the_walk_finds_every_kind_of_node() -> None:
    names = {cls.__name__ for cls in reader_classes_with_bindings()}
    assert {"ReaderApp", "LibraryScreen", "ReadingScreen", "AnnotationsScreen", "ExportDialog"} <= names
    assert {"NoteDialog", "ConfirmDialog", "LabelPicker", "HelpScreen", "LinesScreen"} <= names
    assert {"DocumentTable", "AnnotationTable", "AnnotationPanel"} <= names


@pytest.mark.parametrize("cls", reader_classes_with_bindings(), ids=lambda cls: cls.__name__)
def test_every_binding_has_an_id_and_is_declared_in_commands(cls: type[DOMNode]) -> None:
    by_id = {c.id: c for c in commands.every_command()}
    for binding in vars(cls)["BINDINGS"]:
        assert isinstance(binding, Binding), f"{cls.__name__}: {binding!r} is a tuple, not a Binding"
        assert binding.id, f"{cls.__name__}: {binding.key} -> {binding.action} has no id"
        command = by_id.get(binding.id)
        assert command is not None, f"{cls.__name__}: {binding.id} is not in reader/commands/"
        assert (binding.key, binding.action, binding.description, binding.show) == (
            command.keys,
            command.action,
            command.footer or command.title,
            command.show,
        )


def test_every_scope_is_bound_by_some_class() -> None:
    bound = {b.id for cls in reader_classes_with_bindings() for b in vars(cls)["BINDINGS"]}
    keyed = {c.id for c in commands.every_command() if c.keys}
    assert keyed == bound


def test_ids_are_unique_within_and_across_scopes() -> None:
    # One keymap serves the whole app, so an id must name one command everywhere.
    for scope, group in commands.SCOPES:
        ids = [c.id for c in group]
        assert len(ids) == len(set(ids)), scope
    every = [c.id for c in commands.every_command()]
    assert len(every) == len(set(every))


def test_the_keys_that_tag_follow_the_label_set_and_the_keymap() -> None:
    assert commands.tag_keys_hint(("claim", "quote", "fact")) == "c, q or f"
    assert commands.tag_keys_hint(("claim", "quote", "fact", "opinion")) == "c, q, f or 4"
    assert commands.tag_keys_hint(("quote", "fact", "opinion")) == "q, f or 3"
    assert commands.tag_keys_hint(("opinion",)) == "1"
    assert commands.tag_keys_hint(("claim", "quote"), {"reading.claim": "C"}) == "C or q"
    assert commands.display_keys(commands.READING[0], {"reading.next": "J,down"}) == "J ↓"


def test_the_keymap_variable_is_id_equals_key() -> None:
    keys, problems = parse_keymap("reading.claim=C, reading.quote=Q,reading.quote=ctrl+q,oops", "ENV")
    assert keys == {"reading.claim": "C", "reading.quote": "Q,ctrl+q"}
    assert problems == ["ENV: 'oops' is not id=key (e.g. reading.claim=C)"]


def test_the_environment_wins_over_the_file_and_unknown_ids_do_not_stop_the_rest(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"reading.claim" = "C"\n"reading.quote" = "Q"\n"nope" = "x"\n')
    keymap = load_keymap(
        commands.bindable_ids(), config, {"READER_KEYMAP": "reading.claim=K,reading.nothing=z"}
    )
    assert keymap.keys == {"reading.claim": "K", "reading.quote": "Q"}
    assert len(keymap.problems) == 1
    assert "nope" in keymap.problems[0] and "reading.nothing" in keymap.problems[0]


def test_a_bad_config_file_is_one_line_and_the_defaults(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[keymap\nreading.claim = ")
    keymap = load_keymap(commands.bindable_ids(), config, {})
    assert keymap.keys == {}
    assert len(keymap.problems) == 1 and "\n" not in keymap.problems[0]
    assert str(config) in keymap.problems[0]
    config.write_text('keymap = "C"\n')
    assert load_keymap(commands.bindable_ids(), config, {}).problems
    config.write_text('[keymap]\n"reading.claim" = 3\n"reading.quote" = "Q"\n')
    keymap = load_keymap(commands.bindable_ids(), config, {})
    assert keymap.keys == {"reading.quote": "Q"} and len(keymap.problems) == 1


def test_a_missing_config_file_is_no_problem(tmp_path: Path) -> None:
    assert load_keymap(commands.bindable_ids(), tmp_path / "absent.toml", {}).problems == ()


def test_the_config_file_is_in_the_same_folder_as_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    from annotations.location import default_config_file, default_store_dir

    monkeypatch.delenv("READER_CONFIG", raising=False)
    monkeypatch.delenv("READER_STORE", raising=False)
    assert default_config_file().name == "config.toml"
    assert default_config_file().parent.name == default_store_dir().parent.name == "reader"
