"""Unit tests for model/ (CPU only, unittest). Puts model/ on sys.path so tests import srp_model like the scripts do."""
import os
import sys

_MODEL_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _MODEL_DIR not in sys.path:
    sys.path.insert(0, _MODEL_DIR)
