"""peers.esrgan: TF semantics (depth_to_space order, HWIO kernels, 'same' padding) on hand-made graphs, and,
when model/peers/fetch_peers.py has been run, the real UpscalerJS models against the packages' own outputs."""
import json
import os
import tempfile
import unittest

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from peers import esrgan


def np_depth_to_space(x: np.ndarray, s: int) -> np.ndarray:
    """tf.nn.depth_to_space as TF documents it, on NHWC."""
    n, h, w, c = x.shape
    return x.reshape(n, h, w, s, s, c // (s * s)).transpose(0, 1, 3, 2, 4, 5).reshape(n, h * s, w * s, -1)


def np_conv_same(x: np.ndarray, k: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Keras Conv2D, padding 'same', stride 1, on NHWC with an HWIO kernel, by summing shifted products."""
    kh, kw = k.shape[:2]
    top, left = (kh - 1) // 2, (kw - 1) // 2  # TF puts the odd extra pixel of padding at the bottom/right
    xp = np.pad(x, ((0, 0), (top, kh - 1 - top), (left, kw - 1 - left), (0, 0)))
    h, w = x.shape[1:3]
    out = np.zeros(x.shape[:3] + (k.shape[3],))
    for i in range(kh):
        for j in range(kw):
            out += xp[:, i:i + h, j:j + w, :] @ k[i, j]
    return out + b


def layer(cls, name, inputs, **cfg):
    return {"class_name": cls, "name": name, "config": dict(cfg, name=name),
            "inbound_nodes": [[[t, 0, 0, {}] for t in inputs]] if inputs else []}


def conv(name, inputs, filters, k, padding="same"):
    return layer("Conv2D", name, inputs, filters=filters, kernel_size=[k, k], strides=[1, 1], padding=padding,
                 data_format="channels_last", dilation_rate=[1, 1], groups=1, activation="linear", use_bias=True)


class TfSemanticsTest(unittest.TestCase):
    def test_depth_to_space_puts_colour_fastest(self):
        # 12 channels at one pixel, s=2, C=3: output colour c at sub-pixel (i,j) is input channel (2i+j)*3 + c
        x = torch.arange(12.0).view(1, 12, 1, 1)
        y = esrgan.tf_depth_to_space(x, 2)
        self.assertEqual(y[0].tolist(), [[[0, 3], [6, 9]], [[1, 4], [7, 10]], [[2, 5], [8, 11]]])
        self.assertFalse(torch.equal(y, F.pixel_shuffle(x, 2)))  # PyTorch's order differs

    def test_depth_to_space_matches_tf_definition(self):
        for s in (2, 3, 4):
            x = np.random.default_rng(s).standard_normal((2, 3, 5, 3 * s * s)).astype(np.float32)
            y = esrgan.tf_depth_to_space(torch.from_numpy(x).permute(0, 3, 1, 2), s).permute(0, 2, 3, 1)
            np.testing.assert_array_equal(y.numpy(), np_depth_to_space(x, s))

    def test_same_padding_puts_the_extra_pixel_after(self):
        self.assertEqual(esrgan.tf_same_padding(3), (1, 1))
        self.assertEqual(esrgan.tf_same_padding(5), (2, 2))
        self.assertEqual(esrgan.tf_same_padding(2), (0, 1))
        self.assertEqual(esrgan.tf_same_padding(4), (1, 2))
        self.assertEqual(esrgan.tf_same_padding(3, dilation=2), (2, 2))


class KerasGraphTest(unittest.TestCase):
    """A tiny model.json using every supported layer, written to disk with weights split over two shards."""

    def setUp(self):
        rng = np.random.default_rng(0)
        self.layers = [
            layer("InputLayer", "in", []),
            conv("c3", ["in"], 4, 3),
            layer("Activation", "r", ["c3"], activation="relu"),
            layer("Concatenate", "cat", ["in", "r"], axis=3),
            conv("c1", ["cat"], 4, 1, padding="valid"),
            layer("MultiplyBeta", "mb", ["c1"], beta=0.2),
            conv("c2", ["mb"], 4, 2),  # an even kernel: TF pads 0 before, 1 after
            layer("Add", "add", ["c2", "c3"]),
            layer("UpSampling2D", "up", ["add"], size=[2, 2], interpolation="nearest"),
            conv("c5", ["up"], 12, 5),
            layer("PixelShuffle2x", "ps", ["c5"], scale=2),
        ]
        shapes = {"c3": (3, 3, 3, 4), "c1": (1, 1, 7, 4), "c2": (2, 2, 4, 4), "c5": (5, 5, 4, 12)}
        self.w = {}
        for name, shape in shapes.items():
            self.w[name + "/kernel"] = rng.standard_normal(shape).astype(np.float32) * 0.3
            self.w[name + "/bias"] = rng.standard_normal(shape[-1]).astype(np.float32) * 0.1

    def reference(self, x):
        w = self.w
        c3 = np_conv_same(x, w["c3/kernel"], w["c3/bias"])
        cat = np.concatenate([x, np.maximum(c3, 0)], axis=3)
        c1 = cat @ w["c1/kernel"][0, 0] + w["c1/bias"]
        add = np_conv_same(0.2 * c1, w["c2/kernel"], w["c2/bias"]) + c3
        up = add.repeat(2, axis=1).repeat(2, axis=2)
        return np_depth_to_space(np_conv_same(up, w["c5/kernel"], w["c5/bias"]), 2)

    def write_model(self, d):
        names = list(self.w)
        blob = b"".join(self.w[n].astype("<f4").tobytes() for n in names)
        cut = len(blob) // 2 + 2  # mid-tensor: the loader must join shards before slicing
        for i, part in enumerate((blob[:cut], blob[cut:])):
            with open(os.path.join(d, f"group1-shard{i + 1}of2.bin"), "wb") as f:
                f.write(part)
        spec = {"modelTopology": {"model_config": {"class_name": "Functional", "config": {
                    "layers": self.layers, "input_layers": [["in", 0, 0]], "output_layers": [["ps", 0, 0]]}}},
                "weightsManifest": [{"paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"], "weights": [
                    {"name": n, "shape": list(self.w[n].shape), "dtype": "float32"} for n in names]}]}
        with open(os.path.join(d, "model.json"), "w") as f:
            json.dump(spec, f)

    def test_graph_matches_numpy_reference(self):
        with tempfile.TemporaryDirectory() as d:
            self.write_model(d)
            with open(os.path.join(d, "model.json")) as f:
                spec = json.load(f)
            weights = esrgan.read_weights(d, spec["weightsManifest"])
        graph = esrgan.KerasGraph(spec["modelTopology"]["model_config"]["config"], weights)
        x = np.random.default_rng(1).random((2, 6, 7, 3)).astype(np.float32)
        with torch.no_grad():
            y = graph(torch.from_numpy(x).permute(0, 3, 1, 2)).permute(0, 2, 3, 1).numpy()
        self.assertEqual(y.shape, (2, 24, 28, 3))
        np.testing.assert_allclose(y, self.reference(x.astype(np.float64)), atol=1e-4, rtol=0)

    def test_unknown_layer_is_refused_by_name(self):
        self.layers.append(layer("Lambda", "mystery", ["ps"]))
        with self.assertRaisesRegex(ValueError, "mystery.*Lambda"):
            esrgan.KerasGraph({"layers": self.layers, "input_layers": [["in", 0, 0]],
                               "output_layers": [["mystery", 0, 0]]}, self.w)


class DownloadedPeersTest(unittest.TestCase):
    """Needs model/data/peers (fetch_peers.py); skipped in CI, where nothing is downloaded."""
    PARAMS = {"slim": 233451, "medium": 704611, "thick": 7260740}

    def variant_dir(self, variant):
        d = os.path.join(esrgan.DEFAULT_ROOT, variant)
        if not os.path.exists(os.path.join(d, "models", "x4", "model.json")):
            self.skipTest(f"{d} not downloaded (run model/peers/fetch_peers.py)")
        return d

    def test_parameter_counts(self):
        for v, n in self.PARAMS.items():
            with self.subTest(v):
                self.variant_dir(v)
                self.assertEqual(esrgan.parameter_count(esrgan.load(v)), n)

    def test_matches_upscalerjs_output_on_package_fixture(self):
        # Each package ships a 128x128 fixture and the x4 result UpscalerJS (TF.js) made from it: ours must agree
        # to within one 8-bit level (rounding), which checks value range, padding, kernel layout and shuffle order.
        torch.set_num_threads(2)
        for v in self.PARAMS:
            with self.subTest(v):
                d = self.variant_dir(v)
                lr = np.asarray(Image.open(os.path.join(d, "assets", "fixture.png")).convert("RGB"), np.float32)
                ref = np.asarray(Image.open(os.path.join(d, "assets", "samples", "4x", "result.png")).convert("RGB"))
                with torch.no_grad():
                    y = esrgan.load(v)(torch.from_numpy(lr / 255.0).permute(2, 0, 1)[None])
                out = np.round(y[0].permute(1, 2, 0).numpy() * 255.0)
                self.assertEqual(out.shape, ref.shape)
                diff = np.abs(out - ref)
                self.assertLessEqual(diff.max(), 1.0)
                self.assertLess(diff.mean(), 0.01)


if __name__ == "__main__":
    unittest.main()
