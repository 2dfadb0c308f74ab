"""The GPU run's pieces that can go wrong quietly: the packed regions and the time-based schedule."""
import gzip
import io
import math
import os
import tempfile
import unittest

import numpy as np
from PIL import Image

import pack_data  # model/pack_data.py; tests/__init__.py puts model/ on sys.path
import train
import train_gpu


class PackTest(unittest.TestCase):
    def test_regions_keep_the_share_and_the_grid_and_fit_a_training_crop(self):
        rng = np.random.default_rng(1)
        for w, h in ((1920, 1080), (640, 427), (300, 260)):
            x, y, rw, rh = pack_data.region(w, h, 0.42, rng)
            self.assertEqual((x % 4, y % 4, rw % 4, rh % 4), (0, 0, 0, 0))
            self.assertLessEqual(x + rw, w)
            self.assertLessEqual(y + rh, h)
            self.assertGreaterEqual(min(rw, rh), min(256, min(w, h)) // 4 * 4)
            if min(w, h) * math.sqrt(0.42) > 256:
                self.assertAlmostEqual(rw * rh / (w * h), 0.42, delta=0.01)

    def test_masks_are_cut_where_the_photo_is(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "hr"))
            os.makedirs(os.path.join(d, "masks4"))
            Image.fromarray(np.zeros((800, 1200, 3), np.uint8)).save(os.path.join(d, "hr", "p.png"))
            masks = np.zeros((1, 200, 300), np.uint8)
            masks[0, 100:, 150:] = 1  # one mask over the LR bottom-right quarter
            with gzip.open(os.path.join(d, "masks4", "p.masks.npy.gz"), "wb") as f:
                np.save(f, masks)
            files, rows = pack_data.pack(d, [4], 0.42, seed=3)
            name, x, y, rw, rh = rows[0].split("\t")[:5]
            x, y, rw, rh = int(x), int(y), int(rw), int(rh)
            cut = np.load(io.BytesIO(gzip.decompress(files["masks4/p.masks.npy.gz"])))
            self.assertEqual(cut.shape, (1, rh // 4, rw // 4))
            np.testing.assert_array_equal(cut, masks[:, y // 4:(y + rh) // 4, x // 4:(x + rw) // 4])
            self.assertEqual(Image.open(io.BytesIO(files["hr/p.png"])).size, (rw, rh))


class TimedScheduleTest(unittest.TestCase):
    cfg = dict(train.DEFAULTS, lr=1e-3, lr_min=1e-6, warmup=10)

    def test_warm_up_by_steps_then_cosine_over_time(self):
        self.assertEqual(train_gpu.timed_learning_rate(self.cfg, 4, 0.0), train.learning_rate(self.cfg, 4))
        self.assertAlmostEqual(train_gpu.timed_learning_rate(self.cfg, 10, 0.0), 1e-3)
        self.assertAlmostEqual(train_gpu.timed_learning_rate(self.cfg, 500, 0.5), (1e-3 + 1e-6) / 2)
        self.assertAlmostEqual(train_gpu.timed_learning_rate(self.cfg, 900, 1.0), 1e-6)
        self.assertAlmostEqual(train_gpu.timed_learning_rate(self.cfg, 950, 1.3), 1e-6)


if __name__ == "__main__":
    unittest.main()
