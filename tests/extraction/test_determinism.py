"""The same article gives the same events in every process, whatever PYTHONHASHSEED is."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Two full names of one length that both contain the short form used later: which one the
# short form belongs to must not depend on a set's iteration order (it did).
SCRIPT = """
import json
from extract.extraction import Extractor
from tests.extraction.conftest import article
a = article("Kenyan Foreign Minister Amani Odhiambo Kariuki met Ugandan Trade Minister Baraka Odhiambo Kariuki "
            "in Nairobi on Monday.\\nOdhiambo Kariuki said the talks were useful.\\n")
ex = Extractor().extract(a)
print(json.dumps([[s.speaker.name for s in ex.statements], sorted((x.name, x.aliases) for x in ex.actors)]))
"""


def test_outputs_do_not_depend_on_the_hash_seed() -> None:
    outputs = set()
    for seed in range(6):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                              check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1, outputs
    speakers, actors = json.loads(outputs.pop())
    # the short form is the first-mentioned holder of the longer name
    assert speakers == ["Amani Odhiambo Kariuki"]
    assert dict((name, aliases) for name, aliases in actors)["Amani Odhiambo Kariuki"] == ["Odhiambo Kariuki"]
