"""The agreement screen on a real store with finished marks: tables, bars, Enter at the first disagreement."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from annotations.model import DocumentRef
from annotations.store import Store
from reader.app import ReaderApp
from reader.screens.agreement import AgreementScreen
from reader.screens.reading import ReadingScreen
from reader.text.corpus import discover, read_document
from reader.text.pipeline import analyse
from reader.widgets.row_table import RowTable


def seed(articles: Path, n: int) -> tuple[DocumentRef, list[tuple[int, int]]]:
    path = sorted(articles.iterdir())[n]
    analysis = analyse(read_document(path))
    doc = analysis.document
    return DocumentRef(doc.id, path.name, doc.text), [
        (s.start, s.end) for s in analysis.sentences if s.taggable
    ]


def team(store_dir: Path, articles: Path) -> tuple[DocumentRef, list[tuple[int, int]]]:
    """ann and bob finish seeds 0 and 1; they agree on seed 0's sentence 0 and differ on its sentence 3."""
    first, spans = seed(articles, 0)
    second, _ = seed(articles, 1)
    for name, label in (("ann", "quote"), ("bob", "claim")):
        with Store.open(store_dir, annotator=name) as store:
            store.add(first, "claim", *spans[0])
            store.add(first, label, *spans[3])
            store.set_finished(first, True)
            store.set_finished(second, True)
    return first, spans


async def wait_for_figures(app: ReaderApp, pilot, ui) -> AgreementScreen:
    screen = app.screen
    assert isinstance(screen, AgreementScreen)
    for _ in range(300):
        if screen.outcome is not None:
            break
        await pilot.pause(0.02)
    await ui.settle(app, pilot)
    return screen


async def test_tables_and_enter_opens_at_first_disagreement(
    articles: Path, store: Store, tmp_path: Path, ui
) -> None:
    first, spans = team(store.location, articles)
    app = ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 36)) as pilot:
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "K")
        screen = await wait_for_figures(app, pilot, ui)
        result = screen.outcome.agreement
        assert result.documents == 2 and result.annotators == ("ann", "bob")
        labels = screen.query_one("#agreement-labels", DataTable)
        docs = screen.query_one("#agreement-documents", RowTable)
        assert labels.row_count == 4  # claim, quote, fact, label sets
        assert docs.row_count == 2
        # the weakest document first: seed 0 (a disagreement), then seed 1 (no variation: undefined)
        assert docs.rows[0][-1][0][0] == first.path
        assert "█" in str(labels.get_row_at(0)[2]) or "░" in str(labels.get_row_at(0)[2])
        summary = str(screen.query_one("#agreement-summary", Static).render())
        assert "2 documents" in summary and "ann, bob" in summary
        await ui.press(app, pilot, "enter")
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        for _ in range(100):
            if reading.analysis is not None:
                break
            await pilot.pause(0.02)
        await ui.settle(app, pilot)
        start = reading.view.sentences[reading.view.cursor][0]
        assert start == spans[3][0]


async def test_curate_from_the_agreement_screen(articles: Path, store: Store, tmp_path: Path, ui) -> None:
    first, spans = team(store.location, articles)
    app = ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 36)) as pilot:
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "K")
        await wait_for_figures(app, pilot, ui)
        await ui.press(app, pilot, "C")
        reading = app.screen
        assert isinstance(reading, ReadingScreen)  # curation is a mode of the reading screen
        for _ in range(200):
            if reading.curation.session is not None:
                break
            await pilot.pause(0.02)
        await ui.settle(app, pilot)
        curation = reading.curation
        assert curation.on and curation.session is not None
        assert [d.sentences for d in curation.session.found] == [(3,)]
        assert reading.view.sentences[reading.view.cursor][0] == spans[3][0]
        await ui.press(app, pilot, "2")  # bob's claim into the gold layer
        gold = [(a.label, a.start, a.end) for a in store.annotations(first.id) if a.annotator == "gold"]
        assert gold == [("claim", *spans[3])]


async def test_fewer_than_two_annotators(articles: Path, store: Store, tmp_path: Path, ui) -> None:
    app = ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 36)) as pilot:
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "K")
        screen = await wait_for_figures(app, pilot, ui)
        assert "Fewer than two annotators" in str(screen.query_one("#agreement-summary", Static).render())
        await ui.press(app, pilot, "escape")
        assert not isinstance(app.screen, AgreementScreen)


async def test_an_empty_cache_is_filled_by_reader_agree_in_a_child_process(
    articles: Path, store: Store, tmp_path: Path, ui, monkeypatch
) -> None:
    """On a big store the first open runs `reader agree` in a real child process (both cores), then
    sums the cache it wrote: the figures equal those of an open on a cache already there."""
    import reader.screens.agreement as screen_module
    from reader.services.agreement_cache import stats_dir

    team(store.location, articles)
    monkeypatch.setattr(screen_module, "FILL_FROM", 1)  # "big": any store
    app = ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 36)) as pilot:
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "K")
        for _ in range(1500):  # a child Python process: seconds, not the 6 s of wait_for_figures
            if app.screen.outcome is not None:
                break
            await pilot.pause(0.02)
        screen = await wait_for_figures(app, pilot, ui)
        assert screen.filled_in_subprocess is True
        assert any(stats_dir(store.location).glob("stats-*.marshal"))  # the child wrote the cache
        first = screen.outcome.agreement.to_json()
        await ui.press(app, pilot, "escape")
        await ui.press(app, pilot, "K")  # the cache is there now: counted here, nothing re-read
        again = await wait_for_figures(app, pilot, ui)
        for _ in range(300):
            if again.outcome is not None:
                break
            await pilot.pause(0.02)
        assert again.filled_in_subprocess is None
        assert again.outcome.agreement.to_json() == first
        assert first["documents"] == 2


async def test_the_app_keeps_the_cache_warm_so_the_screen_opens_with_figures(
    articles: Path, store: Store, tmp_path: Path, ui, monkeypatch
) -> None:
    """On a big store the app counts in a low-priority child process once the library is listed; the
    screen then shows the figures the child handed over (no child of its own, no sum), the figures of
    a count from nothing."""
    import reader.services.agreement_warmup as warmup_module
    from reader.services.agreement_warmup import cache_is_current

    first, spans = team(store.location, articles)
    monkeypatch.setattr(warmup_module, "FILL_FROM", 1)  # "big": any store
    sums = []
    real_sum = warmup_module.current_figures

    def summed(*args: object) -> object:
        sums.append(args)
        return real_sum(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(warmup_module, "current_figures", summed)
    app = ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 36)) as pilot:
        await ui.settle(app, pilot)  # the library is listed and the background count is done
        assert app.agreement_warmup.runs == 1 and not app.agreement_warmup.running
        assert cache_is_current(store.location)
        await ui.press(app, pilot, "K")
        screen = await wait_for_figures(app, pilot, ui)
        assert screen.filled_in_subprocess is None  # the cache was there: not filled again
        assert sums == []  # the child's own figures: nothing changed while it counted
        warm = screen.outcome.agreement.to_json()
        assert warm["documents"] == 2
        entries = sorted(app.catalog.entries, key=lambda e: e.relpath)
        assert app.agreement_warmup.remembered(store, entries) is screen.outcome  # summed once, shown at once
        store.toggle(first, "fact", *spans[5])  # a change: the kept figures no longer hold
        assert app.agreement_warmup.remembered(store, entries) is None
        store.toggle(first, "fact", *spans[5])
    from reader.services.agreement_cache import stats_dir

    for part in stats_dir(store.location).iterdir():
        part.unlink()
    app = ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache")
    monkeypatch.setattr(warmup_module, "FILL_FROM", 10**9)  # no background count: the screen's own
    async with app.run_test(size=(120, 36)) as pilot:
        await ui.settle(app, pilot)
        assert app.agreement_warmup.runs == 0
        await ui.press(app, pilot, "K")
        cold = await wait_for_figures(app, pilot, ui)
        assert cold.outcome.agreement.to_json() == warm


async def test_the_count_starts_beside_the_librarys_scan_when_the_catalog_knows_every_file(
    articles: Path, store: Store, tmp_path: Path, ui, monkeypatch
) -> None:
    """When the scan's first batch knows every file (a second start, from the catalog's cache), the
    child is started from the library's scan as soon as those rows are painted, not after the listing;
    the call after the listing takes its figures (one child, no sum). (A first start on a big corpus
    lists placeholders first: a child started then would analyse every file beside the scan.)"""
    import threading

    import reader.services.agreement_warmup as warmup_module
    from reader.services.agreement_cache import stats_dir

    team(store.location, articles)
    cache = tmp_path / "cache"
    started: list[str] = []
    real_refresh = warmup_module.AgreementWarmup.refresh

    def refresh(self: warmup_module.AgreementWarmup, *args: object, **kwargs: object) -> bool:
        started.append(threading.current_thread().name)
        return real_refresh(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(warmup_module.AgreementWarmup, "refresh", refresh)
    monkeypatch.setattr(warmup_module, "FILL_FROM", 1)
    sums: list[object] = []
    monkeypatch.setattr(warmup_module, "current_figures", lambda *args: sums.append(args))
    app = ReaderApp(discover([articles]), store, cache_dir=cache)
    async with app.run_test(size=(120, 36)) as pilot:
        await ui.settle(app, pilot)
        assert app.agreement_warmup.runs == 1  # whichever call started it, one child
    for part in stats_dir(store.location).iterdir():
        part.unlink()  # the agreement's cache is gone; the catalog's stays
    started.clear()
    app = ReaderApp(discover([articles]), store, cache_dir=cache)
    async with app.run_test(size=(120, 36)) as pilot:
        await ui.settle(app, pilot)
        assert started[0] == "agreement-count"  # from the scan, before the listing's own call
        assert app.agreement_warmup.runs == 1  # the listing's call found it running or the cache current
        await ui.press(app, pilot, "K")
        screen = await wait_for_figures(app, pilot, ui)
        assert sums == []  # the child's figures, taken once the library had listed
        assert screen.outcome.agreement.documents == 2


async def test_a_big_library_without_a_team_starts_the_count_once_until_the_store_changes(
    articles: Path, store: Store, tmp_path: Path, ui, monkeypatch
) -> None:
    """The scan starts the child without reading the store first; with no document two annotators
    finished, the child leaves a mark, and the next start starts none until the index moves."""
    import shutil

    import reader.services.agreement_warmup as warmup_module
    from reader.services.agreement_cache import NOTHING_TO_COUNT, stats_dir

    first, spans = seed(articles, 0)
    with Store.open(store.location, annotator="ann") as ann:
        ann.add(first, "claim", *spans[0])
        ann.set_finished(first, True)  # one finisher: nothing to count
    monkeypatch.setattr(warmup_module, "FILL_FROM", 1)
    cache = tmp_path / "cache"

    async def start() -> int:
        app = ReaderApp(discover([articles]), store, cache_dir=cache)
        async with app.run_test(size=(120, 36)) as pilot:
            await ui.settle(app, pilot)
            assert app.agreement_warmup.wait(60)
            await ui.settle(app, pilot)
        return app.agreement_warmup.runs

    await start()  # writes the catalog's cache (five files: the first batch may know them all already)
    shutil.rmtree(stats_dir(store.location), ignore_errors=True)
    assert await start() == 1  # from the scan; the child found nothing to count and said so
    assert (stats_dir(store.location) / NOTHING_TO_COUNT).exists()
    assert await start() == 0
    store.toggle(first, "fact", *spans[1])  # the index moves
    assert await start() == 1


def test_no_child_is_started_once_the_app_stopped_the_count(
    articles: Path, store: Store, tmp_path: Path, monkeypatch
) -> None:
    """The app closing (`stop`) before the scan's thread gets to `begin` starts nothing: a child started
    then would outlive the app."""
    import reader.services.agreement_warmup as warmup_module

    team(store.location, articles)
    monkeypatch.setattr(warmup_module, "FILL_FROM", 1)
    warmup = warmup_module.AgreementWarmup(store.location, articles, tmp_path / "cache")
    warmup.stop()
    state = warmup_module.store_state(store.location, store.labels)
    assert warmup.refresh(store.summary(), 3, now=True, state=state) is False
    warmup.begin(store.summary(), 3, state=state)
    assert warmup.wait(30) and warmup.runs == 0


def test_the_background_count_runs_when_the_index_moved_and_can_be_waited_for(
    articles: Path, store: Store, tmp_path: Path, monkeypatch
) -> None:
    """A real child `reader agree`: run when the store has two finishers and the cache is older than the
    index, not again while nothing changed, again after a tag; `wait` returns when it is done."""
    import threading

    import reader.services.agreement_warmup as warmup_module
    from reader.services.agreement_warmup import AgreementWarmup, cache_is_current, worth_counting

    first, spans = team(store.location, articles)
    documents = len(list(articles.iterdir()))
    assert not worth_counting(store.summary(), documents)  # five seeds: the screen counts them itself
    monkeypatch.setattr(warmup_module, "FILL_FROM", 1)
    warmup = AgreementWarmup(store.location, articles, tmp_path / "cache")
    runner = threading.Thread(target=warmup.refresh, args=(store.summary(), documents))
    runner.start()
    assert warmup.wait(120)
    runner.join()
    assert warmup.runs == 1 and cache_is_current(store.location)
    assert warmup.refresh(store.summary(), documents) is False  # nothing changed since
    store.toggle(first, "fact", *spans[5])
    assert not cache_is_current(store.location)
    assert warmup.refresh(store.summary(), documents) is True
    assert warmup.runs == 2 and cache_is_current(store.location)
    with Store.open(tmp_path / "solo", annotator="ann") as solo:
        solo.set_finished(first, True)
        assert not worth_counting(solo.summary(), documents)  # one finisher: nothing to count


def test_the_childs_figures_are_kept_only_for_the_store_and_corpus_it_counted(
    articles: Path, store: Store, tmp_path: Path, monkeypatch
) -> None:
    """A real child `reader agree` hands its figures over; the app takes them only when the store did
    not change after the child started and the child counted exactly the app's documents. Otherwise
    it sums the cache itself: after a tag, and when the app was given fewer files than the folder the
    child counts."""
    import reader.services.agreement_warmup as warmup_module
    from reader.services.agreement_cache import stats_dir
    from reader.services.catalog import Catalog

    first, spans = team(store.location, articles)
    monkeypatch.setattr(warmup_module, "FILL_FROM", 1)
    sums: list[object] = []
    real_sum = warmup_module.current_figures

    def summed(*args: object) -> object:
        sums.append(args)
        return real_sum(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(warmup_module, "current_figures", summed)

    def listed(*paths: Path) -> list:
        catalog = Catalog(discover(list(paths)), cache_dir=tmp_path / "cache")
        for _ in catalog.scan():
            pass
        return sorted(catalog.entries, key=lambda e: e.relpath)

    def child(entries: list) -> warmup_module.AgreementWarmup:
        warmup = warmup_module.AgreementWarmup(store.location, articles, tmp_path / "cache")
        state = warmup_module.store_state(store.location, store.labels)
        assert warmup.refresh(store.summary(), len(entries), now=True, state=state)
        return warmup

    everything = listed(articles)
    warmup = child(everything)
    handed = warmup.remember(store, everything)
    assert sums == []  # the child's own figures
    assert handed.agreement.documents == 2
    assert not [p for p in stats_dir(store.location).iterdir() if p.name.startswith("handoff-")]

    warmup = child(everything)
    with Store.open(store.location, annotator="ann") as ann:  # after the child started: a new tag
        ann.toggle(first, "fact", *spans[5])
    changed = warmup.remember(store, everything)
    assert len(sums) == 1
    assert changed.agreement.to_json() != handed.agreement.to_json()
    assert changed.agreement.labels["fact"].present == handed.agreement.labels["fact"].present + 1

    files = sorted(articles.iterdir())
    fewer = listed(files[0], files[2])  # the app was given two files; the child counts the folder
    warmup = child(fewer)
    alone = warmup.remember(store, fewer)
    assert len(sums) == 2
    assert alone.agreement.documents == 1  # seed 0; seed 1, which ann and bob also finished, is not the app's

    # The child takes the catalog's cache as it stands (the app checks the files): a file edited since
    # the cache was written, which the app's own listing read again, gives other entries: a sum.
    import shutil

    before = tmp_path / "cache-before"
    shutil.copytree(tmp_path / "cache", before)
    edited = files[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
    relisted = listed(articles)
    shutil.rmtree(tmp_path / "cache")
    shutil.copytree(before, tmp_path / "cache")  # what the child reads: the cache before the edit
    warmup = child(relisted)
    summed_again = warmup.remember(store, relisted)
    assert len(sums) == 3
    assert summed_again.agreement.to_json() == changed.agreement.to_json()  # the edited file is no one's
