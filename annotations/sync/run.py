"""One `reader sync`, step by step: set up (first time), recover a killed sync, fetch, commit, merge,
push (again after merging when another annotator pushed first), pack."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from annotations.gitrepo import GitError, check_git
from annotations.sync.merging import finish_pending, merge_remote
from annotations.sync.repo import PUSH_ATTEMPTS, Repo
from annotations.sync.report import SyncError, SyncReport

if TYPE_CHECKING:
    from annotations.store import Store

Progress = Callable[[str], None]


def sync(
    store: Store, remote: str | None = None, progress: Progress | None = None, *, full: bool = False
) -> SyncReport:
    """Commit this store's changes, take the team's, push; SyncError (one line) when it cannot.

    `full` looks at every file of the work tree, not only those the store listed as changed."""
    say = progress or (lambda _text: None)
    repo = Repo(store.location, store._locked)
    report = SyncReport()
    try:
        check_git()
        if remote is None and not repo.is_repo():
            raise SyncError(
                f"{store.location} is not set up for sync yet: run `reader sync --remote URL` once "
                "(URL: a bare git repository on a shared drive, a server or a hosting service)"
            )
        if remote is None and repo.remote_url() is None:
            raise SyncError(f"{store.location} has no remote: run `reader sync --remote URL` once")
        if remote is not None:
            say(f"checking {remote}")
            report.setup = repo.set_up(remote, store.annotator)
        with repo.sync_lock():
            repo.clear_stale_locks()
            repo.settle_index()
            report.recovered = finish_pending(repo)
            branch = repo.branch()
            say("fetching")
            remote_head = repo.fetch(branch)
            say("committing your changes")
            repo.commit_local(store.annotator, report, full=full)
            repo.housekeeping()  # before the push: it then sends packed objects as they are
            for attempt in range(PUSH_ATTEMPTS):
                if remote_head is not None:
                    say("merging the team's changes")
                    merge_remote(repo, remote_head, store.annotator, report)
                say("pushing")
                if repo.push(branch, remote_head, report):
                    break
                report.retries += 1
                time.sleep(random.uniform(0.05, 0.2) * (attempt + 1))
                say(f"another annotator pushed first; fetching again (try {attempt + 2})")
                remote_head = repo.fetch(branch)
            else:
                raise SyncError(f"the push lost {PUSH_ATTEMPTS} races in a row; run reader sync again")
    except GitError as exc:
        raise SyncError(str(exc)) from None
    except OSError as exc:
        raise SyncError(f"{store.location}: {exc.strerror or exc}") from None
    if report.documents:  # the local summary index: rebuilt for what arrived, now, not at next open
        store.refresh([f"sha256:{d}" for d in sorted(report.documents)])
    return report
