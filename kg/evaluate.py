"""Measure kg against hand-made gold facts: the library behind `kg eval`.

Gold facts are one JSON file per article (the format of the gold README: people, organizations,
countries, titles, affiliations, memberships, meetings, and an ``optional`` section whose facts
count neither way). Every article is built alone into a temporary store, the graph is read back
through the named queries and compared with its gold file per fact type; precision, recall and
F1 are summed over all articles (micro average). A second pass builds all articles into one
store and checks that every gold person is exactly one entity (cross-article resolution).

Gold files are read by kg.gold, the matching rules (those of the project's reference scorer
eval/score.py, so both give the same numbers) are kg.scoring; this module builds, reads the
graph back and reports.

Usage::

    from kg.evaluate import evaluate, format_evaluation
    result = evaluate("gold/", "articles/")
    print(format_evaluation(result, verbose=True))
"""
from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import Errors, InputError, KgError
from kg.gold import load_gold_dir, load_names
from kg.scoring import (FACT_TYPES, OrgResolution, Resolution, Rows, Tally, TitleStatus, check_org_resolution,
                        check_resolution, score_article, score_title_status,
                        score_title_times)

__all__ = ["QUERIES", "ArticleResult", "Evaluation", "evaluate", "format_evaluation", "read_predictions"]

#: the named queries the predicted facts are read from
QUERIES = ("people", "organizations", "countries", "roles", "memberships", "meetings")


# -- predictions ------------------------------------------------------------------------------


def read_predictions(store, queries: Iterable[str] = QUERIES) -> Rows:
    """The rows of the named queries on a store, each row as {column: value} of its bound columns."""
    from kg.query import resolve_query, run_query

    rows: Rows = {}
    for name in queries:
        result = run_query(store, resolve_query(name)[1])
        rows[name] = [{var: str(term) for var, term in zip(result.vars, row) if term is not None}
                      for row in result.rows]
    return rows


class _ArticleGraph:
    """A store seen through one article's named graph: what building that article alone gives."""

    def __init__(self, store, graph: str):
        self._store, self._graph = store, graph

    def query(self, sparql: str):
        return self._store.query(sparql, graph=self._graph)


def _build_and_read_each(paths: Sequence[Path]) -> tuple[dict[Path, tuple[Rows, str | None]], Rows, str | None]:
    """Build the articles once into a temporary store; read the queries per article graph, and the
    people and institutions over all of them (for resolution)."""
    from kg.build import build
    from kg.ingest import iter_articles
    from kg.mapping import article_iri
    from kg.store import Store

    empty = {q: [] for q in QUERIES}
    nothing = {"people": [], "organizations": []}
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        try:
            with Store.open(Path(tmp) / "store", create=True) as store:
                report = build(paths, store)
                failed = {Path(f).resolve(): msg for f, msg in report.failed}
                per_article: dict[Path, tuple[Rows, str | None]] = {}
                for path in paths:
                    if path.resolve() in failed:
                        per_article[path] = (empty, failed[path.resolve()])
                        continue
                    ids = [a.id for a in iter_articles([path], on_error=lambda *_: None)]
                    if not ids:
                        per_article[path] = (empty, f"{path} holds no article")
                        continue
                    per_article[path] = (read_predictions(_ArticleGraph(store, str(article_iri(ids[0])))), None)
                if report.failed:
                    return per_article, nothing, "; ".join(msg for _path, msg in report.failed)
                return per_article, read_predictions(store, ("people", "organizations")), None
        except KgError as exc:
            return {path: (empty, str(exc)) for path in paths}, nothing, str(exc)


# -- the evaluation ---------------------------------------------------------------------------


@dataclass
class ArticleResult:
    """The scores of one article (an `error` when it could not be built: it then scores nothing)."""

    id: str
    tallies: dict[str, Tally]
    error: str | None = None
    status: TitleStatus = field(default_factory=TitleStatus)
    times: dict[str, Tally] = field(default_factory=dict)   #: "since" / "until" of matched titles


@dataclass
class Evaluation:
    """The result of an evaluation: per-article tallies, the resolution check, and the build time."""

    articles: list[ArticleResult]
    resolution: Resolution | None = None
    org_resolution: OrgResolution | None = None
    build_seconds: float = 0.0

    def title_status(self) -> TitleStatus:
        """The status agreement of matched titles, summed over all articles."""
        total = TitleStatus()
        for article in self.articles:
            total.add(article.status)
        return total

    def title_times(self) -> dict[str, Tally]:
        """The stated starts and ends of matched titles, summed over all articles."""
        totals = {"since": Tally(), "until": Tally()}
        for article in self.articles:
            for column, tally in article.times.items():
                totals[column].add(tally)
        return totals

    def totals(self) -> dict[str, Tally]:
        """Per fact type, the counts summed over all articles."""
        totals = {t: Tally() for t in FACT_TYPES}
        for article in self.articles:
            for t in FACT_TYPES:
                totals[t].add(article.tallies[t])
        return totals

    def overall(self) -> Tally:
        """All fact types together (micro average)."""
        overall = Tally()
        for tally in self.totals().values():
            overall.add(tally)
        return overall

    def to_json(self) -> dict[str, Any]:
        """The full result as JSON data (the layout of the reference scorer's --json report)."""
        data: dict[str, Any] = {"articles": {}, "types": {}}
        for article in self.articles:
            data["articles"][article.id] = {
                t: {"tp": x.tp, "fp": x.fp, "fn": x.fn, "misses": x.misses, "extras": x.extras}
                for t, x in article.tallies.items()}
            if article.error:
                data["articles"][article.id]["error"] = article.error
        if self.resolution is not None:
            r = self.resolution
            data["resolution"] = {"people": r.people, "resolved": r.resolved, "missing": r.missing,
                                  "split": r.split, "merged": r.merged}
        if self.org_resolution is not None:
            o = self.org_resolution
            data["org_resolution"] = {"organizations": o.organizations, "resolved": o.resolved, "split": o.split,
                                      "missing": o.missing}
        for t, x in self.totals().items():
            data["types"][t] = {"p": x.precision, "r": x.recall, "f1": x.f1, "tp": x.tp, "fp": x.fp, "fn": x.fn}
        data["title_status"] = dataclasses.asdict(self.title_status())
        data["title_times"] = {column: {"p": x.precision, "r": x.recall, "f1": x.f1, "tp": x.tp, "fp": x.fp,
                                        "fn": x.fn} for column, x in self.title_times().items()}
        overall = self.overall()
        data["overall"] = {"p": overall.precision, "r": overall.recall, "f1": overall.f1,
                           "build_seconds": round(self.build_seconds, 3)}
        return data


def evaluate(gold_dir: Path | str, articles_dir: Path | str, *, only: Iterable[str] | None = None,
             progress: Callable[[str, int, int], None] | None = None,
             warn: Callable[[str], None] | None = None) -> Evaluation:
    """Build the gold articles once, score each one's graph against its gold file, and check resolution over all."""
    gold_dir, articles_dir = Path(gold_dir), Path(articles_dir)
    golds = load_gold_dir(gold_dir, only=only)
    if not articles_dir.is_dir():
        raise InputError(Errors.E609.format(articles_dir=articles_dir))
    names = load_names(gold_dir)
    paths = {gold.id: articles_dir / gold.article for gold in golds}
    present = [gold for gold in golds if paths[gold.id].is_file()]
    if not present:
        raise InputError(Errors.E610.format(count=len(golds), articles_dir=articles_dir, article=golds[0].article))
    total = len(golds) + 1   # one build, then each article's scoring
    evaluation = Evaluation(articles=[])
    if progress:
        progress(f"building {len(present)} article(s)", 1, total)
    started = time.perf_counter()
    built, everything, error = _build_and_read_each(sorted({paths[gold.id] for gold in present}))
    evaluation.build_seconds += time.perf_counter() - started
    for i, gold in enumerate(golds, start=2):
        if progress:
            progress(gold.id, i, total)
        path = paths[gold.id]
        if path in built:
            rows, article_error = built[path]
        else:
            rows, article_error = {q: [] for q in QUERIES}, f"no article {path}; it scores nothing"
        if article_error and warn:
            warn(f"{gold.id}: {article_error}")
        evaluation.articles.append(ArticleResult(gold.id, score_article(gold, rows, names), article_error,
                                                 score_title_status(gold, rows["roles"]),
                                                 score_title_times(gold, rows["roles"])))
    if len(golds) > 1:
        if error and warn:
            warn(f"resolution: {error}")
        evaluation.resolution = check_resolution(golds, everything["people"])
        evaluation.org_resolution = check_org_resolution(golds, everything["organizations"], names)
    return evaluation


def format_evaluation(evaluation: Evaluation, *, verbose: bool = False) -> str:
    """The report as text: per article (verbose, with misses and extras), resolution, per type, overall."""
    lines = []
    if verbose:
        for article in evaluation.articles:
            scores = "  ".join(f"{t[:5]} {article.tallies[t].f1:.2f}" for t in FACT_TYPES)
            lines.append(f"{article.id:40s} {scores}" + ("  (not built)" if article.error else ""))
            for t in FACT_TYPES:
                tally = article.tallies[t]
                if tally.misses or tally.extras:
                    lines.append(f"    {t}: missed {tally.misses}  extra {tally.extras}")
            for column, tally in article.times.items():
                if tally.misses or tally.extras:
                    lines.append(f"    title {column}: missed {tally.misses}  extra {tally.extras}")
    r = evaluation.resolution
    if r is not None:
        lines.append(f"resolution: {r.resolved}/{r.people} people resolved to exactly one entity; "
                     f"missing {r.missing}; split {r.split}; merged {r.merged}")
    o = evaluation.org_resolution
    if o is not None:
        lines.append(f"org resolution: {o.resolved}/{o.organizations} institutions named in 2+ articles "
                     f"are one entity; split {o.split}")
    for t, tally in evaluation.totals().items():
        lines.append(f"{t:14s} P={tally.precision:.3f} R={tally.recall:.3f} F1={tally.f1:.3f}  "
                     f"(tp {tally.tp}, fp {tally.fp}, fn {tally.fn})")
    for column, tally in evaluation.title_times().items():   # the stated start and end of matched titles
        lines.append(f"{'title ' + column:14s} P={tally.precision:.3f} R={tally.recall:.3f} F1={tally.f1:.3f}  "
                     f"(tp {tally.tp}, fp {tally.fp}, fn {tally.fn})")
    st = evaluation.title_status()
    lines.append(f"title status: {st.right}/{st.matched} matched titles with the right status "
                 f"(former/acting/outgoing/elect: gold {st.gold_timed}, found {st.found_timed}, "
                 f"right {st.right_timed})")
    overall = evaluation.overall()
    lines.append(f"overall: P={overall.precision:.3f} R={overall.recall:.3f} F1={overall.f1:.3f}")
    return "\n".join(lines) + "\n"
