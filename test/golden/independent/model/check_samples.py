import json, glob, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sims import run_case, expected_block
folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', '..', 'shared', 'peers', 'loihi-golden-sample')
ok = True
for f in sorted(glob.glob(folder + '/*.json')):
    c = json.load(open(f))
    e = expected_block(*run_case(c))
    bad = [k for k in e if e[k] != c['expected'][k]]
    print(f, 'OK' if not bad else 'MISMATCH ' + str(bad))
    ok &= not bad
print('ALL OK' if ok else 'SOME MISMATCH')
