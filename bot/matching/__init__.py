"""From a question's text to ranked snippets: tokenising, the lexicon, English word rarity,
the search index and what kind of answer a question expects."""
