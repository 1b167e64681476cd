"""What a plain `pip install .` must carry: CI installs the wheel, so these check the real package."""

from __future__ import annotations

import json
from importlib import resources

from reader.text.corpus import bundled_seeds


def test_seeds_ship_inside_the_package_byte_for_byte() -> None:
    seeds = bundled_seeds()
    names = sorted(p.name for p in seeds.iterdir())
    assert names == [
        "000_42329df675c815be.txt",
        "001_2431c36a0108d05d.txt",
        "002_3f438ba1181fc859.txt",
        "003_ac7b1f2213b4f8e1.txt",
        "004_0926400b2f17a2d6.txt",
    ]
    sizes = {p.name: p.stat().st_size for p in seeds.iterdir()}
    assert sizes["001_2431c36a0108d05d.txt"] == 5293


def test_stylesheets_guidelines_and_schema_are_installed() -> None:
    package = resources.files("reader")
    tcss = [p.name for p in package.iterdir() if p.name.endswith(".tcss")]
    tcss += [p.name for p in (package / "screens").iterdir() if p.name.endswith(".tcss")]
    assert "app.tcss" in tcss
    assert (package / "guidelines.md").read_text(encoding="utf-8").startswith("# Label guidelines")
    schema = resources.files("annotations") / "schema" / "reader.annotations.v1.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8"))["properties"]["format"]


def test_every_css_path_a_screen_names_exists() -> None:
    import importlib
    import inspect
    import pkgutil
    from pathlib import Path

    from textual.app import App
    from textual.screen import Screen

    import reader.screens
    import reader.widgets

    checked = 0
    for package in (reader.screens, reader.widgets):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                css_path = getattr(cls, "CSS_PATH", None)
                if cls.__module__ != module.__name__ or not css_path or not issubclass(cls, Screen | App):
                    continue
                for entry in [css_path] if isinstance(css_path, str | Path) else css_path:
                    assert (Path(module.__file__).parent / entry).is_file(), (cls, entry)
                    checked += 1
    assert checked >= 1
