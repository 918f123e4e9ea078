"""RDF: stable IRIs, the vocabulary, documents and annotations as triples, and stores."""
