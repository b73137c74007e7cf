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
wants wanted needs needed knows knew asks asked asking wonder wondering curious seeing
heard saw seen keep keeps keeping tells told telling trying try tldr anyway anyways roughly
approximately approx around kinds types whose someone somebody anyone anybody guess maybe
else per according besides explained explains explaining described describes meant onto upon
considered regarded deemed
totally completely entirely whether
x y z still even anymore ever etc versus nowadays since
definition definitions explanation description describing characterize characterise
characterizes characterises characterized characterised portray portrays portrayed shown
showed showing happen happens happened
re regarding category categories mention mentions mentioned mentioning
literally ballpark elsewhere either lately possible possibly ones saying done far
mostly mainly largely chiefly
supposedly allegedly reportedly apparently purportedly seemingly ostensibly
stories overall
lots tons fully everything usually generally normally
somewhere
""".split())

#: Chat shorthand and abbreviations anyone might type, spelt out before anything else.
SHORTHAND: dict[str, str] = {
    "rn": "now", "ppl": "people", "abt": "about", "wat": "what", "wats": "whats", "wut": "what",
    "wht": "what",
    "wich": "which", "whcih": "which", "u": "you", "ur": "your", "r": "are", "b4": "before",
    "bc": "because", "cuz": "because", "tho": "though", "thx": "thanks", "ty": "thanks",
    "idk": "", "imo": "", "imho": "", "fyi": "", "btw": "", "tbh": "", "lol": "", "w": "with",
    "wtf": "what", "wth": "what", "lmao": "", "omg": "", "fwiw": "", "afaik": "",
    "iirc": "", "afaict": "", "tbf": "",
    # placeholders in an example command ("--origin foo") stand for any value, so name nothing
    "foo": "", "foobar": "", "baz": "", "qux": "", "quux": "",
    "vs": "versus", "lib": "library", "libs": "libraries", "defn": "definition",
    "org": "organization", "orgs": "organizations", "dbs": "databases",
    "stats": "statistics", "stat": "statistic", "govt": "government", "dept": "department",
    "approx": "",
    "whr": "where", "wher": "where", "wen": "when", "hw": "how", "bcuz": "because",
    "hav": "have", "hv": "have", "shld": "should", "cld": "could", "wld": "would",
    "smth": "something", "sth": "something", "smthg": "something", "smthn": "something",
    "shud": "should", "shd": "should", "wud": "would",
    "dunno": "", "kinda": "kind", "sorta": "sort", "pic": "picture", "graf": "paragraph",
    "grafs": "paragraphs", "src": "source", "srcs": "sources",
    # the same in technical chat
    "docs": "documentation", "doc": "documentation",
    "repo": "repository", "repos": "repositories", "config": "configuration",
    "configs": "configurations", "env": "environment", "dev": "developer",
    "devs": "developers", "app": "application", "apps": "applications", "pkg": "package",
    "pkgs": "packages", "dir": "directory", "dirs": "directories", "perf": "performance",
    "impl": "implementation", "reqs": "requirements", "yr": "year", "yrs": "years",
    "fy": "fiscal year", "ytd": "year to date", "msg": "message", "msgs": "messages",
    "wk": "week", "wks": "weeks", "hrs": "hours", "mgmt": "management", "mgr": "manager",
    "q": "", "qs": "", "dict": "dictionary", "dicts": "dictionaries", "algo": "algorithm",
    "algos": "algorithms", "dep": "dependency", "deps": "dependencies", "cmd": "command",
    "cmds": "commands", "sig": "signature", "sigs": "signatures", "char": "character",
    "chars": "characters", "auto": "automatic", "infra": "infrastructure", "oom": "out of memory",
    "oomd": "out of memory", "ooms": "out of memory", "arg": "argument", "args": "arguments",
    "admin": "administrator", "admins": "administrators", "sysadmin": "system administrator",
    "sysadmins": "system administrators",
    "corp": "corporation", "biz": "business", "gov": "government", "intl": "international",
    "st": "street", "rd": "road", "ave": "avenue", "blvd": "boulevard",
    "func": "function", "funcs": "functions", "vars": "variables", "procs": "processes",
    "std": "standard", "pubkey": "public key", "pubkeys": "public keys", "privkey": "private key",
    "privkeys": "private keys", "perms": "permissions", "ver": "version", "lang": "language",
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
} | {f"{word}'s": f"{word} is" for word in ("what", "who", "where", "how", "when", "why",
                                             "that", "there", "here", "it")
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
    "easier": "ease", "easy": "ease", "easily": "ease", "goes": "go",
    "sept": "september", "sep": "september", "mil": "million",
    # a noun the stemmer leaves apart from its verb ("submission" is "submiss", "submit")
    "submission": "submit", "submissions": "submit", "permission": "permit",
    "permissions": "permit", "admission": "admit", "admissions": "admit",
    "transmission": "transmit", "omission": "omit", "omissions": "omit",
    "detention": "detain", "retention": "retain", "presidential": "president",
    "timeframe": "time", "timeframes": "time", "timespan": "time",
    # an irregular verb's past, which no stemmer joins to its verb ("ran out of" for "run
    # out of"); forms with a common second sense ("left", "found", "saw", "made") are left out
    **{past: verb for verb, forms in (
        ("run", "ran"), ("take", "took taken"), ("give", "gave given"), ("go", "went gone"),
        ("write", "wrote written"), ("choose", "chose chosen"), ("begin", "began begun"),
        ("throw", "threw thrown"), ("drive", "drove driven"), ("speak", "spoke spoken"),
        ("steal", "stole stolen"), ("forget", "forgot forgotten"), ("grow", "grew grown"),
        ("draw", "drew drawn"), ("fly", "flew flown"), ("buy", "bought"), ("bring", "brought"),
        ("catch", "caught"), ("teach", "taught"), ("seek", "sought"), ("sell", "sold"),
        ("send", "sent"), ("spend", "spent"), ("build", "built"), ("hold", "held"),
        ("stand", "stood"), ("understand", "understood"), ("lose", "lost"), ("pay", "paid"),
        ("come", "came"), ("become", "became"), ("hide", "hid hidden"))
       for past in forms.split()},
}

#: Words the English stemmer cuts down to a different word ("authorization" to "author",
#: "department" to "depart"): a word starting so keeps this stem of its own.
OVERSTEMMED: dict[str, str] = {
    "authoriz": "authoriz", "authoris": "authoriz", "departm": "departm",
    "experiment": "experiment", "experienc": "experienc", "animat": "animat",
}

#: Words people use for the same thing in any subject. A question's word that the pack never
#: uses is read as the one of its kin that the pack does use ("can I *tweak* it" in a text that
#: says "modify"); a pack that uses the word itself keeps its own sense of it. One group per
#: line; a word belongs to one group only, and words with a common second sense ("issue",
#: "fine", "old", "key") are left out. "turn_off" is a two-word verb: "turn" in any form, then
#: "off" (or "turn it off").
KINDRED = tuple(tuple(line.split()) for line in """
modify change alter edit tweak amend revise adjust
fix patch repair solve
bug defect flaw glitch
problem trouble
disable deactivate turn_off switch_off shut_off
enable activate turn_on switch_on
remove delete erase wipe eliminate get_rid got_rid
start begin commence launch kick_off originate
end finish cease terminate conclude
buy purchase
allow permit
forbid prohibit ban disallow outlaw
require mandatory compulsory obligatory oblige
optional voluntary
big large huge enormous massive
small tiny
fast rapid speedy swift
slow sluggish
cost price fee
company firm corporation enterprise
employee staff worker personnel
lawyer attorney
law statute legislation
rule regulation
guarantee warranty
lawsuit litigation
forever perpetual permanent permanently indefinitely
crash malfunction
release publish ship roll_out
distribute redistribute disseminate hand_out give_out gave_out
copy duplicate replicate reproduce
choose pick select
help assist
recommend suggest advise
agree consent
support defend endorse
candidate nominee
refuse reject decline
revoke rescind annul
cancel call_off
postpone defer delay put_off hold_off held_off
increase boost
decrease reduce lower shrink lessen
use utilize utilise
obtain acquire
provide supply
verify validate
examine inspect scrutinize scrutinise look_over
determine figure_out
learn discover find_out found_out
register enroll enrol sign_up
omit leave_out left_out
ensure make_sure made_sure
configure set_up
perform conduct carry_out carried_out
accelerate speed_up
progress move_along move_forward
abandon give_up gave_up
investigate look_into
photo photograph picture
movie film
car vehicle automobile
kid child children
country nation
goal aim objective purpose
reason rationale justification justify
benefit advantage upside perk
drawback disadvantage downside
risk danger hazard
outdated obsolete
wrong incorrect erroneous
correct accurate
error mistake
accidentally mistakenly inadvertently unintentionally
deliberately intentionally
often frequently
rarely seldom
important crucial essential vital
main primary principal
folder directory
phone cellphone smartphone
email mail
website webpage
salary wage
jail prison
arrest detain apprehend
border frontier
critique criticism
reveal disclose divulge
hide conceal
decompress unpack unzip
memory ram
author writer
journalist reporter correspondent
reply respond response
speak spoke spoken talk
complaint grievance
worry concern
hard difficult tough
cheap inexpensive affordable
expensive pricey
schedule timetable timeline
abroad overseas
amount quantity
""".strip().splitlines())
#: The second words of the two-word verbs in ``KINDRED`` ("turn_off").
PARTICLES = frozenset(w.partition("_")[2] for group in KINDRED for w in group if "_" in w)
