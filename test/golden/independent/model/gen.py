import json, os, random, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sims import b2l_w_eff, sim_b2l, sim_lava, expected_block, trunc_decay, lava_wrap
import fmt

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'cases')
B2L_EMU = ("Independent Python 3 reimplementation of the README Brian2Loihi semantics "
           "(test/golden/independent/model/sims.py, sim_b2l); NOT produced by Brian2Loihi itself")
LAVA_EMU = ("Independent Python 3 reimplementation of the README Lava PyLifModelBitAcc semantics "
            "(test/golden/independent/model/sims.py, sim_lava); NOT produced by Lava itself")
I24_LO, I24_HI = -2**23, 2**23 - 1
written = []

def save(case):
    path = os.path.join(OUT, case['id'] + '.json')
    with open(path, 'w') as f:
        f.write(fmt.dump(case) + '\n')
    written.append((case['id'], case['category'], case['description']))

def proj(pre, sign_mode, w_exp, nwb, delay, syns):
    return {'pre': pre, 'sign_mode': sign_mode, 'w_exp': w_exp, 'num_weight_bits': nwb, 'delay': delay,
            'synapses': [[a, b, w, b2l_w_eff(w, sign_mode, w_exp, nwb)] for (a, b, w) in syns]}

def b2l(id, category, desc, steps, n, du, dv, vth_mant, refractory, init_u, init_v,
        spikes=None, n_sources=0, projections=None, bias_eq=False, extra_flags=None):
    c = {'id': id, 'source': 'brian2_loihi', 'emulator': B2L_EMU,
         'conventions': 'README.md#brian2loihi-semantics', 'category': category,
         'description': desc, 'steps': steps,
         'neuron': {'n': n, 'du': du, 'dv': dv, 'vth_mant': vth_mant, 'vth_eff': vth_mant * 64,
                    'refractory': refractory, 'bias_mant': 0, 'bias_exp': 0},
         'initial': {'u': list(init_u), 'v': list(init_v)}}
    assert len(init_u) == n and len(init_v) == n
    if bias_eq:
        assert du == 0 and not spikes and not projections
        c['bias_equivalent'] = {'bias_eff': list(init_u),
            'note': 'Brian2Loihi has no bias. This run holds u constant (du=0, initial.u=b, no input), which is '
                    'arithmetically identical to bias_eff=b with u=0 and any du. u traces below are those of the run (constant b).'}
    if spikes is not None:
        assert len(set(map(tuple, spikes))) == len(spikes)
        c['input'] = {'n_sources': n_sources, 'spikes': sorted([list(s) for s in spikes])}
    if projections is not None:
        c['projections'] = projections
    U, V, VP, S = sim_b2l(c)
    ex = any(not (I24_LO <= x <= I24_HI) for row in U + VP for x in row)
    c['flags'] = {'exceeds_24bit': ex, 'lava_specific_wrap_boundary': False}
    if extra_flags is not None:
        assert extra_flags == ex, (id, ex)
    c['expected'] = expected_block(U, V, VP, S)
    save(c)
    return c

def lava(id, category, desc, steps, n, du, dv, vth_mant, bias_mant, bias_exp, init_u, init_v,
         act=None, sort_by_neuron=False, feedback=None, expect_boundary=None):
    bm = list(bias_mant); be = list(bias_exp)
    assert len(bm) == n == len(be) == len(init_u) == len(init_v)
    assert all(-4096 <= m <= 4095 for m in bm) and all(0 <= e <= 7 for e in be)
    assert 0 <= du <= 4095 and 0 <= dv <= 4095
    c = {'id': id, 'source': 'lava_PyLifModelBitAcc', 'emulator': LAVA_EMU,
         'conventions': 'README.md#lava-semantics', 'category': category, 'description': desc, 'steps': steps,
         'neuron': {'n': n, 'du': du, 'du_eff': du + 1, 'dv': dv, 'dv_eff': dv, 'vth_mant': vth_mant,
                    'vth_eff': vth_mant * 64, 'bias_mant': bm, 'bias_exp': be,
                    'bias_eff': [m << e for m, e in zip(bm, be)], 'refractory': None},
         'initial': {'u': list(init_u), 'v': list(init_v)}}
    if feedback is not None:
        # closed-loop: activations come from the neurons' own spikes; record them as open-loop activation_in
        actmat = {}
        for (s, i, a) in (act or []):
            actmat[(s, i)] = actmat.get((s, i), 0) + a
        c['activation_in'] = []
        def fb(t, newspk, actarr):
            for (tt, i, a) in feedback(t, newspk):
                if tt < steps:
                    actarr[tt][i] += a
        U, V, VP, S = sim_lava(dict(c, activation_in=[[s, i, a] for (s, i), a in actmat.items()]), feedback=fb)
        # reconstruct total activation per step/neuron by rerunning with recording
        tot = {}
        for k, a in actmat.items(): tot[k] = tot.get(k, 0) + a
        def fb2(t, newspk, actarr):
            for (tt, i, a) in feedback(t, newspk):
                if tt < steps:
                    actarr[tt][i] += a
                    tot[(tt, i)] = tot.get((tt, i), 0) + a
        sim_lava(dict(c, activation_in=[[s, i, a] for (s, i), a in actmat.items()]), feedback=fb2)
        act = [[s, i, a] for (s, i), a in tot.items() if a != 0]
    if act is not None:
        keys = [(s, i) for s, i, a in act]
        assert len(set(keys)) == len(keys)
        act = sorted(act, key=(lambda x: (x[1], x[0])) if sort_by_neuron else (lambda x: (x[0], x[1])))
        c['activation_in'] = [list(a) for a in act]
    U, V, VP, S = sim_lava(c)
    # boundary flag: any pre-wrap u exactly at +-2^23
    boundary = False
    A = {}
    for s, i, a in c.get('activation_in', []): A[(s, i)] = a
    for i in range(n):
        prev = init_u[i]
        for t in range(steps):
            pre = trunc_decay(prev, du + 1) + (A.get((t, i), 0) << 6)
            if abs(pre) == 2**23: boundary = True
            prev = U[i][t]
    if expect_boundary is not None:
        assert boundary == expect_boundary, id
    c['flags'] = {'exceeds_24bit': False, 'lava_specific_wrap_boundary': boundary}
    c['expected'] = expected_block(U, V, VP, S)
    save(c)
    return c

R = random.Random(20240601)

# ---------------------------------------------------------------- Brian2Loihi
b2l('b2l_gc_edge_threshold_eq_bias', 'edge',
    'Bias-equivalent (du=0, u(0)=b), dv=0, vth_mant=2 (vth_eff 128): v hits exactly 128 and must NOT spike; spikes only when v > 128. b = 64, 32, 128, 43.',
    60, 4, 0, 0, 2, 1, [64, 32, 128, 43], [0, 0, 0, 0], bias_eq=True)

b2l('b2l_gc_edge_threshold_eq_syn', 'edge',
    'Synaptic: du=4096 (u lasts one step), dv=0, vth_mant=100. n0 gets exactly 6400 (no spike), later 12800 (spike). n1 starts at v=6400 == vth (no spike), +64 at step 20 spikes.',
    40, 2, 4096, 0, 100, 1, [0, 0], [0, 6400],
    spikes=[[5, 0], [10, 0], [20, 1], [30, 0]], n_sources=2,
    projections=[proj('input', 'excitatory', 0, 8, 0, [(0, 0, 100), (1, 1, 1)])])

for r in (1, 2, 3, 7):
    b2l('b2l_gc_edge_refractory_%d' % r, 'edge',
        'Refractory %d with constant drive (bias-equivalent u=3000 / 2500, du=0, dv=0, vth_mant=100): v held at 0 for r-1 steps after each spike; n1 starts with v=5000.' % r,
        120, 2, 0, 0, 100, r, [3000, 2500], [0, 5000], bias_eq=True)

b2l('b2l_gc_edge_refractory_64_leak', 'edge',
    'Refractory 64 (maximum) with leak dv=300; bias-equivalent drives 7000, 20000, -50.',
    400, 3, 0, 300, 100, 64, [7000, 20000, -50], [0, 100, -100], bias_eq=True)

sp = [[t, 0] for t in range(0, 300, 2)] + [[t, 1] for t in range(1, 300, 7)]
b2l('b2l_gc_refractory_syn_5', 'edge',
    'Refractory 5 with synaptic drive: u keeps integrating and decaying (du=512) while v is held at 0; dv=256, vth_mant=50; exc +40 every 2 steps, inh -60 every 7 steps.',
    300, 1, 512, 256, 50, 5, [0], [0], spikes=sp, n_sources=2,
    projections=[proj('input', 'excitatory', 0, 8, 0, [(0, 0, 40)]), proj('input', 'inhibitory', 0, 8, 1, [(1, 0, -60)])])

b2l('b2l_gc_edge_round_u_neg', 'edge',
    'Rounding of u toward zero, du=1 (factor 4095/4096), dv=4096 (v == u each step): initial u -1, -5, -4097, 4097, -4096, 5, -2, -8191. -1 -> 0, -5 -> -4, -4097 -> -4095.',
    300, 8, 1, 4096, 131071, 1, [-1, -5, -4097, 4097, -4096, 5, -2, -8191], [0] * 8)

b2l('b2l_gc_edge_round_u_3000', 'edge',
    'Rounding of u and v toward zero with du=3000, dv=2047; negative and positive mirrors, large magnitudes.',
    100, 6, 3000, 2047, 131071, 1, [-1, -5, -4097, -1000000, 1000000, -3], [-7, 7, -4097, 0, 0, -1])

b2l('b2l_gc_edge_round_v_neg', 'edge',
    'Rounding of v toward zero, dv=1 (factor 4095/4096), du=4096, initial v -1, -5, -4097, 4097, -4096, -8388607; n5 also receives inhibitory input.',
    200, 6, 4096, 1, 131071, 1, [0] * 6, [-1, -5, -4097, 4097, -4096, -8388607],
    spikes=[[50, 0], [120, 0]], n_sources=1, projections=[proj('input', 'inhibitory', 3, 8, 0, [(0, 5, -200)])])

b2l('b2l_gc_edge_round_v_2047_negbias', 'bias',
    'Negative and positive constant bias (bias-equivalent, du=0) with dv=2047: mirror trajectories from v=-+10000 and -+4097; b = -123, 123, -1, 1.',
    120, 4, 0, 2047, 1000, 1, [-123, 123, -1, 1], [-10000, 10000, -4097, 4097], bias_eq=True)

# mixed sign mode, odd weights
wm = [-77, 201, -1, 1, 253, -255, 254, -256]
wm2 = [-77, 77, -3, 3, -255, 253, -9, 9]
sp = []
for t in range(200):
    for s in range(8):
        if R.random() < 0.12: sp.append([t, s])
    if R.random() < 0.1: sp.append([t, 8])
b2l('b2l_gc_mixed_odd', 'synaptic',
    'Mixed sign mode, 8 bits: odd mantissas truncate toward zero to even (-77->-76, 201->200, -1->0, 1->0, 253->252, -255->-254); second projection with w_exp=-3 and odd weights (flooring of negative values).',
    200, 8, 1024, 1024, 300, 1, [0] * 8, [0] * 8, spikes=sp, n_sources=9,
    projections=[proj('input', 'mixed', 0, 8, 0, [(i, i, wm[i]) for i in range(8)]),
                 proj('input', 'mixed', -3, 8, 1, [(8, i, wm2[i]) for i in range(8)])])

exc_w = [255, 200, 129, 127, 65, 1]
inh_w = [-256, -200, -129, -127, -65, -1]
mix_w = [-256, -255, -77, 77, 201, 254]
for nwb, wexps in ((1, (0, 1, -1)), (2, (0, 2, -2)), (4, (1, 0, -3)), (6, (0, -1, 2)), (7, (0, 0, 0)), (0, (0, 3, 0))):
    sp = []
    for t in range(200):
        for s in range(3):
            if R.random() < 0.15: sp.append([t, s])
    b2l('b2l_gc_nwb_%d' % nwb, 'synaptic',
        'num_weight_bits=%d in all three sign modes (precision 2^(8-nwb+is_mixed), truncation toward zero): exc from src0 (w_exp %d), inh from src1 (w_exp %d), mixed from src2 (w_exp %d, delay 2).' % ((nwb,) + wexps),
        200, 6, 2048, 512, 500, 1, [0] * 6, [0] * 6, spikes=sp, n_sources=3,
        projections=[proj('input', 'excitatory', wexps[0], nwb, 0, [(0, j, exc_w[j]) for j in range(6)]),
                     proj('input', 'inhibitory', wexps[1], nwb, 0, [(1, j, inh_w[j]) for j in range(6)]),
                     proj('input', 'mixed', wexps[2], nwb, 2, [(2, j, mix_w[j]) for j in range(6)])])

sp = []
for t in range(150):
    for s in range(6):
        if R.random() < 0.1: sp.append([t, s])
projs = [proj('input', 'mixed', 0, 3, 0, [(0, 0, -77), (0, 1, 77), (0, 2, -255), (0, 3, 254)]),
         proj('input', 'excitatory', -2, 5, 1, [(1, 0, 255), (1, 1, 9), (1, 2, 100), (1, 3, 17)]),
         proj('input', 'inhibitory', 4, 3, 3, [(2, 0, -256), (2, 1, -33), (2, 2, -31), (2, 3, -1)]),
         proj('input', 'mixed', -5, 5, 0, [(3, 0, -17), (3, 1, 17), (3, 2, -16), (3, 3, 15)]),
         proj('input', 'excitatory', 7, 1, 4, [(4, 0, 127), (4, 1, 128), (4, 2, 255), (4, 3, 0)]),
         proj('input', 'inhibitory', -8, 2, 0, [(5, 0, -63), (5, 1, -64), (5, 2, -256), (5, 3, -191)])]
b2l('b2l_gc_nwb_3_5_mixed', 'synaptic',
    'num_weight_bits 3, 5, 1 and 2 (not in weight_table) combined with w_exp -8..7 and delays; du=1500, dv=900.',
    150, 4, 1500, 900, 2000, 1, [0] * 4, [0] * 4, spikes=sp, n_sources=6, projections=projs)

# w_exp negative and positive tables
def wexp_case(id, wexps, desc):
    n = len(wexps)
    projs = []
    for k, e in enumerate(wexps):
        projs.append(proj('input', 'excitatory', e, 8, 0, [(0, k, 37), (2, k, 255), (4, k, 1)]))
        projs.append(proj('input', 'inhibitory', e, 8, 0, [(1, k, -37), (3, k, -256), (5, k, -1)]))
        projs.append(proj('input', 'mixed', e, 8, 0, [(6, k, -77), (7, k, 201)]))
    sp = [[2 * s + 1, s] for s in range(8)]
    for t in range(20, 120):
        for s in range(8):
            if R.random() < 0.1: sp.append([t, s])
    return b2l(id, 'synaptic', desc, 120, n, 4096, 2048, 131071, 1, [0] * n, [0] * n, spikes=sp, n_sources=8, projections=projs)

wexp_case('b2l_gc_wexp_neg', list(range(-8, 0)),
          'w_exp -8..-1 (neuron k has w_exp k-8): +-37, +255/-256, +-1, mixed -77/201; floor to 64 makes -37*2^-8 -> -64 but +37 -> 0; du=4096 so u[t] is the step input; single spikes per source at steps 1,3,..,15 isolate each w_eff.')
wexp_case('b2l_gc_wexp_pos', list(range(0, 8)),
          'w_exp 0..7 (neuron k has w_exp k): +-37, +255/-256 (clip at w_exp 7), +-1, mixed -77/201; du=4096, dv=2048.')

b2l('b2l_gc_wexp_m37', 'synaptic',
    'Flooring at negative w_exp: -37 @-8 -> -64, +37 @-8 -> 0, -1 @-8 -> -64, -128 @-7 -> -64, -129 @-7 -> -128, mixed -2 @-8 -> -64, mixed -1 -> 0, -255 @-8 -> -64; du=0 accumulates u, dv=4096 so v == u.',
    40, 4, 0, 4096, 131071, 1, [0] * 4, [0] * 4,
    spikes=[[0, 0], [3, 1], [6, 2], [9, 3], [12, 0], [12, 1], [12, 2], [12, 3], [20, 4], [25, 5]], n_sources=6,
    projections=[proj('input', 'excitatory', -8, 8, 0, [(0, 0, 37), (1, 1, 255)]),
                 proj('input', 'inhibitory', -8, 8, 0, [(0, 1, -37), (1, 0, -1), (2, 2, -255), (3, 3, -1)]),
                 proj('input', 'inhibitory', -7, 8, 0, [(2, 3, -128), (3, 2, -129), (4, 0, -37)]),
                 proj('input', 'mixed', -8, 8, 0, [(4, 1, -2), (5, 2, -1), (5, 3, -3), (5, 0, 254)])])

b2l('b2l_gc_clip_w256_e7', 'saturation',
    'Weight clip: w=-256 w_exp=7 (inhibitory and mixed) -> -2097088 (not -2097152); +255 @7 -> 2088960; mixed 254 @7 -> 2080768. du=0 so u accumulates beyond 24 bits (Brian2Loihi is unbounded), dv=4096 so v == u.',
    30, 3, 0, 4096, 131071, 1, [0] * 3, [0] * 3,
    spikes=[[t, 0] for t in range(0, 10, 2)] + [[t, 1] for t in range(1, 12, 2)] + [[15, 2], [16, 2]], n_sources=3,
    projections=[proj('input', 'inhibitory', 7, 8, 0, [(0, 0, -256)]),
                 proj('input', 'mixed', 7, 8, 0, [(0, 1, -256), (2, 2, 254)]),
                 proj('input', 'excitatory', 7, 8, 0, [(1, 2, 255), (2, 1, 255)])],
    extra_flags=True)

b2l('b2l_gc_clip_w256_e7_in24', 'saturation',
    'Weight clip alone, staying inside 24 bits: du=4096 (u = this step input) so u is exactly -2097088 / 2088960 / 2080768 at the spike steps; dv=2048.',
    30, 2, 4096, 2048, 131071, 1, [0, 0], [0, 0],
    spikes=[[2, 0], [5, 1], [8, 0], [8, 1], [9, 2]], n_sources=3,
    projections=[proj('input', 'inhibitory', 7, 8, 0, [(0, 0, -256)]),
                 proj('input', 'mixed', 7, 8, 0, [(1, 0, -256), (1, 1, 254)]),
                 proj('input', 'excitatory', 7, 8, 0, [(2, 1, 255)])],
    extra_flags=False)

b2l('b2l_gc_bias_exceeds24', 'saturation',
    'Bias-equivalent b = +-4,000,000 (du=0), dv=64, vth_mant=131071: pre-reset v leaves the signed 24-bit range (Brian2Loihi unbounded).',
    100, 2, 0, 64, 131071, 1, [4000000, -4000000], [0, 0], bias_eq=True, extra_flags=True)

# recurrent
chain = [proj('input', 'excitatory', 2, 8, 0, [(0, 0, 255)])]
for i in range(5):
    chain.append(proj('neurons', 'excitatory', 2, 8, i, [(i, i + 1, 255)]))
chain.append(proj('neurons', 'inhibitory', 0, 8, 5, [(5, 0, -50)]))
b2l('b2l_gc_recurrent_chain_delays', 'recurrent',
    'Chain n_i -> n_{i+1} with delay i (0..4), feedback n5 -> n0 inhibitory delay 5; du=dv=4096 so each neuron spikes exactly at the arrival step: input spike at s reaches n0 at s, neuron spike at s reaches target at s+1+delay.',
    100, 6, 4096, 4096, 200, 1, [0] * 6, [0] * 6,
    spikes=[[3, 0], [40, 0], [41, 0], [70, 0]], n_sources=1, projections=chain)

n = 5
projs = [proj('input', 'excitatory', 1, 8, 0, [(s, j, R.randint(60, 200)) for s in range(3) for j in range(n) if R.random() < 0.6])]
for d in range(6):
    syn = [(i, j, R.choice([-1, 1]) * R.randint(1, 255) - (1 if R.random() < 0.5 else 0)) for i in range(n) for j in range(n) if R.random() < 0.35]
    syn = [(i, j, max(-256, min(254, w))) for (i, j, w) in syn]
    projs.append(proj('neurons', 'mixed', R.randint(-2, 3), R.choice([8, 7, 6]), d, syn))
sp = [[t, s] for t in range(500) for s in range(3) if R.random() < 0.08]
b2l('b2l_gc_recurrent_random_delays', 'recurrent',
    'Random mixed-sign recurrent network of 5 neurons, one projection per delay 0..5 (various w_exp, num_weight_bits), input drive from 3 sources; du=1024, dv=512, refractory 2; 500 steps.',
    500, n, 1024, 512, 2500, 2, [0] * n, [0] * n, spikes=sp, n_sources=3, projections=projs)

b2l('b2l_gc_simultaneous_arrivals', 'synaptic',
    'Multiple simultaneous arrivals summed: 4 sources firing together on n0; src0 delay 3 at step 7 and src1 delay 0 at step 10 coincide; same source via an exc and an inh projection; n1 and n2 spike together and both hit n0 (delay 2) plus self-connections.',
    60, 3, 2048, 1024, 150, 1, [0] * 3, [0] * 3,
    spikes=[[5, 0], [5, 1], [5, 2], [5, 3], [7, 0], [10, 1], [20, 4], [30, 4], [30, 0], [30, 1]], n_sources=5,
    projections=[proj('input', 'excitatory', 0, 8, 0, [(1, 0, 30), (2, 0, 40), (3, 0, 50), (4, 1, 255), (4, 2, 255)]),
                 proj('input', 'excitatory', 0, 8, 3, [(0, 0, 20)]),
                 proj('input', 'inhibitory', 0, 8, 3, [(0, 0, -7)]),
                 proj('neurons', 'excitatory', 1, 8, 2, [(1, 0, 100), (2, 0, 100)]),
                 proj('neurons', 'mixed', 0, 8, 0, [(1, 1, -100), (2, 2, 50), (0, 0, -256)])])

b2l('b2l_gc_du_dv_4096', 'edge',
    'du=4096 and dv=4096 (full decay, 13-bit parameter): initial u is carried into step 0 undecayed and then vanishes; initial v decays to 0 at step 0; v[t] == u[t] == input[t].',
    50, 3, 4096, 4096, 100, 1, [7000, -300, 0], [100000, -100000, 6400],
    spikes=[[0, 0], [4, 0], [4, 1], [9, 1], [20, 0]], n_sources=2,
    projections=[proj('input', 'excitatory', 0, 8, 0, [(0, 0, 101), (0, 2, 100)]), proj('input', 'mixed', 1, 8, 1, [(1, 1, 77), (1, 2, -78)])])

b2l('b2l_gc_du0_dv4096', 'edge',
    'du=0 (u never decays) with synaptic input, dv=4096 (v == u): u accumulates the weights; vth_mant 1000.',
    80, 2, 0, 4096, 1000, 3, [10, -10], [0, 0],
    spikes=[[t, 0] for t in range(0, 80, 5)] + [[t, 1] for t in range(2, 80, 11)], n_sources=2,
    projections=[proj('input', 'excitatory', 0, 8, 0, [(0, 0, 100), (0, 1, 60)]), proj('input', 'inhibitory', 0, 8, 0, [(1, 0, -150), (1, 1, -10)])])

b2l('b2l_gc_du4096_dv0', 'edge',
    'du=4096 (u lasts one step) with dv=0 (v integrates without leak); refractory 2.',
    80, 2, 4096, 0, 300, 2, [500, 0], [0, -3000],
    spikes=[[t, 0] for t in range(0, 80, 3)] + [[t, 1] for t in range(0, 80, 13)], n_sources=2,
    projections=[proj('input', 'excitatory', 0, 8, 0, [(0, 0, 100), (0, 1, 80)]), proj('input', 'inhibitory', 0, 8, 0, [(1, 0, -150), (1, 1, -10)])])

b2l('b2l_gc_initial_state', 'edge',
    'Different initial u/v per neuron: initial u is NOT decayed at step 0 and the step-0 input is added to it; initial v is decayed at step 0 (n3 v=6401 decays below vth 6400).',
    60, 4, 2000, 1500, 100, 1, [500, -700, 3000, 0], [1000, -2000, 6000, 6401],
    spikes=[[0, 0], [0, 1], [10, 0]], n_sources=2,
    projections=[proj('input', 'excitatory', 0, 8, 0, [(0, 0, 50), (0, 2, 10)]), proj('input', 'inhibitory', 0, 8, 0, [(1, 1, -20), (1, 3, -1)])])

b2l('b2l_gc_vth0_refractory4', 'edge',
    'vth_mant=0 (threshold 0, any positive v spikes) with refractory 4; bias-equivalent b = 1, 0, -1, 64.',
    50, 4, 0, 100, 0, 4, [1, 0, -1, 64], [0, 0, 0, 0], bias_eq=True)

b2l('b2l_gc_input_delays', 'synaptic',
    'Input delays 0, 1, 5, 17, 62 (max) to separate neurons; du=dv=4096 so each neuron spikes exactly at s + delay.',
    150, 5, 4096, 4096, 10, 1, [0] * 5, [0] * 5,
    spikes=[[0, 0], [10, 0], [11, 0], [80, 0]], n_sources=1,
    projections=[proj('input', 'excitatory', 0, 8, d, [(0, k, 11)]) for k, d in enumerate((0, 1, 5, 17, 62))])

n = 4
projs = []
for s in range(6):
    sm = ['excitatory', 'inhibitory', 'mixed'][s % 3]
    lo, hi = {'excitatory': (0, 255), 'inhibitory': (-256, 0), 'mixed': (-256, 254)}[sm]
    projs.append(proj('input', sm, R.randint(-3, 3), R.choice([8, 7, 6, 4]), R.randint(0, 8),
                      [(s, j, R.randint(lo, hi)) for j in range(n) if R.random() < 0.7]))
for d in (0, 2, 5):
    projs.append(proj('neurons', 'mixed', R.randint(-1, 2), 8, d, [(i, j, R.randint(-256, 254)) for i in range(n) for j in range(n) if R.random() < 0.4]))
sp = [[t, s] for t in range(1000) for s in range(6) if R.random() < 0.06]
b2l('b2l_gc_long_random_1000', 'recurrent',
    'Long run, 1000 steps: 4 neurons, 6 Poisson-like sources through all sign modes / w_exp / num_weight_bits / delays, plus recurrent mixed projections with delays 0, 2, 5; du=700, dv=300, refractory 3, initial states differ.',
    1000, n, 700, 300, 150, 3, [100, -200, 0, 3000], [0, 5000, -5000, 9000], spikes=sp, n_sources=6, projections=projs)

b2l('b2l_gc_bias_long_leak', 'bias',
    'Bias-equivalent, 800 steps, dv=40, different biases and initial v: 250, 400, 1000, -5.',
    800, 4, 0, 40, 300, 1, [250, 400, 1000, -5], [0, 19000, -19000, 1], bias_eq=True)

# ---------------------------------------------------------------- Lava
lava('lava_gc_threshold_eq', 'edge',
     'v == vth_eff (128) must not spike: n0 bias 1<<6, n1 activation 2 (u=128 for one step, du=4095), n2 starts at v=128 with no leak, n3 bias 32<<2; dv=0.',
     30, 4, 4095, 0, 2, [1, 0, -1, 32], [6, 0, 0, 2], [0, 0, 0, 0], [0, 0, 128, 0],
     act=[[3, 1, 2], [9, 1, 1], [20, 2, 2]])

lava('lava_gc_edge_round_u', 'edge',
     'u rounding toward zero with du=0 (effective 1/4096): initial u -1, -5, -4097, 4097, -4096, 5, -8388607, 8388608 (decayed at step 0); dv=4095.',
     300, 8, 0, 4095, 131071, [0] * 8, [0] * 8, [-1, -5, -4097, 4097, -4096, 5, -8388607, 8388608], [0] * 8)

lava('lava_gc_edge_round_v', 'edge',
     'v rounding toward zero with dv=1 (factor 4095/4096): initial v -1, -5, -4097, 4097, -8388607, 8388607; du=4095 (u gone after one step).',
     300, 6, 4095, 1, 131071, [0] * 6, [0] * 6, [0] * 6, [-1, -5, -4097, 4097, -8388607, 8388607])

lava('lava_gc_round_mirror', 'edge',
     'Mirror images: +-x initial u and v with du=2999 (eff 3000), dv=2047, plus mirrored activations +-300.',
     150, 6, 2999, 2047, 131071, [0] * 6, [0] * 6, [1234567, -1234567, 3, -3, 4097, -4097], [-7654321, 7654321, -1, 1, 99, -99],
     act=[[t, i, 300 * (1 if i % 2 == 0 else -1)] for t in range(0, 150, 10) for i in range(6)])

# positive boundary: from u=2^23 with du=0: decays to 8386560
d = trunc_decay(2**23, 1)
assert d == 8386560
lava('lava_gc_wrap_pos_boundary', 'saturation',
     'Wrap at +2^23: initial u=2^23 decays to 8386560; n0 adds a=32 every step -> exactly +2^23, which Lava keeps (valid range (-2^23, 2^23]); n1 adds 33 -> 2^23+64 wraps to -2^23+64; n2 adds 31. Negative biases keep v below threshold; dv=4095.',
     40, 3, 0, 4095, 131071, [-4096, -4096, -4096], [7, 7, 7], [2**23, 2**23, 2**23], [0, 0, 0],
     act=[[t, i, (32, 33, 31)[i]] for t in range(40) for i in range(3)], sort_by_neuron=True, expect_boundary=True)

# negative boundary: search initial u and du so that decayed + 64a == -2^23 exactly with |a| <= 511
found = []
for u0 in range(-8388607, -8388607 + 5000):
    dd = trunc_decay(u0, 1)
    rem = -2**23 - dd
    if rem % 64 == 0 and abs(rem // 64) <= 511:
        found.append((u0, rem // 64))
        if len(found) > 1: break
u0a, aa = found[0]
# accumulate from 0 with a=-511 then land exactly on -2^23
def land_seq(target, sign):
    u = 0; seq = []
    while True:
        dd = trunc_decay(u, 1)
        rem = target - dd
        if rem % 64 == 0 and abs(rem // 64) <= 511:
            seq.append(rem // 64); return seq
        a = sign * 511 if abs(dd) < abs(target) - 40000 else sign * R.randint(0, 40)
        seq.append(a); u = lava_wrap(dd + (a << 6))
        assert len(seq) < 5000
seqn = land_seq(-2**23, -1)
seqp = land_seq(2**23, 1)
steps = max(len(seqn), len(seqp)) + 30
act = [[0, 0, aa], [0, 1, aa - 1], [0, 2, aa + 1]]
act += [[t, 3, a] for t, a in enumerate(seqn)] + [[t, 4, a] for t, a in enumerate(seqp)]
lava('lava_gc_wrap_neg_boundary', 'saturation',
     'Off-by-one wrap at -2^23: n0 pre-wrap u is exactly -2^23 (initial u %d, a=%d) and becomes +2^23; n1 reaches -2^23-64 -> +2^23-64; n2 reaches -2^23+64 (no wrap); n3 accumulates with a<=0 and lands exactly on -2^23 at step %d; n4 lands exactly on +2^23 (kept) at step %d. du=0, dv=4095, vth_mant=131071.' % (u0a, aa, len(seqn) - 1, len(seqp) - 1),
     steps, 5, 0, 4095, 131071, [0] * 5, [0] * 5, [u0a, u0a, u0a, 0, 0], [0] * 5, act=act, expect_boundary=True)

big = [131072, 131073, -131072, -131071, 200000, -200000, 32767, -32768, 512, -512, 40000, -70000, 131071, -131073, 0, 1000]
act = [[t, 0, a] for t, a in enumerate(big)]
act += [[t, 1, -a] for t, a in enumerate(big) if a]
act += [[t, 2, 600 + 37 * t] for t in range(len(big))]
lava('lava_gc_wrap_big_act', 'saturation',
     'Large int32 activations (|a| > 511, Lava cross-check style) with du=4095 (u == a<<6 each step): a=131072 -> +2^23 kept; 131073 wraps; -131072 -> -2^23 -> +2^23 (off-by-one); -131071 kept; +-200000 wrap; 32767, -32768, 512, -512, 40000, -70000; v clipped to +-(2^23-1); dv=4095.',
     24, 3, 4095, 4095, 131071, [0, 0, -4096], [0, 0, 7], [0, 0, 0], [0, 0, 0], act=act, expect_boundary=True)

act = []
for t in range(300):
    for i in range(4):
        if R.random() < 0.3:
            act.append([t, i, R.randint(-70000, 70000) if i < 2 else R.randint(-2000, 2000)])
lava('lava_gc_act_large_decay', 'saturation',
     'Random large activations (|a| up to 70000 for n0/n1, 2000 for n2/n3) with du=100, dv=200: u wraps repeatedly, v clips at +-(2^23-1); vth_mant=100000.',
     300, 4, 100, 200, 100000, [0, 5, -5, 4095], [0, 3, 3, 7], [0, 0, 0, 0], [0, 0, 0, 0], act=act)

lava('lava_gc_v_clip', 'saturation',
     'v clip at +-(2^23-1): du=0, dv=0; n0 u grows with a=+300 (no wrap) and v saturates at 8388607 (spikes since > 8388544); n1 mirrored saturates at -8388607; n2 negative bias only.',
     200, 3, 0, 0, 131071, [0, 0, -4096], [0, 0, 7], [0, 0, 0], [0, 0, 0],
     act=[[t, 0, 300] for t in range(60)] + [[t, 1, -300] for t in range(60)])

act = [[t, i, R.randint(-511, 511)] for t in range(400) for i in range(8) if R.random() < 0.2]
lava('lava_gc_bias_exp', 'bias',
     'Per-neuron bias with bias_exp up to 7: mant -4096, 4095, 1, -1, 17, -300, 1000, 0 with exp 7, 7, 0, 3, 5, 6, 2, 7; du=1000, dv=1500, vth_mant=150, random activations.',
     400, 8, 1000, 1500, 150, [-4096, 4095, 1, -1, 17, -300, 1000, 0], [7, 7, 0, 3, 5, 6, 2, 7], [0] * 8, [0] * 8, act=act)

lava('lava_gc_du_dv_4095', 'edge',
     'du=4095 (effective current decay 4096: u == a<<6) and dv=4095 (effective voltage decay 4095/4096 removed); nonzero initial u/v are decayed at step 0.',
     60, 3, 4095, 4095, 50, [10, 0, -3], [3, 0, 2], [50000, -50000, 123], [4095, -4097, 3300],
     act=[[t, i, R.randint(-100, 100)] for t in range(60) for i in range(3) if R.random() < 0.4])

lava('lava_gc_du0_dv0', 'edge',
     'du=0 (effective 1/4096) and dv=0 (no voltage leak), 500 steps, small activations and biases; different initial u/v.',
     500, 3, 0, 0, 3000, [1, -2, 0], [0, 1, 0], [100, -4097, 0], [0, 100000, -5],
     act=[[t, i, R.randint(-5, 5)] for t in range(500) for i in range(3) if R.random() < 0.2], sort_by_neuron=True)

act = [[t, i, R.randint(-511, 511)] for t in range(1000) for i in range(6) if R.random() < 0.15]
lava('lava_gc_long_random', 'synaptic',
     'Long run, 1000 steps, 6 neurons, sparse random activations |a|<=511, per-neuron biases, du=300, dv=50, vth_mant=2000, different initial states.',
     1000, 6, 300, 50, 2000, [5, -5, 0, 100, 4095, -4096], [4, 4, 0, 0, 1, 0], [0, 1000, -1000, 64, 0, 0], [0, 0, 50000, -50000, 127999, 1],
     act=act)

lava('lava_gc_init_state', 'edge',
     'Initial u and v are both u[-1], v[-1] and decayed at step 0 (du=2047 -> eff 2048, dv=0); n4 v=6401 > vth with no decay spikes at step 0 only if u keeps it above.',
     40, 5, 2047, 0, 100, [0] * 5, [0] * 5, [1000, -1000, 8388608, -8388607, 4097], [6400, -6400, 100000, -100000, 6401],
     act=[[5, 0, 10], [5, 1, -10]])

# closed-loop recurrent cross-check style: routed spikes with latency s+1+delay, w_eff/64 summed (may exceed 511)
n = 5
W = {}  # (pre, post, delay) -> a units
Rr = random.Random(7)
for i in range(n):
    for j in range(n):
        if Rr.random() < 0.5:
            W[(i, j, Rr.randint(0, 5))] = Rr.choice([-1, 1]) * Rr.randint(100, 4000)
def fb(t, newspk):
    out = []
    for (i, j, d), a in W.items():
        if i in newspk:
            out.append((t + 1 + d, j, a))
    return out
ext = [[t, i, Rr.randint(200, 3000)] for t in range(400) for i in range(n) if Rr.random() < 0.1]
lava('lava_gc_recurrent_xcheck', 'recurrent',
     'Cross-check style: a 5-neuron recurrent network routed with Brian2Loihi latency (s+1+delay, delays 0..5); activation_in holds the summed int32 activations (|a| up to several thousand, > 511); du=800, dv=600, vth_mant=3000.',
     400, n, 800, 600, 3000, [0] * n, [0] * n, [0] * n, [0] * n, act=ext, feedback=fb)

print(len(written), 'cases')
for w in written:
    print(' ', w[0], '|', w[1])
