"""The `kg` command line: parse arguments, call the library, print. Results on stdout, messages on stderr.

Exit status (kg.errors.ExitCode): 0 success, 1 user error (bad input, bad query, a file that
failed, a graph that does not conform), 2 usage error, 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM). Every command's help ends with Examples. Options that several commands share are decorators here (`store_option`,
`query_option`): a new command reuses them.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from kg.errors import Errors, ExitCode, KgError, Terminated

#: the store used when neither --store nor $KG_STORE names one
DEFAULT_STORE = "kg-store"
STORE_HELP = ("Store folder, or the http(s) URL of a SPARQL endpoint (default: $KG_STORE, else "
              f"./{DEFAULT_STORE}).")


def store_option(command: Callable) -> Callable:
    """The ``--store DIR|URL`` option of every command that reads or writes the store, passed to
    the command as ``store_dir`` (a str: open it with kg.store.open_store)."""
    return click.option("--store", "store_dir", metavar="DIR|URL", envvar="KG_STORE", default=DEFAULT_STORE,
                        help=STORE_HELP)(command)


def query_option(what: str) -> Callable[[Callable], Callable]:
    """The ``--query QUERY`` option of the commands that work on the entity network, passed as
    ``query_spec``: `what` the command does with the query's result ("Draw", "Analyse")."""
    return click.option("--query", "query_spec", metavar="QUERY",
                        help=f"{what} the result of a CONSTRUCT or SELECT query (a name, a .rq file or the text).")


class _Size(click.ParamType):
    """A positive size: 20000000, 20MB, 500k, 2M (k/M/G are powers of 1000; KiB/MiB/GiB of 1024)."""

    name = "size"
    _UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9,
              "kib": 2**10, "mib": 2**20, "gib": 2**30}

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        import re

        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value).replace("_", ""))
        unit = m.group(2).lower() if m else ""
        if not m or unit not in self._UNITS or float(m.group(1)) * self._UNITS[unit] < 1:
            self.fail(f"{value!r} is not a size; write e.g. 20000000, 20MB or 500k", param, ctx)
        return int(float(m.group(1)) * self._UNITS[unit])


_SIZE = _Size()


def _notes(exc: BaseException) -> None:
    for note in getattr(exc, "__notes__", ()):
        click.echo(f"kg: {note}", err=True)


def _open_store(store_dir: str, *, create: bool | None = None):
    """The store (kg.store.open_store): read-only, unless `create` says how to open it for writing;
    says so when an earlier build or remove stopped before resolving its articles across the store."""
    from kg.store import open_store

    store = open_store(store_dir, read_only=True) if create is None else open_store(store_dir, create=create)
    unresolved = getattr(store, "unresolved", 0)
    if unresolved and create is None:
        click.echo(f"kg: note: a build or remove of this store stopped before resolving {unresolved} article(s) "
                   "across articles: until `kg build` or `kg resolve` finishes that, results may show their "
                   "entities under more than one IRI", err=True)
    elif unresolved:
        click.echo(f"kg: note: a build or remove of this store stopped before resolving {unresolved} article(s) "
                   "across articles: this command resolves them", err=True)
    return store


def _fail(message: str, exc: BaseException | None = None) -> None:
    click.echo(f"kg: error: {message}", err=True)
    if exc is not None:
        _notes(exc)
    sys.exit(ExitCode.USER_ERROR)


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


class _Group(click.Group):
    """A group whose commands turn KgError into a one-line message and exit status 1, Ctrl-C into
    130 and SIGTERM into 143, after the command's own cleanup (no partial output file is left)."""

    def invoke(self, ctx):
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            return super().invoke(ctx)
        except KgError as exc:
            _fail(str(exc), exc)
        except (OSError, RuntimeError) as exc:   # a fault of the store met outside kg.store (lazy reads)
            from kg.ioerrors import store_fault_in_message

            known = store_fault_in_message(exc)
            if known is None:
                raise
            _fail(str(known), exc)
        except KeyboardInterrupt as exc:
            click.echo("kg: interrupted", err=True)
            _notes(exc)
            sys.exit(ExitCode.INTERRUPTED)
        except Terminated as exc:
            click.echo("kg: terminated (SIGTERM)", err=True)
            _notes(exc)
            sys.exit(ExitCode.TERMINATED)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="alliance-kg", prog_name="kg")
def main() -> None:
    """Build a knowledge graph of people, posts, institutions, meetings and countries from news.

    \b
    Typical session:
      kg build articles/               # read, extract, store (./kg-store)
      kg query people                  # named queries: people organizations countries
                                       #   roles post-holders timeline memberships meetings
                                       #   provenance articles
      kg query roles --format csv
      kg view --focus "Eric Holder" --depth 2 --out holder.html
      kg view --timeline --focus "Eric Holder"   # posts and meetings in time
      kg analyze                       # centrality and communities
      kg path "Eric Holder" "Cecilia Malmström"
      kg export --out graph.ttl
      kg serve                         # SPARQL endpoint + query editor at http://127.0.0.1:7878/
      kg validate
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out facts extracted with a lower confidence.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Processes that parse and extract in parallel (default: all cores).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on a Dask cluster: the scheduler's address (tcp://HOST:8786), or 'local' "
                   "for a cluster of --jobs workers on this machine.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--log-every", type=click.IntRange(1), default=100, show_default=True, metavar="N",
              help="When stderr is not a terminal (a log), write a progress line every N articles "
                   "(and at least every 5 s).")
@click.option("--max-bytes", type=_SIZE, metavar="SIZE",
              help="Refuse article files larger than this (e.g. 20MB, 50MiB; default 10MiB or $KG_MAX_BYTES).")
@click.option("--max-chars", type=_SIZE, metavar="N",
              help="Refuse article texts longer than this many characters (default 200k or $KG_MAX_CHARS).")
@click.option("--any-language", is_flag=True,
              help="Build articles that do not look English too (by default they are skipped with a warning).")
@click.option("--prune", is_flag=True,
              help="Also remove the store's articles whose files are gone (paths as given when they were built).")
@click.option("--curation", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE",
              help="Curation file (Turtle: owl:sameAs, owl:differentFrom, skos:prefLabel) for resolution; "
                   "the store remembers it for later builds.")
def build(paths: tuple[Path, ...], store_dir: str, min_confidence: float, jobs: int | None,
          scheduler: str | None, quiet: bool, log_every: int = 100, max_bytes: int | None = None,
          max_chars: int | None = None, any_language: bool = False, prune: bool = False,
          curation: Path | None = None) -> None:
    """Read articles (files or folders: .txt .html .htm .md .jsonl) and build them into the store.

    Unchanged articles are skipped; a changed article replaces its earlier facts. A file that
    cannot be read is reported and the rest of the batch is still built (exit status 1). Then
    people and institutions are resolved across all the store's articles.

    \b
    Examples:
      kg build articles/                         # into ./kg-store
      kg build news/ --store my-store --jobs 2
      kg build news/ --prune                     # and drop articles whose files were deleted
      kg build news/ --curation curation.ttl     # merge / keep apart / rename by hand
      kg build news/ --store http://localhost:8890/sparql   # a SPARQL server as the store
    """
    from kg.build import build as run_build
    from kg.build import default_jobs
    from kg.progress import Progress

    jobs = jobs or default_jobs()

    lines = Progress(sys.stderr, every=log_every)

    def progress(article_id: str, done: int, total: int) -> None:
        if quiet:
            return
        if article_id == "start":
            lines.message(f"kg: reading {total} file(s)")
            return
        lines.update(article_id, done, total)

    def on_error(path: str, text: str) -> None:
        lines.message(f"kg: skipped {text}")

    def on_skip(path: str, text: str) -> None:
        lines.message(f"kg: warning: {text}")

    cur = _curation(curation)
    client = executor = None
    if scheduler:
        from kg.distributed import LOCAL, connect, dask_executor

        client = connect(scheduler, jobs=jobs)
        executor = dask_executor(client, None if scheduler == LOCAL else scheduler)
    try:
        with _open_store(store_dir, create=True) as store:
            if cur is not None and not store.resolves:
                raise KgError(Errors.E552)
            pruned = []
            if prune:
                from kg.remove import gone_articles

                pruned = gone_articles(store)
                for iri in pruned:
                    store.remove_article(iri)
            report = run_build(paths, store, min_confidence=min_confidence, n_process=jobs,
                               progress=progress, on_error=on_error, executor=executor,
                               max_bytes=max_bytes, max_chars=max_chars, english_only=not any_language,
                               on_skip=on_skip, curation=cur)
            if not store.resolves and not quiet:
                lines.message("kg: note: " + Errors.E552)
    except BaseException:
        lines.close()                           # the error goes on a line of its own
        raise
    finally:
        if client is not None:
            from kg.distributed import close

            close(client)
    lines.close()
    click.echo(f"kg: built {len(report.built)}, unchanged {len(report.unchanged)}, "
               f"failed {len(report.failed)}"
               + (f", skipped {len(report.skipped)}" if report.skipped else "")
               + (f", pruned {len(pruned)}" if prune else "")
               + f" ({report.triples} triples written)", err=True)
    if report.resolution is not None and not quiet:
        from kg.resolve import resolution_note

        click.echo(resolution_note(report.resolution), err=True)
    if report.failed:
        sys.exit(ExitCode.USER_ERROR)


def _curation(path: Path | None):
    if path is None:
        return None
    from kg.resolve.curation import Curation

    return Curation.read(path)


@main.command()
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@store_option
def remove(articles: tuple[str, ...], store_dir: str) -> None:
    """Remove articles from the store: by file (or folder), article id or IRI.

    What the articles contributed to entities merged across articles is undone exactly: the
    store is as if they had never been built.

    \b
    Examples:
      kg remove news/2019-01-02-summit.txt
      kg remove wikinews-2019-016 kgr:article/bbc-politics-015
    """
    from kg.remove import find_articles, remove_articles

    with _open_store(store_dir, create=False) as store:
        found, unknown = find_articles(store, articles)
        if unknown:
            raise KgError(Errors.E553.format(items=", ".join(unknown)))
        remove_articles(store, found)
    click.echo(f"kg: removed {len(found)} article(s)", err=True)


@main.command(name="resolve")
@store_option
@click.option("--curation", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE",
              help="Use this curation file from now on (Turtle: owl:sameAs, owl:differentFrom, skos:prefLabel).")
@click.option("--no-curation", is_flag=True, help="Stop using the curation file the store remembers.")
@click.option("--full", is_flag=True, help="Start again from the article graphs alone.")
def resolve_command(store_dir: str, curation: Path | None, no_curation: bool, full: bool) -> None:
    """Resolve people and institutions across the store's articles again, without rebuilding.

    `kg build` does this by itself; run it after editing the curation file (its merges, kept-apart
    pairs and renames apply at once, and deleting a line undoes it).

    \b
    Examples:
      kg resolve --curation curation.ttl
    """
    from kg.resolve import resolution_note
    from kg.resolve.curation import Curation

    if curation is not None and no_curation:
        raise click.UsageError("--curation and --no-curation exclude each other")
    cur = Curation() if no_curation else _curation(curation)
    with _open_store(store_dir, create=False) as store:
        if not store.resolves:
            raise KgError(Errors.E552)
        report = store.resolve(curation=cur, full=full)
    click.echo(resolution_note(report), err=True)


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"'{p}' is not NAME=VALUE", param_hint="--param")
        out[name.lstrip("?$")] = value
    return out


@main.command()
@click.argument("query")
@store_option
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Query an RDF file (Turtle, N-Triples, TriG, N-Quads, JSON-LD) instead of the store.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "turtle", "nt"]), default="table",
              help="Output format: table (the default, for people: long cells are cut), json, csv, tsv; "
                   "turtle or nt for CONSTRUCT/DESCRIBE.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Pre-bind ?NAME to VALUE (repeatable).")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Stop the query after this many seconds.")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE (federated queries that reach the network).")
def query(query: str, store_dir: str, graph_file: Path | None, fmt: str, params: tuple[str, ...],
          timeout: float | None, allow_service: bool) -> None:
    """Run a SPARQL SELECT/ASK/CONSTRUCT/DESCRIBE (read-only).

    QUERY is a named query (people, roles, meetings, ...: see queries/), a path to a .rq file,
    or the query text itself. The output is a table unless --format says otherwise, on a
    terminal and in a pipe alike; scripts ask for json, csv or tsv (the W3C results formats).

    \b
    Examples:
      kg query people
      kg query roles --param "name=Eric Holder" --format csv
      kg query "SELECT ?o (COUNT(?m) AS ?n) WHERE { ?m org:memberOf ?o } GROUP BY ?o"
      kg query my-question.rq --format json > answer.json
      kg query people --graph export.ttl
    """
    from kg.query import bind_params, format_result, resolve_query, run_query
    from kg.store import Store

    _name, text = resolve_query(query)
    text = bind_params(text, _parse_params(params))
    if graph_file is not None:
        store = Store.from_file(graph_file)
    else:
        store = _open_store(store_dir)
    with store:
        result = run_query(store, text, timeout=timeout, allow_service=allow_service)
        click.echo(format_result(result, fmt), nl=False)


@main.command()
@store_option
@click.option("--focus", metavar="NAME", help="Show only the neighbourhood of the entity with this name.")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True, help="Hops around --focus.")
@query_option("Draw")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The page to write (default: graph.html, or timeline.html with --timeline).")
@click.option("--max-nodes", type=click.IntRange(1), default=20_000, show_default=True,
              help="Refuse to draw more nodes (with --timeline: items) than this (narrow with --focus or --query).")
@click.option("--size-by", type=click.Choice(["degree", "betweenness"]), default="degree", show_default=True,
              help="Node size shows the number of connections or the betweenness centrality.")
@click.option("--color-by", type=click.Choice(["kind", "community"]), default="kind", show_default=True,
              help="Node colour shows the class (person, country...) or the community.")
@click.option("--title", default="alliance-kg", show_default=True, help="Title of the page.")
@click.option("--isolated", is_flag=True,
              help="Also draw the entities that take part in no fact (left out by default).")
@click.option("--articles", "with_articles", is_flag=True,
              help="Draw the articles as nodes too, each linked to the entities it mentions.")
@click.option("--timeline", is_flag=True,
              help="Draw posts and meetings on a timeline instead: a person's or an institution's (--focus) "
                   "or the whole store's (written to timeline.html unless --out).")
def view(store_dir: str, focus: str | None, depth: int, query_spec: str | None, out: Path | None,
         max_nodes: int, size_by: str, color_by: str, title: str, isolated: bool = False,
         with_articles: bool = False, timeline: bool = False) -> None:
    """Write an interactive, self-contained HTML view of the graph (works offline).

    Entities that take part in no fact (no post, membership, meeting or place) are left out
    unless --isolated; the page and this command say how many. --timeline draws posts and
    meetings in time instead.

    \b
    Examples:
      kg view --out corpus.html                    # the connected structure
      kg view --articles --out corpus.html         # with the articles linking what they mention
      kg view --focus "Eric Holder" --depth 2 --out holder.html
      kg view --timeline --focus "Eric Holder" --out holder-timeline.html
    """
    from kg import view as views

    if timeline:
        if query_spec:
            raise click.UsageError(Errors.E555)
        _timeline_view(store_dir, focus, out or Path("timeline.html"), title, max_nodes)
        return
    out = out or Path("graph.html")
    network = views.network_at(store_dir, query_spec, opener=_open_store)
    if with_articles:

        with _open_store(store_dir) as store:
            views.add_articles(network, store)
    if focus:
        network = views.ego(network, focus, depth)
    note = ""
    if not isolated and not query_spec:
        dropped = views.drop_isolated(network)
        if dropped:
            note = f"{dropped:,} entities in no fact left out (kg view --isolated shows them)"
    views.render_html(network, out, title=title, max_nodes=max_nodes, size_by=size_by, color_by=color_by,
                      note=note)
    click.echo(f"kg: wrote {out} ({network.number_of_nodes()} nodes, {network.number_of_edges()} edges"
               + (f"; {note}" if note else "") + ")", err=True)


def _timeline_view(store_dir: str, focus: str | None, out: Path, title: str, max_items: int) -> None:
    """`kg view --timeline`: a person's, an institution's or the store's posts and meetings."""
    from kg.store import open_store
    from kg.timeline import focus_iris, render_timeline, timeline_rows

    with open_store(store_dir, read_only=True) as store:
        if not focus:
            rows = timeline_rows(store)
        else:
            people, others = focus_iris(store, focus)
            rows = [r for p in people for r in timeline_rows(store, person=p)]
            rows += [r for o in others for r in timeline_rows(store, institution=o)]
    render_timeline(rows, out, title=title, max_items=max_items)
    dated = sum(1 for r in rows if r.get("from"))
    click.echo(f"kg: wrote {out} ({len(rows)} items, {dated} dated)", err=True)


@main.command()
@store_option
@query_option("Analyse")
@click.option("--top", type=click.IntRange(0), default=10, show_default=True, help="Entities listed.")
@click.option("--sort", type=click.Choice(["degree", "betweenness"]), default="degree", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def analyze(store_dir: str, query_spec: str | None, top: int, sort: str, fmt: str) -> None:
    """Centrality (degree, betweenness) and communities of the entity graph.

    \b
    Examples:
      kg analyze --top 20
      kg analyze --sort betweenness --format csv > central.csv
      kg analyze --query memberships
    """
    from kg.analyze import format_report, report

    from kg.view import network_at

    network = network_at(store_dir, query_spec, opener=_open_store)
    click.echo(format_report(report(network, top=top, sort=sort), fmt), nl=False)


@main.command()
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def path(source: str, target: str, store_dir: str, fmt: str) -> None:
    """The shortest chain of facts linking entities A and B, each step with its evidence.

    Names match case- and accent-insensitively ("malmstrom" finds "Malmström").

    \b
    Examples:
      kg path "Eric Holder" "Cecilia Malmström"
      kg path holder malmstrom --format json
    """
    from kg.analyze import format_path, shortest_path

    from kg.view import network_at

    network = network_at(store_dir, opener=_open_store)
    click.echo(format_path(network, shortest_path(network, source, target), fmt), nl=False)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "nq", "trig", "jsonld", "graphml", "gexf"]),
              default="turtle", show_default=True,
              help="RDF (turtle, nt, nq, trig, jsonld) or the entity network of the views (graphml, gexf).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
def export(store_dir: str, fmt: str, out: Path | None) -> None:
    """Export the graph (all articles; nq and trig keep one named graph per article).

    \b
    graphml and gexf write the entity network that `kg view` draws (node type, name, degree and
    community; edge labels), for Gephi and Cytoscape.

    \b
    Examples:
      kg export --out out/graph.ttl
      kg export --format trig --out graph.trig        # one named graph per article
      kg export --format graphml --out graph.graphml
    """
    from kg.export import NETWORK_FORMATS, export_network
    from kg.export import export as run_export

    if fmt in NETWORK_FORMATS:
        from kg.view import network_at

        network = network_at(store_dir, opener=_open_store)
        n = export_network(network, fmt, out)
        if out:
            click.echo(f"kg: wrote {out} ({n} nodes, {network.number_of_edges()} edges)", err=True)
        return
    with _open_store(store_dir) as store:
        n = run_export(store, fmt, out)
    if out:
        click.echo(f"kg: wrote {n} triples to {out}", err=True)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback: only this machine can connect).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Stop a query after this many seconds (503).")
@click.option("--max-running", type=click.IntRange(1), default=4, show_default=True,
              help="Queries run at once; more wait (then 503).")
@click.option("--max-request", type=_SIZE, default="1MB", show_default=True, metavar="SIZE",
              help="Largest request (query text or form) accepted (413).")
def serve(store_dir: str, host: str, port: int, timeout: float, max_running: int, max_request: int) -> None:
    """Serve the store: a SPARQL 1.1 endpoint, a query editor in the browser and a page per entity.

    Read-only, with the checks of `kg query`; works while `kg build` writes the same store.

    \b
    Examples:
      kg serve                        # then open http://127.0.0.1:7878/
      curl 'http://127.0.0.1:7878/query/roles?person=kgr:person/eric-holder' -H 'Accept: text/csv'
      curl http://127.0.0.1:7878/sparql --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3'
    Ctrl-C stops it.
    """
    from kg.serve import Limits, is_loopback, run

    from kg.remote_store import is_url

    if is_url(store_dir):
        raise KgError(Errors.E550)
    path = Path(store_dir)
    if not is_loopback(host):
        click.echo(f"kg: warning: listening on {host}: other machines can reach this server and read the "
                   "whole graph (it has no authentication); use --host 127.0.0.1 to keep it local", err=True)

    def ready(url: str) -> None:
        click.echo(f"kg: serving {path} at {url} (Ctrl-C stops)", err=True)
        click.echo(url)
        sys.stdout.flush()

    limits = Limits(timeout=timeout, max_running=max_running, max_request_bytes=max_request)
    try:
        run(path, host=host, port=port, limits=limits, on_ready=ready)
    except KeyboardInterrupt:
        pass
    click.echo("kg: stopped", err=True)


@main.command()
@store_option
def upgrade(store_dir: str) -> None:
    """Upgrade a store written by an older kg to this kg's store format (once).

    `kg build` upgrades a store it writes to by itself; readers (kg query, view, serve...) refuse a
    store they cannot read as it is and name this command.

    \b
    Examples:
      kg upgrade
      kg upgrade --store my-store
    """
    from kg import storeformat
    from kg.remote_store import is_url
    from kg.store import open_store

    if is_url(store_dir):
        raise KgError(Errors.E554)
    path = Path(store_dir)
    before = storeformat.read(path) if path.is_dir() else None
    with open_store(path, create=False):
        pass
    if before == storeformat.FORMAT:
        click.echo(f"kg: the store at {path} is already at format {storeformat.FORMAT}; nothing to do", err=True)
    else:
        click.echo(f"kg: the store at {path} is now at format {storeformat.FORMAT}", err=True)


@main.command()
@store_option
def validate(store_dir: str) -> None:
    """Check the graph against the ontology's SHACL shapes; exit 1 when it does not conform.

    \b
    Examples:
      kg validate
      kg validate --store my-store || echo "the graph breaks the shapes"
    """
    from kg.validate import validate as run_validate

    with _open_store(store_dir) as store:
        report = run_validate(store.to_rdflib())
    click.echo(report.text)
    if not report.conforms:
        sys.exit(ExitCode.USER_ERROR)


@main.command()
@store_option
def stats(store_dir: str) -> None:
    """Count articles, triples and entities per class.

    \b
    Examples:
      kg stats
      KG_STORE=my-store kg stats
    """

    with _open_store(store_dir) as store:
        counts = store.stats()
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        click.echo(f"{key:{width}s}  {value}")


@main.command(name="eval")
@click.option("--gold", "gold_dir", required=True, metavar="DIR", type=click.Path(path_type=Path),
              help="Folder of gold JSON files (one per article; aliases.json/countries.json here or in its parent).")
@click.option("--articles", "articles_dir", required=True, metavar="DIR", type=click.Path(path_type=Path),
              help="Folder the gold files' 'article' names are relative to.")
@click.option("--json", "json_out", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the full result (counts, misses, extras) as JSON here.")
@click.option("--only", multiple=True, metavar="ID", help="Score only this article (gold file stem; repeatable).")
@click.option("--verbose", "-v", is_flag=True, help="Per-article scores with what was missed and what was extra.")
def eval_command(gold_dir: Path, articles_dir: Path, json_out: Path | None, only: tuple[str, ...],
                 verbose: bool) -> None:
    """Measure extraction against hand-made gold facts: precision, recall and F1 per fact type.

    Each gold article is built alone into a temporary store (your --store is not touched) and
    compared with its gold file; then all are built together to check that every gold person
    is one entity. The last line is `overall: P=... R=... F1=...` (micro average).

    \b
    Examples:
      kg eval --gold tests/data/gold --articles tests/data/articles
      kg eval --gold gold/ --articles articles/ -v --json scores.json
      kg eval --gold gold/ --articles articles/ --only my-article
    """
    import json

    from kg.evaluate import evaluate, format_evaluation

    def progress(article_id: str, done: int, total: int) -> None:
        click.echo(f"kg: eval [{done}/{total}] {article_id}", err=True)

    def warn(message: str) -> None:
        click.echo(f"kg: warning: {message}", err=True)

    result = evaluate(gold_dir, articles_dir, only=only or None, progress=progress, warn=warn)
    click.echo(format_evaluation(result, verbose=verbose), nl=False)
    if json_out is not None:
        try:
            json_out.write_text(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            raise KgError(Errors.E551.format(json_out=json_out, reason=exc.strerror or exc)) from None
        click.echo(f"kg: wrote {json_out}", err=True)
