"""Probe outside the generated set: Lava's single conditional +-2^24 wrap (README: 'a value greater than 2^23
has 2^24 subtracted; <= -2^23 has 2^24 added') vs a modular wrap, for pre-wrap |u| beyond 3*2^23
(needs |a| >= ~262144, i.e. int32 activation sums far above the Lava-only |a| <= 511)."""
import os, sys, json
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fmt
src = open(os.path.join(HERE, 'sims.py')).read().replace("            assert -3 * 2**23 < uu <= 3 * 2**23   # single wrap suffices (as in Lava)\n", "")
mod = type(sys)('s'); exec(src, mod.__dict__)
n = 2
act = [[0, 0, 300000], [1, 0, -300000], [2, 0, 400000], [0, 1, 131072 * 3 + 1], [1, 1, -131072 * 3], [2, 1, -131072 * 3 - 1]]
c = {'id': 'lava_probe_wrap_beyond_3x', 'source': 'lava_PyLifModelBitAcc',
     'emulator': 'Independent Python 3 reimplementation of the README Lava semantics (single conditional wrap, as in models.py lines 161-170); NOT produced by Lava',
     'conventions': 'README.md#lava-semantics', 'category': 'saturation',
     'description': 'Probe: pre-wrap u beyond +-3*2^23 (|a| >= 393216). Lava subtracts/adds 2^24 once and leaves u outside (-2^23, 2^23]; a modular wrap does not. du=4095 (u == a<<6), dv=4095, v clipped.',
     'steps': 5,
     'neuron': {'n': n, 'du': 4095, 'du_eff': 4096, 'dv': 4095, 'dv_eff': 4095, 'vth_mant': 131071, 'vth_eff': 8388544,
                'bias_mant': [0, 0], 'bias_exp': [0, 0], 'bias_eff': [0, 0], 'refractory': None},
     'initial': {'u': [0, 0], 'v': [0, 0]}, 'activation_in': act,
     'flags': {'exceeds_24bit': False, 'lava_specific_wrap_boundary': False}}
c['expected'] = mod.expected_block(*mod.sim_lava(c))
print(c['expected']['u'])
open(os.path.join(HERE, '..', 'cases', 'lava_probe_wrap_beyond_3x.json'), 'w').write(fmt.dump(c) + '\n')
