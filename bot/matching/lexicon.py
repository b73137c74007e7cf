"""General English the matcher treats specially: fillers to ignore and shorthand to spell out.

Only words that mean the same in any subject belong here. A pack's subject brings its own
vocabulary in its ``lexicon.yaml`` (``bot.pack.lexicon``), which can also make a general filler
a topic word, or add fillers of its own.
"""

from __future__ import annotations

#: Words that carry no topic: grammar, question words, chat filler.
STOPWORDS = frozenset("""
a about above after again all am an and any are aren't arent as at be because been
before being below between both but by can cant can't could couldnt did didnt didn't do does
doesnt doesn't doing dont don't down during each few for from further got had has have
having he her here hers herself him himself his how i if in into is isnt isn't it its it's itself
just let lets let's me more most my myself no nor not now of off on once only or other our ours
out over own really same she should so some such than that thats that's the their theirs them
themselves then there theres there's these they this those through to too under until up us very
was we were what whats what's when whens where wheres which while who whos who's whom why will
with would you your yours yourself yourselves also any anything something thing things stuff
tell explain describe know want need please pls plz give show say says said mean means meaning
hey hi hello ok okay thanks thank yes yeah yep really actually exactly supposed going gonna wanna
quick quickly brief briefly summary summarize summarise overview story news article articles
info information details detail latest update updates basically just like kind sort lot
besides beside quote quotes quoted many much
wont shouldnt wouldnt wasnt werent havent hasnt hadnt im ive youre theyre itll thatll whatre
wants wanted needs needed knows knew asks asked asking wonder wondering curious seeing hearing
heard saw seen keep keeps keeping tells told telling trying try tldr anyway anyways roughly
approximately approx around kinds types whose someone somebody anyone anybody guess maybe
else per according besides explained explains explaining described describes meant onto upon
totally completely entirely whether
x y z still even anymore ever etc versus nowadays since
""".split())

#: Chat shorthand and abbreviations anyone might type, spelt out before anything else.
SHORTHAND: dict[str, str] = {
    "rn": "now", "ppl": "people", "abt": "about", "wat": "what", "wut": "what", "wht": "what",
    "wich": "which", "whcih": "which", "u": "you", "ur": "your", "r": "are", "b4": "before",
    "bc": "because", "cuz": "because", "tho": "though", "thx": "thanks", "ty": "thanks",
    "idk": "", "imo": "", "imho": "", "fyi": "", "btw": "", "tbh": "", "lol": "", "w": "with",
    "vs": "versus", "lib": "library", "libs": "libraries", "defn": "definition",
    "admin": "administration", "org": "organization", "orgs": "organizations",
    "stats": "statistics", "govt": "government", "dept": "department", "approx": "",
    "whr": "where", "wher": "where", "wen": "when", "hw": "how", "bcuz": "because",
    "hav": "have", "hv": "have", "dunno": "", "pic": "picture", "graf": "paragraph",
    "grafs": "paragraphs", "src": "source", "srcs": "sources",
    # the same in technical chat
    "docs": "documentation",
    "repo": "repository", "repos": "repositories", "config": "configuration",
    "configs": "configurations", "env": "environment", "dev": "developer",
    "devs": "developers", "app": "application", "apps": "applications", "pkg": "package",
    "pkgs": "packages", "dir": "directory", "dirs": "directories", "perf": "performance",
    "impl": "implementation", "reqs": "requirements", "yr": "year", "yrs": "years",
    "wk": "week", "wks": "weeks", "hrs": "hours", "mgmt": "management", "mgr": "manager",
    "corp": "corporation", "biz": "business", "gov": "government", "intl": "international",
}
#: A pronoun with its auxiliary, read before the apostrophe is dropped: without it "we'd",
#: "she'll" and "i'll" would be read as "wed", "shell" and "ill".
CONTRACTIONS: dict[str, str] = {
    f"{pronoun}'{short}": f"{pronoun} {full}"
    for pronoun in ("i", "you", "he", "she", "it", "we", "they", "who", "what", "that",
                    "there", "where", "how", "why", "when")
    for short, full in (("d", "would"), ("ll", "will"), ("ve", "have"), ("re", "are"),
                        ("m", "am"))
    if (short != "m" or pronoun == "i")
} | {f"{verb}n't": f"{verb} not" for verb in ("must", "need", "might", "could", "should",
                                               "would", "ought")
     } | {"can't": "can not", "won't": "will not", "shan't": "shall not", "ain't": "is not"}

#: Shorthand with punctuation in it, read before the text is split into words ("w/o" is not
#: "w", "o"; "tl;dr" is not "tl", "dr").
SLASHED = {"w/o": "without", "w/": "with ", "b/c": "because", "b/w": "between",
           "tl;dr": "tldr", "tl:dr": "tldr", "tl/dr": "tldr"}

#: General English folded before stemming: as typed -> as written out. Topic words belong in a
#: pack's own ``lexicon.yaml``, never here.
SYNONYMS: dict[str, str] = {
    "thru": "through", "gonna": "going", "info": "information",
    "easier": "ease", "easy": "ease", "easily": "ease",
    "sept": "september", "sep": "september", "mil": "million",
    # a noun the stemmer leaves apart from its verb ("submission" is "submiss", "submit")
    "submission": "submit", "submissions": "submit", "permission": "permit",
    "permissions": "permit", "admission": "admit", "admissions": "admit",
    "transmission": "transmit", "omission": "omit", "omissions": "omit",
}

#: Words the English stemmer cuts down to a different word ("authorization" to "author",
#: "department" to "depart"): a word starting so keeps this stem of its own.
OVERSTEMMED: dict[str, str] = {
    "authoriz": "authoriz", "authoris": "authoriz", "departm": "departm",
    "experiment": "experiment", "experienc": "experienc", "animat": "animat",
}
