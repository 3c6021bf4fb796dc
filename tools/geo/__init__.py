"""Places and distances: an Australian gazetteer, great-circle maths and a routing client."""
