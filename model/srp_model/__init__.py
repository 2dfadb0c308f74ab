"""srp's single-step semantic SR model (SAMSR adapted, see docs/model-card.md, "Method"): math, space, networks."""
