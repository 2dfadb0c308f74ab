"""model/data/prepare.py without the network: validation guard, EXIF orientation, downscale factors, patch grid."""
import importlib.util
import os
import tempfile
import unittest

from PIL import Image

_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "prepare.py")
_spec = importlib.util.spec_from_file_location("srp_prepare", _PATH)
prepare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(prepare)


class PrepareTest(unittest.TestCase):
    def test_validation_photos_refused(self):
        with self.assertRaises(ValueError):
            prepare.check_training_source("tuxpaint-data", "/usr/share/tuxpaint/templates/cliff.jpg")
        for package, paths in prepare.TRAINING_PHOTOS.items():
            for path in paths:
                prepare.check_training_source(package, path)

    def test_opencv_media_refused(self):
        with self.assertRaises(ValueError):
            prepare.check_training_source("opencv-doc", "/usr/share/doc/opencv-doc/examples/data/fruits.jpg")
        with self.assertRaises(ValueError):
            prepare.check_training_source("node-opencv", "/usr/share/nodejs/opencv/examples/files/mona.png")

    def test_at_least_200_distinct_training_photos_listed(self):
        count = sum(len(p) for p in prepare.TRAINING_PHOTOS.values())
        self.assertEqual(count, 225)
        names = [prepare.safe_name(k, p) for k, ps in prepare.TRAINING_PHOTOS.items() for p in ps]
        self.assertEqual(len(set(names)), count, "two photos would be written under one name")

    def test_downscale_factor(self):
        self.assertEqual(prepare.downscale_factor(512, 512), 1)
        self.assertEqual(prepare.downscale_factor(1920, 1200), 2)
        self.assertEqual(prepare.downscale_factor(2560, 1600), 3)
        self.assertEqual(prepare.downscale_factor(4000, 3000), 4)

    def test_patch_grid_covers_borders(self):
        boxes = prepare.patch_boxes(600, 400, 256, 192)
        self.assertEqual(sorted({b[0] for b in boxes}), [0, 192, 344])
        self.assertEqual(sorted({b[1] for b in boxes}), [0, 144])
        self.assertTrue(all(b[2] - b[0] == 256 and b[3] - b[1] == 256 for b in boxes))
        self.assertEqual(prepare.patch_boxes(200, 400, 256, 192), [])

    def test_exif_orientation_applied(self):
        img = Image.new("RGB", (40, 20), (200, 10, 10))
        exif = img.getexif()
        exif[0x0112] = 6  # rotate 90 degrees clockwise on display
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "phone.jpg")
            img.save(path, exif=exif)
            self.assertEqual(prepare.load_rgb(path).size, (20, 40))


if __name__ == "__main__":
    unittest.main()
