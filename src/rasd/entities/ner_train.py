"""Train the NER model (``rasd train ner``): corpora from ../shared, artifacts into data/ner.

Model selection uses the ANERcorp dev split, scored at entity level with GPE and LOC merged
(ANERcorp has one place class) and MISC left out. A slice of WikiFANE can be held out to
score the four types apart.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pycrfsuite

from rasd.entities import ner_lexicons as lex
from rasd.entities.ner import ATTRIBUTES_FILE, DEFAULT_DIR, MODEL_FILE, NerModel
from rasd.entities.ner_spans import ENTITY_WORDS_FILE, PLACES_FILE, TITLES_FILE, UNITS_FILE
from rasd.entities.ner_corpora import (
    Sentence, read_anercorp, read_tag_map, read_wikifane, relabel_anercorp_places, spans,
)
from rasd.entities.ner_clusters import build_clusters, corpus_sentences
from rasd.entities.ner_features import CLUSTERS_FILE, TEMPLATES_FILE, FeatureCache, Lexicons, Templates

TAG_MAP_FILE = Path(__file__).resolve().parent.parent / "data" / "ner" / "wikifane_tags.tsv"


@dataclass
class TrainOptions:
    c1: float = 0.1  # L1 weight: prunes features, keeps the model small
    c2: float = 0.05
    max_iterations: int = 150
    anercorp_copies: int = 1
    wiki_copies: int = 0  # WikiFANE sentences lower the news score: it feeds word lists only
    wiki_fraction: float = 1.0  # share of WikiFANE used for training (subsample for speed)
    wiki_heldout: float = 0.0  # share of WikiFANE kept out to score GPE and LOC apart
    min_freq: int = 1
    rebuild_clusters: bool = False  # word classes are slow to build (~3 min): reuse unless asked
    templates: Templates = field(default_factory=Templates)


@dataclass
class Corpora:
    anercorp_train: list[Sentence]
    anercorp_dev: list[Sentence]
    wiki_train: list[Sentence]
    wiki_dev: list[Sentence]


def read_corpora(shared_dir: Path, options: TrainOptions) -> Corpora:
    ner = Path(shared_dir) / "ner"
    wiki = read_wikifane(ner / "wikifane" / "WikiFANE_Gold_2014_500K.txt", read_tag_map(TAG_MAP_FILE))
    held = int(len(wiki) * options.wiki_heldout)
    wiki_train, wiki_dev = wiki[:len(wiki) - held], wiki[len(wiki) - held:]
    wiki_train = wiki_train[:int(len(wiki_train) * options.wiki_fraction)]
    return Corpora(
        anercorp_train=read_anercorp(ner / "anercorp" / "train_data.txt"),
        anercorp_dev=read_anercorp(ner / "anercorp" / "dev_data.txt"),
        wiki_train=wiki_train,
        wiki_dev=wiki_dev,
    )


def write_word_lists(output_dir: Path, corpora: Corpora) -> dict[str, list[str]]:
    """Build and write every word list; return them (the ANERcorp relabelling needs two)."""
    train = corpora.anercorp_train + corpora.wiki_train
    lists = lex.build_word_lists(train, corpora.wiki_train)
    for kind, words in lists.items():
        lex.write_word_list(output_dir / f"{kind}.tsv", words, f"NER word list '{kind}', see PROVENANCE.md")
    lex.write_word_list(output_dir / ENTITY_WORDS_FILE, lex.entity_words(train),
                        "first words of entities without a clitic, see PROVENANCE.md")
    lex.write_word_list(output_dir / PLACES_FILE, lex.multiword_places(corpora.wiki_train),
                        "place names of two to four words, see PROVENANCE.md")
    return lists


def training_sentences(corpora: Corpora, lists: dict[str, list[str]], options: TrainOptions) -> list[Sentence]:
    gazetteer = lex.gazetteer_keys()
    loc_names = lex.loc_names(lex.CorpusCounts(corpora.wiki_train), gazetteer)
    anercorp = relabel_anercorp_places(corpora.anercorp_train, set(lists["loc_head"]), loc_names, gazetteer)
    return anercorp * options.anercorp_copies + corpora.wiki_train * options.wiki_copies


def train_crf(sentences: list[Sentence], features: FeatureCache, model_path: Path,
              options: TrainOptions) -> None:
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for sentence in sentences:
        trainer.append(features.words(sentence.words, sentence.gaps), sentence.tags)
    trainer.set_params({
        "c1": options.c1, "c2": options.c2, "max_iterations": options.max_iterations,
        "feature.minfreq": options.min_freq, "feature.possible_transitions": True,
    })
    trainer.train(str(model_path))


def write_attributes(output_dir: Path, ids: dict[str, str]) -> int:
    """List the features that kept a weight, with their ids: run time hands the tagger only those."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(output_dir / MODEL_FILE))
    kept = {attr for attr, _label in tagger.info().state_features}
    rows = sorted((feature, fid) for feature, fid in ids.items() if fid in kept)
    text = "# NER features the model has a weight for, see PROVENANCE.md\nid\tfeature\n"
    (output_dir / ATTRIBUTES_FILE).write_text(text + "".join(f"{fid}\t{f}\n" for f, fid in rows),
                                              encoding="utf-8")
    return len(rows)


def score(model: NerModel, sentences: list[Sentence], merge_places: bool) -> dict[str, float]:
    """Entity-level precision, recall and F1 (exact spans and types), overall and per type."""
    found = {"gold": {}, "pred": {}, "hit": {}}
    for sentence in sentences:
        gold = _typed_spans(sentence.tags, merge_places)
        pred = _typed_spans(model.tag(sentence.words, sentence.gaps), merge_places)
        for key, items in (("gold", gold), ("pred", pred), ("hit", gold & pred)):
            for item in items:
                found[key][item[2]] = found[key].get(item[2], 0) + 1
    return _prf(found)


def _typed_spans(tags: list[str], merge_places: bool) -> set[tuple[int, int, str]]:
    out = set()
    for start, end, kind in spans(tags):
        out.add((start, end, "GPE" if merge_places and kind == "LOC" else kind))
    return out


def _prf(found: dict[str, dict[str, int]]) -> dict[str, float]:
    out = {}
    for kind in sorted(found["gold"]) + ["all"]:
        hit, gold, pred = (sum(found[k].values()) if kind == "all" else found[k].get(kind, 0)
                           for k in ("hit", "gold", "pred"))
        p, r = hit / pred if pred else 0.0, hit / gold if gold else 0.0
        out[f"{kind}_p"], out[f"{kind}_r"] = round(p, 4), round(r, 4)
        out[f"{kind}_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return out


def train_ner(output_dir: Path | str, shared_dir: Path | str, options: TrainOptions | None = None) -> dict:
    """Train the model and its word lists into ``output_dir``; return the dev scores."""
    options = options or TrainOptions()
    output_dir, began = Path(output_dir), time.time()
    output_dir.mkdir(parents=True, exist_ok=True)
    corpora = read_corpora(Path(shared_dir), options)
    news = Path(shared_dir) / "corpus" / "saudinewsnet.jsonl.gz"
    if options.rebuild_clusters or not (output_dir / CLUSTERS_FILE).exists():
        build_clusters(news, output_dir / CLUSTERS_FILE)
    if options.rebuild_clusters or not (output_dir / UNITS_FILE).exists():
        lex.write_word_list(output_dir / UNITS_FILE, lex.unit_words(corpus_sentences(news)),
                            "words that mostly follow a number in SaudiNewsNet, see PROVENANCE.md")
    lists = write_word_lists(output_dir, corpora)
    if not (output_dir / TITLES_FILE).exists():  # hand-written, not trained: bring it along
        shutil.copyfile(DEFAULT_DIR / TITLES_FILE, output_dir / TITLES_FILE)
    sentences = training_sentences(corpora, lists, options)
    features = FeatureCache(Lexicons.load(output_dir), options.templates, limit=10**7)
    train_crf(sentences, features, output_dir / MODEL_FILE, options)
    options.templates.write(output_dir / TEMPLATES_FILE)
    attributes = write_attributes(output_dir, features.ids)
    model = NerModel.load(output_dir)
    result = {"options": asdict(options), "attributes": attributes,
              "train_sentences": len(sentences), "train_seconds": round(time.time() - began),
              "anercorp_dev": score(model, corpora.anercorp_dev, merge_places=True)}
    if corpora.wiki_dev:
        result["wikifane_heldout"] = score(model, corpora.wiki_dev, merge_places=False)
    return result
