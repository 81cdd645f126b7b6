import argparse
import sys

from widgets.build import main

parser = argparse.ArgumentParser(description="Build data/processed from data/raw (skips when inputs are unchanged).")
parser.add_argument("--force", action="store_true", help="rebuild even when the inputs are unchanged")
sys.exit(main(force=parser.parse_args().force))
