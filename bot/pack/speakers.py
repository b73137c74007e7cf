"""Reading a news sentence the way a curator would: does it carry a claim, whose words are
they, and is it fact, claim, opinion or statistic. First guesses for ``docket draft``, which a
curator checks; nothing here is specific to one story.

Sentences are read with their spacing folded (articles pasted from the web carry no-break
spaces), and the speaker is looked for in the shapes news writing uses: '"…," X said',
'according to X', 'X said', 'X, <who they are>, said' or '…, stating', 'echoed by X',
'"…," a spokesperson told', and a quotation followed by a line naming its speaker alone.
"""

from __future__ import annotations

import re

from bot.pack.model import LABEL_NUMBERS

#: The word before a verb of saying that makes it passive: "a flag *has been* added" names no one.
_PASSIVE = {"be", "been", "being", "is", "are", "was", "were"}
#: ("A flag *was added*": something added, not words; "she added" gives hers. "Even if *said*
#: code is loaded": the adjective, not the verb.)
_VERBS = (r"(?<!\bthe )(?<!\bif )(?<!\bof )(?<!\bany )(?<!\bsuch )(?<!\bwhen )said|"
          r"says|told|wrote|argued|argues|claimed|claims|"
          + "".join(rf"(?<!\b{word} )" for word in sorted(_PASSIVE - {"being"})) + r"added|"
          r"warned|warns|stated|states|stating|testified|insisted|noted")
#: '"…," the memo read': a document's words, introduced the way a person's are.
_READ = r"[”\"],?\s+(?:(?i:the|an?)\s+)?([\w'’ -]{2,60}?)\s+reads?\b"
SAID = re.compile(rf"\b(?:{_VERBS}|according to|(?:echoed|shared|voiced) by)\b|{_READ}",
                  re.IGNORECASE)
#: "Except as stated in this section", "unless otherwise stated": a text pointing at itself,
#: not words given to someone.
_CROSS_REFERENCE = re.compile(r"\b(?:as|otherwise|expressly|explicitly) stated\b|"
                              r"\bstated (?:above|below|herein|in this \w+)\b", re.IGNORECASE)
_NAME = r"((?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|of|de|van|von|al)){0,5})"
_VERB = rf"(?:{_VERBS})\b"
_ARTICLE = r"(?:(?i:the|an?)\s+)"
#: Words for what someone is, which may stand between "said" and their name ("said spokesperson
#: Maria Gomez"); general English, true of any story.
_ROLES = (r"spokesperson|spokesman|director|president|chair|chairman|councillor|councilor|"
          r"senator|representative|secretary|minister|mayor|governor|officer|official|member|"
          r"lawyer|attorney|professor|analyst|manager|chief|commissioner|judge|sheriff|adviser|"
          r"advisor|economist|researcher|resident|owner|candidate|leader|executive|founder|"
          r"editor|reporter")
#: A name after the words for what the person is: the person is the name.
_TITLED = re.compile(rf"^(?:[\w'’-]+ )*?(?:{_ROLES})\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+)$")
#: What a name read from a sentence must not be: when, not who ("On Tuesday, …", "released
#: Monday, said").
_WHEN = frozenset("""on in at last this earlier later after before during when since by for with
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow""".split())
#: Who a sentence quotes, most specific first.
_SPEAKERS = [
    # "…," said X; "…," said spokesperson X, said board member X (not "told X": X listens)
    re.compile(rf"\b(?:said|says|wrote|added) {_ARTICLE}?(?:(?:[a-z]+ ){{0,2}}(?:{_ROLES}) )?"
               rf"{_NAME}"),
    # "…," a spokesperson told
    re.compile(rf"[”\"],?\s+{_ARTICLE}?([\w'’ -]{{2,40}}?)\s+{_VERB}"),
    # "…," the memo read
    re.compile(_READ),
    # according to X; echoed by X
    re.compile(r"(?i:according to) " + _ARTICLE + r"?([^,.;:]{2,60})"),
    re.compile(r"(?i:echoed|shared|voiced) by " + _ARTICLE + r"?([^,.;:]{2,60})"),
    # X, who they are, stating (at the start); …member X, who…, said (anywhere)
    re.compile(rf"^{_NAME}, [^\"“”]{{1,160}}?\b{_VERB}"),
    re.compile(rf"{_NAME}, [^,\"“”]{{1,80}}, {_VERB}"),
    # …, the city's transport department said (a body named in lowercase, after a comma)
    re.compile(rf",\s+{_ARTICLE}([\w'’ -]{{2,50}}?)\s+{_VERB}"),
    # X said; The agency told
    re.compile(_NAME + r",? " + _VERB),
    re.compile(r"^" + _ARTICLE + r"?([A-Za-z][\w'’ -]{1,50}?) " + _VERB),
]
_WHEN_TAIL = re.compile(r"\s+(?:(?i:in|on|at|last|this)\s+)?(?i:" + "|".join(sorted(_WHEN)) + r")$")
#: What stands between a speaker and the verb of saying: "the city *has not* said".
_AUXILIARY_TAIL = re.compile(r"(?:\s+(?i:has|have|had|did|does|do|not|never|also|yet|already|"
                             r"repeatedly|previously|since|publicly))+$")
#: A line that is only a name, after a quotation: "Jane Doe." or "— Jane Doe".
_NAME_LINE = re.compile(r"^[—–-]?\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){1,4})\.?$")
_OPINION = re.compile(r"\b(?:should|must|believe|think|feel|wrong|unfair|dangerous|"
                      r"outrageous|terrible|great|good|bad)\b", re.IGNORECASE)
#: A figure stands as a number of its own ("3 seconds", "$4.5 million", "12,400"), not as a
#: part of a name ("C90", "-O3", "x86_64", "utf8").
_FIGURE = re.compile(r"(?<![\w\-/])\d[\d,.]*(?![\w\-/])")
_QUOTE_MARK = re.compile(r"[\"“”]")
_PRONOUNS = {"it", "he", "she", "they", "we", "i", "this", "that"}
#: What a speaker's name never starts with: a pronoun, or the start of a clause ("*If* you've
#: noted", "*That* being said", "*We've* said").
_NOT_A_NAME = _PRONOUNS | {"you", "if", "there", "here", "what", "which", "who", "these",
                           "those", "so", "then", "once", "having", "being"}
_ARTICLES = {"the", "a", "an", "our", "my", "your", "their"}
_CONTRACTED = re.compile(r"['’](?:ve|re|ll|d|m)$|^(?:it|that|there|here|what)['’]s$")
#: Words that open a clause before its subject ("While the administration argues…").
_LEADING = re.compile(r"^(?:(?i:while|although|though|as|but|and|because|since|the|an?)\s+)+")
#: Shorter sentences are headings, author lines and captions more often than claims; a line
#: with a number is kept if it has a few words ("September 21, 2023").
MIN_DRAFT_CHARS = 40
MIN_NUMBER_WORDS = 3
#: A sentence that gives its words to someone is a claim however short ("It is a mistake,"
#: Becker said): only a fragment shorter than this is not.
MIN_SAID_CHARS = 20


def plain(sentence: str) -> str:
    """The sentence with its spacing folded and its cross-references to itself dropped."""
    return _CROSS_REFERENCE.sub(" ", " ".join(sentence.split()))


#: What frames each entry of a package's history, not its content: a sign-off ("-- Jo Park
#: <jo@example.org>  Mon, 14 Nov 2022 16:35:59 +0000") and a header ("pkg (1.2-1) unstable;
#: urgency=low"). A list item's "--" may already be gone: then the date must follow.
_FRAMING = re.compile(r"^--\s+[^<>]{2,80}<[^<>\s]+@[^<>\s]+>|"
                      r"^[^<>]{2,80}<[^<>\s]+@[^<>\s]+>\s+\w{3}, \d{1,2} \w{3} \d{4}|"
                      r"^[a-z0-9][a-z0-9.+-]*\s+\([^()\s]+\)\s+[\w\s-]+;\s*urgency=\w+")


def claim_bearing(sentence: str) -> bool:
    text = plain(sentence)
    if _FRAMING.match(text):
        return False
    if _FIGURE.search(text) and len(text.split()) >= MIN_NUMBER_WORDS:
        return True
    if SAID.search(text):
        return len(text) >= MIN_SAID_CHARS
    return len(text) >= MIN_DRAFT_CHARS and bool(_QUOTE_MARK.search(text))


def attributed(sentence: str) -> bool:
    return bool(SAID.search(plain(sentence)))


def kind_of(sentence: str, is_attributed: bool) -> str:
    """A sentence that gives its words to someone is a claim, or an opinion when it judges;
    otherwise a statistic when it has a number, else a fact."""
    text = plain(sentence)
    if is_attributed:
        return "opinion" if _OPINION.search(text) else "claim"
    return "statistic" if _FIGURE.search(LABEL_NUMBERS.sub(" ", text)) else "fact"


#: The words before a name that make it a place: "shop owners *on* Pier Street said".
_AT_A_PLACE = re.compile(r"\b\w+ (?:on|in|at|from|near|along) (?:[A-Z][\w.'’-]*\s+)*$")


def speaker(sentence: str) -> str | None:
    """Who the sentence attributes its words to, if it does and a name can be read."""
    text = plain(sentence)
    if not SAID.search(text):
        return None
    for pattern in _SPEAKERS:
        found = pattern.search(text)
        if found and _AT_A_PLACE.search(text[:found.start(1)]):
            continue            # "owners on *Pier Street* said": where they are, not who
        if found:
            name = _LEADING.sub("", found.group(1)).strip(" .,'’")
            name = _WHEN_TAIL.sub("", name)      # "an email obtained in January": the email
            name = _AUXILIARY_TAIL.sub("", name)  # "the city has not said": the city
            titled = _TITLED.match(name)         # "company spokesperson Maria Delgado"
            if titled:
                name = titled.group(1)
            words = name.lower().split()
            if words and words[0] not in _NOT_A_NAME and words[0] not in _WHEN \
                    and words[-1] not in _WHEN | _PASSIVE and not _CONTRACTED.search(words[0]):
                return name
    return None


def full_names(found: list[str | None]) -> list[str | None]:
    """A speaker named by surname alone after being named in full earlier ("Ruiz" after
    "Mayor Elena Ruiz") is the same person: one name, so ``quote`` finds them once."""
    seen: list[str] = []
    named: list[str | None] = []
    for name in found:
        if name and " " not in name:
            name = next((full for full in reversed(seen) if full.split()[-1] == name), name)
        if name:
            seen.append(name)
        named.append(name)
    return named


def name_line(sentence: str) -> str | None:
    """The speaker named alone on the line after a quotation, if this is such a line."""
    found = _NAME_LINE.match(plain(sentence))
    if found is None or found.group(1).split()[0].lower() in _NOT_A_NAME | _ARTICLES:
        return None                 # "The End.", "This Week." close a text; they name no one
    return found.group(1).rstrip(".")


def has_quote_mark(sentence: str) -> bool:
    return bool(_QUOTE_MARK.search(sentence))
