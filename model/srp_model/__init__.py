"""srp's single-step semantic SR model (SAMSR adapted, see shared/design/samsr.md): math, space, networks."""
