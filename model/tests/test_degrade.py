"""srp_model.degrade: each degradation on small synthetic images; the random pipeline is seed-reproducible."""
import unittest

import numpy as np

from srp_model import degrade


def image(h=32, w=48, seed=0):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    base = np.stack([xx / w, yy / h, 0.5 + 0.5 * np.sin(xx / 3.0)], axis=2)
    return np.clip(base + 0.05 * rng.standard_normal((h, w, 3)), 0, 1).astype(np.float32)


class DegradeTest(unittest.TestCase):
    def test_downscale_shapes_and_constant(self):
        for method in ("bicubic", "bilinear", "area"):
            self.assertEqual(degrade.downscale(image(), 4, method).shape, (8, 12, 3))
            flat = np.full((16, 16, 3), 0.3, np.float32)
            np.testing.assert_allclose(degrade.downscale(flat, 2, method), 0.3, atol=1e-6)

    def test_area_is_block_mean(self):
        x = image()
        expect = x.reshape(8, 4, 12, 4, 3).mean(axis=(1, 3))
        np.testing.assert_allclose(degrade.downscale(x, 4, "area"), expect, atol=1e-5)

    def test_downscale_rejects_bad_input(self):
        with self.assertRaises(ValueError):
            degrade.downscale(image(30, 48), 4, "bicubic")
        with self.assertRaises(ValueError):
            degrade.downscale(image(), 4, "nearest")

    def test_blur_keeps_constant_and_smooths(self):
        flat = np.full((10, 10, 3), 0.7, np.float32)
        np.testing.assert_allclose(degrade.gaussian_blur(flat, 1.2), 0.7, atol=1e-6)
        x = image()
        self.assertLess(np.abs(np.diff(degrade.gaussian_blur(x, 1.5), axis=1)).mean(),
                        np.abs(np.diff(x, axis=1)).mean())
        self.assertIs(degrade.gaussian_blur(x, 0.0), x)

    def test_noise_level(self):
        x = np.full((64, 64, 3), 0.5, np.float32)
        n = degrade.sensor_noise(x, np.random.default_rng(1), 0.02, 0.0)
        self.assertAlmostEqual(float((n - x).std()), 0.02, delta=0.002)
        # shot noise grows with brightness
        dark = degrade.sensor_noise(np.full((64, 64, 3), 0.1, np.float32), np.random.default_rng(2), 0.0, 0.01)
        bright = degrade.sensor_noise(np.full((64, 64, 3), 0.9, np.float32), np.random.default_rng(2), 0.0, 0.01)
        self.assertGreater((bright - 0.9).std(), 2 * (dark - 0.1).std())

    def test_jpeg_quality_orders_error(self):
        x = image(64, 64)
        e_hi = np.abs(degrade.jpeg(x, 95) - x).mean()
        e_lo = np.abs(degrade.jpeg(x, 15) - x).mean()
        self.assertLess(e_hi, e_lo)
        self.assertEqual(degrade.jpeg(x, 50).shape, x.shape)

    def test_pipeline_reproducible(self):
        x = image(64, 64)
        a, ra = degrade.degrade(x, 4, np.random.default_rng(5))
        b, rb = degrade.degrade(x, 4, np.random.default_rng(5))
        self.assertEqual(a.shape, (16, 16, 3))
        self.assertEqual(a.dtype, np.float32)
        self.assertTrue(np.array_equal(a, b))
        self.assertEqual(ra, rb)
        self.assertIn(ra["method"], ("bicubic", "bilinear", "area"))
        self.assertGreaterEqual(a.min(), 0.0)
        self.assertLessEqual(a.max(), 1.0)


if __name__ == "__main__":
    unittest.main()
