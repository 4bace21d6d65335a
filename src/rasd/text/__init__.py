"""Arabic text layer: normalisation for matching, sentences, tokens with clitics."""

from __future__ import annotations

from rasd.document import Document
from rasd.pipeline import Stage
from rasd.text.sentences import split_sentences
from rasd.text.tokens import words


def segment(doc: Document) -> Document:
    """Sentences of the text, and the words of each sentence for the stages after."""
    doc.sentences = split_sentences(doc.text)
    doc.annotations["words"] = [words(doc.text, s, e) for s, e in doc.sentences]
    # Every word of the text, in order (sentences cover all of it but spaces): for stages that
    # read the document as one stream (place resolution).
    doc.annotations["tokens"] = [w for sentence in doc.annotations["words"] for w in sentence]
    return doc


segment_stage = Stage("segment", segment, requires=("text",), assigns=("sentences", "words", "tokens"), language_neutral=True)
