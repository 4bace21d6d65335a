"""Named entities: the project's NER model (ner*.py) and the grouping of mentions into entities (stage.py)."""
