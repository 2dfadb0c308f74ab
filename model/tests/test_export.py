"""model/export.py: the TorchScript round trip and the sidecar's contract keys."""
import hashlib
import os
import tempfile
import unittest

import torch

import export  # model/export.py; tests/__init__.py puts model/ on sys.path
from srp_model import archs, samsr

CONTRACT_KEYS = ["format", "name", "version", "scale", "layout", "channels", "colour_order", "value_min",
                 "value_max", "inputs", "sha256", "description"]


class ExportTest(unittest.TestCase):
    def test_round_trip_and_sidecar(self):
        model = archs.build("fast", 4).eval()
        g = torch.Generator().manual_seed(11)
        with torch.no_grad():  # non-zero tail, so the comparison is not just bicubic
            model.net.tail.weight.copy_(torch.randn(model.net.tail.weight.shape, generator=g) * 0.01)
        with tempfile.TemporaryDirectory() as tmp:
            path = export.export(model, tmp, "samsr-fast-x4-test", "test export, untrained",
                                 training_data="none", metrics="none")
            loaded = torch.jit.load(path)
            lr = torch.rand(2, 3, 9, 14, generator=g)
            masks = (torch.rand(2, 4, 9, 14, generator=g) > 0.5).float()
            w = samsr.weight_map(masks)
            noise = samsr.sam_noise_drawn(masks, 48, g)
            with torch.no_grad():
                self.assertTrue(torch.equal(loaded(lr, w, noise), model(lr, w, noise)))

            props = export.read_properties(os.path.join(tmp, "samsr-fast-x4-test.properties"))
            for key in CONTRACT_KEYS:
                self.assertIn(key, props)
            with open(path, "rb") as f:
                self.assertEqual(props["sha256"], hashlib.sha256(f.read()).hexdigest())
            self.assertEqual(props["format"], "1")
            self.assertEqual(props["scale"], "4")
            self.assertEqual(props["inputs"].split(","), ["lr", "weight", "noise"])
            self.assertEqual(props["noise_channels"], "48")
            self.assertEqual(float(props["kappa"]), samsr.KAPPA)
            self.assertEqual(float(props["eta_T"]), samsr.ETA_T)
            self.assertEqual(float(props["m"]), samsr.M_DEFAULT)
            self.assertIn("training_data", props)
            self.assertIn("metrics", props)

    def test_every_convolution_gets_whole_channel_blocks_and_the_output_is_unchanged(self):
        for size in ("fast", "quality"):
            model = archs.build(size, 4).eval()
            g = torch.Generator().manual_seed(5)
            with torch.no_grad():
                for p in model.parameters():
                    p.copy_(torch.randn(p.shape, generator=g) * 0.05)
            with tempfile.TemporaryDirectory() as tmp:
                loaded = torch.jit.load(export.export(model, tmp, "padded-test", "test export"))
                convs = [m for m in loaded.modules() if m.original_name == "Conv2d"]
                self.assertTrue(convs)
                for conv in convs:
                    self.assertEqual(conv.weight.shape[1] % export.CHANNEL_BLOCK, 0, size)
                self.assertEqual(model.net.head.in_channels % export.CHANNEL_BLOCK != 0, True,
                                 "export must leave the caller's model as it was")
                # 40x40 is large enough for torch's oneDNN path
                lr = torch.rand(1, 3, 40, 40, generator=g)
                w = torch.rand(1, 1, 40, 40, generator=g)
                noise = torch.randn(1, 48, 40, 40, generator=g)
                with torch.no_grad():
                    diff = (loaded(lr, w, noise) - model(lr, w, noise)).abs().max().item()
                self.assertLess(diff, 1e-4, size)

    def test_property_escaping(self):
        self.assertEqual(export.escape_property("a\\b\nc é"), "a\\\\b\\nc \\u00e9")
        self.assertEqual(export.escape_property(" x"), "\\ x")


if __name__ == "__main__":
    unittest.main()
