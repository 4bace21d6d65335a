"""Events: the trigger lexicon (lexicon.py, built by build_lexicon.py), sentences as the role rules see them (sentence.py), source and target (roles.py), and the stage (stage.py)."""
