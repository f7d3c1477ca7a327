"""Scorers against public gold, kept apart from the product code: `gold` reads the corpora,
`tempeval` scores temporal expressions (TempEval-3 Task A), `merging` scores cross-article
merging against MEANTIME's cross-document event coreference."""
