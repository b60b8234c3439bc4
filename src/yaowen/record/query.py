"""A search query as a person writes it, parsed once and written out for FTS5 or a PostgreSQL tsquery.

    审计 整改            both words (AND)
    审计 OR 疫情         either word (also 审计 | 疫情)
    审计 -疫情           审计 without 疫情 (also 审计 NOT 疫情)
    "市委 常委会"        a phrase: the words in a row (Chinese has no spaces: 市委常委会)

Every term is converted Traditional -> Simplified with OpenCC, as the pages are when stored, so 審計 finds
审计. A query that cannot run — only words to leave out, OR with nothing on one side, nothing searchable —
is a ``QueryError`` saying why, never a silent empty answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..validate import InvalidInput
from .tokens import _RUN_RE, _is_han

MAX_TERMS = 32  # beyond this a query is a pasted paragraph, and the index would do nothing useful with it
# The index matches a phrase by walking the position list of each of its tokens: the work grows with the
# phrase's length times how common its tokens are (66 × 市 walked the list of 市市 65 times: seconds). A
# longer word or phrase is looked up by its first MAX_PHRASE_TOKENS tokens in a row and its other distinct
# tokens anywhere; for a run of characters the few articles that match are checked for the whole run
# (``ParsedQuery.long_runs``), a longer phrase of several runs is taken as found.
MAX_PHRASE_TOKENS = 8
MAX_QUERY_TOKENS = 96  # what all the terms may send to the index together

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_HAN_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


class QueryError(InvalidInput):
    """A query the engine cannot run; ``str()`` says why and how to write it."""


@dataclass(frozen=True)
class Term:
    text: str  # the searchable text as it would appear in an article (simplified, spaces inside a phrase kept)
    tokens: tuple[str, ...]  # index tokens in a row
    prefix: bool  # the last token may be the first half of a bigram (a single Han character at the end)

    @property
    def long(self) -> bool:
        """Too long to look up token by token (see MAX_PHRASE_TOKENS)."""
        return len(self.tokens) > MAX_PHRASE_TOKENS

    @property
    def long_run(self) -> bool:
        """Long, and one run of Han characters: a match holds it as it is written, which can be checked."""
        return self.long and _is_han(self.text) and _RUN_RE.fullmatch(self.text) is not None

    def lookup(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(tokens to find in a row, tokens to find anywhere): what the index is asked for this term."""
        if not self.long:
            return self.tokens, ()
        head = self.tokens[:MAX_PHRASE_TOKENS]
        return head, tuple(t for t in dict.fromkeys(self.tokens[MAX_PHRASE_TOKENS:]) if t not in head)


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[tuple[Term, ...], ...]  # every group must match; a group matches if any of its terms does
    excluded: tuple[Term, ...] = ()

    def literals(self) -> list[str]:
        """The texts of the terms to look for, for highlighting and scoring."""
        return [t.text for group in self.groups for t in group]

    def long_runs(self) -> list[str]:
        """Runs looked up by a part of their tokens that every match must hold whole (a term that must occur;
        in an OR group the lookup alone decides)."""
        return [g[0].text for g in self.groups if len(g) == 1 and g[0].long_run]

    def fts5(self) -> str:
        def one(t: Term) -> str:
            row, anywhere = t.lookup()
            phrase = '"' + " ".join(row) + '"' + ("*" if t.prefix else "")
            return phrase if not anywhere else "(" + " AND ".join([phrase, *(f'"{tok}"' for tok in anywhere)]) + ")"

        def group(g: tuple[Term, ...]) -> str:
            return one(g[0]) if len(g) == 1 else "(" + " OR ".join(map(one, g)) + ")"

        expr = " AND ".join(map(group, self.groups))
        if self.excluded:
            expr = f"({expr}) NOT " + (one(self.excluded[0]) if len(self.excluded) == 1 else
                                       "(" + " OR ".join(map(one, self.excluded)) + ")")
        return expr

    def tsquery(self) -> str:
        def one(t: Term) -> str:
            row, anywhere = t.lookup()
            quoted = [f"'{tok}'" for tok in row]
            if t.prefix:
                quoted[-1] += ":*"
            phrase = "(" + " <-> ".join(quoted) + ")"
            return phrase if not anywhere else "(" + " & ".join([phrase, *(f"'{tok}'" for tok in anywhere)]) + ")"

        def group(g: tuple[Term, ...]) -> str:
            return one(g[0]) if len(g) == 1 else "(" + " | ".join(map(one, g)) + ")"

        return " & ".join([*map(group, self.groups), *(f"!{one(t)}" for t in self.excluded)])


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc  # the official OpenCC, the same conversion the cleaner gives the pages

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    return _t2s().convert(text) if text else text


def make_term(text: str, phrase: bool = False) -> Term | None:
    """The index tokens of a word or phrase; None when it has nothing searchable."""
    text = simplified(text)
    if phrase:
        text = _HAN_SPACE_RE.sub("", text.strip())  # Chinese is printed without spaces between words
    runs = _RUN_RE.findall(text)
    if not runs:
        return None
    tokens: list[str] = []
    for run in runs:
        if not _is_han(run):
            tokens.append(run.lower())
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    literal = " ".join(runs) if phrase else "".join(runs)
    return Term(literal, tuple(tokens), _is_han(runs[-1]) and len(runs[-1]) == 1)


def _once(items: list[tuple[str, Term | None]]) -> list[tuple[str, Term | None]]:
    """The items with a word repeated outside OR kept once (审计 审计 审计 is 审计: the index would walk the
    same list again for nothing)."""
    seen: set[tuple[str, Term]] = set()
    out: list[tuple[str, Term | None]] = []
    for at, (kind, term) in enumerate(items):
        beside_or = any(items[j][0] == "or" for j in (at - 1, at + 1) if 0 <= j < len(items))
        if term is not None and not beside_or:
            if (kind, term) in seen:
                continue
            seen.add((kind, term))
        out.append((kind, term))
    return out


def parse_query(query: str) -> ParsedQuery:
    """The query's groups and exclusions, or a QueryError saying why it cannot run."""
    if "(" in query or ")" in query or "（" in query or "）" in query:
        stripped = query.translate(str.maketrans("", "", "()（）"))
        if _RUN_RE.search(stripped) and any(op in query.split() for op in ("OR", "NOT", "AND", "|")):
            raise QueryError(f"{query!r}: parentheses are not supported; write 审计 OR 疫情, 审计 -疫情 or "
                             '"审计整改" (every word must match unless joined by OR)')
    items: list[tuple[str, Term | None]] = []  # ("term" | "not" | "or", term)
    pending_not = False
    for m in _TOKEN_RE.finditer(query):
        minus, quoted, word = m.group(1), m.group(2), m.group(3)
        if word in ("OR", "|"):
            items.append(("or", None))
            continue
        if word == "AND":
            continue
        if word == "NOT":
            pending_not = True
            continue
        negative = pending_not or bool(minus)
        pending_not = False
        if quoted is not None:
            term = make_term(quoted, phrase=True)
        else:
            if word.startswith("-") and len(word) > 1:
                negative, word = True, word[1:]
            term = make_term(word)
        if term is not None:
            items.append(("not" if negative else "term", term))
    if pending_not:
        raise QueryError(f"{query!r}: NOT needs a word after it (审计 NOT 疫情, or 审计 -疫情)")
    items = _once(items)
    terms = [term for _, term in items if term is not None]
    if len(terms) > MAX_TERMS:
        raise QueryError(f"{query!r}: too many words (at most {MAX_TERMS})")
    if sum(len(t.lookup()[0]) + len(t.lookup()[1]) for t in terms) > MAX_QUERY_TOKENS:
        raise QueryError(f"{query!r}: too long a query; search for a few words or a shorter phrase")
    long_out = next((t for kind, t in items if kind == "not" and t is not None and t.long), None)
    if long_out is not None:
        raise QueryError(f"{query!r}: a word to leave out may have at most {MAX_PHRASE_TOKENS + 1} characters "
                         f"({long_out.text[:12]}… has {len(long_out.text)})")

    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for kind, term in items:
        if kind == "or":
            if not groups or join_next:
                raise QueryError(f"{query!r}: OR needs a word on each side (审计 OR 疫情)")
            join_next = True
        elif kind == "not":
            if join_next:
                raise QueryError(f"{query!r}: a word left out cannot be one side of OR")
            excluded.append(term)  # type: ignore[arg-type]
        elif join_next:
            groups[-1].append(term)  # type: ignore[arg-type]
            join_next = False
        else:
            groups.append([term])  # type: ignore[list-item]
    if join_next:
        raise QueryError(f"{query!r}: OR needs a word on each side (审计 OR 疫情)")
    if not groups:
        if excluded:
            raise QueryError(f"{query!r}: only words to leave out; add a word to look for (审计 -疫情)")
        raise QueryError(f"{query!r}: nothing to search for; use Chinese characters, letters or digits")
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))
