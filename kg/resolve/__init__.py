"""Cross-article resolution: a store-level stage run after every build and remove.

The article graphs stay what each article says. From them (and the user's curation file) this
stage computes which raw IRIs name one entity, then brings the store's default graph — the graph
queries read — to the resolved union of the article graphs (kg.resolve.apply). The result is a
function of the set of articles in the store, never of the order they were built in.

The state (each article's features, the current resolution and the curation file in use) is kept
beside the database in `kg-resolution.json`; `kg-resolution-dirty` marks a store written since
its last resolution: the next resolution then starts from the article graphs alone.
"""
from __future__ import annotations

import json
import os

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import Errors, StoreError

STATE_FILE = "kg-resolution.json"
DIRTY_FILE = "kg-resolution-dirty"
_VERSION = 4    # 2: institutions carry their akg:country (homonyms); 3: posts shared by their holders, tenures;
#                 4: surnames and short forms need a tie (a state of older rules is resolved again from nothing)


@dataclass
class ResolveReport:
    """What a resolution did."""

    articles: int = 0          #: articles whose features were read again
    merged: int = 0            #: raw IRIs resolved to another IRI
    clustered: int = 0         #: raw IRIs clustered again (the others kept their clusters)
    rewritten: int = 0         #: canonical IRIs whose statements were derived again
    triples: int = 0           #: triples written into the default graph
    full: bool = False         #: started from the article graphs alone


def _state_path(store) -> Path | None:
    return None if store.path is None else Path(store.path) / STATE_FILE


def mark_dirty(store, article: str) -> None:
    """Note, before an article is written or removed, that the store's resolution must take it in
    (kept on disk: after a crash the next resolution still knows which articles changed)."""
    if store.path is None:
        store._resolution_pending = getattr(store, "_resolution_pending", set()) | {article}
        return
    try:
        with open(Path(store.path) / DIRTY_FILE, "a", encoding="utf-8") as fh:
            fh.write(article + "\n")
    except OSError as exc:
            raise StoreError(Errors.E111.format(path=store.path, os_message=exc.strerror or exc)) from exc


def _load_state(store) -> dict | None:
    if store.path is None:
        return getattr(store, "_resolution_state", None)
    path = _state_path(store)
    if not path.exists():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if state.get("version") == _VERSION else None


def _save_state(store, state: dict) -> None:
    if store.path is None:
        store._resolution_state = state
        store._resolution_pending = set()
        return
    path = _state_path(store)
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_text(json.dumps(state, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
        (Path(store.path) / DIRTY_FILE).unlink(missing_ok=True)
    except OSError as exc:
        raise StoreError(Errors.E111.format(path=store.path, os_message=exc.strerror or exc)) from exc


def _pending(store) -> set[str]:
    if store.path is None:
        return set(getattr(store, "_resolution_pending", ()))
    try:
        return set((Path(store.path) / DIRTY_FILE).read_text(encoding="utf-8").split())
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise StoreError(Errors.E524.format(path=store.path, os_message=exc.strerror or exc)) from exc


def pending_articles(store) -> set[str]:
    """The articles written or removed since the store's last resolution (kept on disk, so a build
    stopped before its resolution, by an error, Ctrl-C or a crash, leaves them for the next one)."""
    return _pending(store)


def needs_resolution(store) -> bool:
    """True when articles were written or removed since the store's last resolution."""
    return bool(_pending(store)) or (store.path is not None and bool(store.articles())
                                     and _load_state(store) is None)


def _features(store, article: str) -> dict | None:
    from kg.resolve.features import article_features

    graph = ox.NamedNode(article)
    if not store.oxigraph.contains_named_graph(graph):
        return None
    return article_features(store.oxigraph.quads_for_pattern(None, None, None, graph))


def resolve_store(store, changed: Iterable[str] | None = None, *, curation=None,
                  full: bool = False) -> ResolveReport:
    """Resolve the store after `changed` articles were written or removed (None: all of them).

    `curation` replaces the store's curation (kg.resolve.curation); without it the one in use is
    read again from its file. `full` starts again from the article graphs alone."""
    from kg.resolve.apply import apply, dirty_canonicals
    from kg.resolve.curation import Curation
    from kg.resolve.resolution import Previous, Resolution, resolve

    report = ResolveReport()
    state = None if full else _load_state(store)
    changed = set(changed or ()) | _pending(store)
    if state is None:
        # never resolved: the default graph is the plain union already; else start again from it
        if full or _state_path(store) is not None and _state_path(store).exists():
            store.reset_union()
        report.full = True
        state = {"version": _VERSION, "features": {}, "resolution": {}, "curation": None}
        changed = None
    old_feats: dict[str, dict] = state["features"]
    articles = set(store.articles())
    todo = sorted(articles | set(old_feats)) if changed is None else sorted(changed)
    new_feats = dict(old_feats)
    for article in todo:
        feats = _features(store, article)
        if feats is None:
            new_feats.pop(article, None)
        else:
            new_feats[article] = feats
    report.articles = len(todo)
    if curation is None:
        curation = Curation.from_state(state.get("curation"))
    old = Resolution.from_json(state.get("resolution") or {})
    previous = None if changed is None else Previous.from_state(old, old_feats, state.get("clustering"), changed)
    new = resolve(new_feats, same=curation.same, apart=curation.apart, renames=curation.renames,
                  curated=curation.rule, previous=previous)
    dirty = dirty_canonicals(old, new, old_feats, new_feats, todo)
    report.triples = apply(store, old, new, dirty)
    report.clustered = new.clustered
    report.rewritten = len(dirty)
    report.merged = sum(len(m) for m in new.mapping.values())
    clustering = Previous.record(curation.same, curation.apart, curation.rule)
    _save_state(store, {"version": _VERSION, "features": new_feats, "resolution": new.to_json(),
                        "curation": curation.to_state(), "clustering": clustering})
    return report


def resolution_note(report: ResolveReport) -> str:
    """One line for the user about a resolution."""
    return (f"kg: resolved across articles: {report.merged} IRIs merged into others, "
            f"{report.rewritten} entities rewritten" + (" (from the article graphs)" if report.full else ""))


__all__ = ["ResolveReport", "mark_dirty", "pending_articles", "resolve_store", "resolution_note", "STATE_FILE",
           "DIRTY_FILE"]

