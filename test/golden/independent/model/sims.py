"""Independent reimplementation of the README semantics (Brian2Loihi and Lava PyLifModelBitAcc)."""
import math

def trunc_decay(x, d):
    """sign(x) * floor(|x| * (4096 - d) / 4096)  (truncation toward zero)"""
    m = (abs(x) * (4096 - d)) >> 12
    return m if x >= 0 else -m

def floordiv_pow2(x, e):
    """floor(x * 2**e) for integer x and integer e (e may be negative)"""
    if e >= 0:
        return x << e
    return x >> (-e)   # python >> is arithmetic (floor)

def b2l_w_eff(w, sign_mode, w_exp, nwb):
    lo, hi = {'mixed': (-256, 254), 'excitatory': (0, 255), 'inhibitory': (-256, 0)}[sign_mode]
    assert lo <= w <= hi, (w, sign_mode)
    assert -8 <= w_exp <= 7 and 0 <= nwb <= 8
    is_mixed = 1 if sign_mode == 'mixed' else 0
    prec = 2 ** (8 - nwb + is_mixed)
    q = abs(w) // prec
    wt = (q if w >= 0 else -q) * prec          # truncate toward zero
    # multiply by 2^(6+w_exp), floor to multiple of 64  == 64*floor(wt*2^w_exp)
    weff = 64 * floordiv_pow2(wt, w_exp)
    lim = 2 ** 21 - 64
    return max(-lim, min(lim, weff))

def sim_b2l(case):
    nb = case['neuron']; n = nb['n']; steps = case['steps']
    du, dv, vth = nb['du'], nb['dv'], nb['vth_mant'] * 64
    refr = nb['refractory']
    u = list(case['initial']['u']); v = list(case['initial']['v'])
    # arrivals from input sources (independent of dynamics)
    arr = [[0] * n for _ in range(steps)]
    inp = case.get('input', {'spikes': []})
    projs = case.get('projections', [])
    for (s, src) in inp['spikes']:
        for p in projs:
            if p['pre'] != 'input':
                continue
            for (pre, post, wm, we) in p['synapses']:
                assert we == b2l_w_eff(wm, p['sign_mode'], p['w_exp'], p['num_weight_bits'])
                if pre == src and s + p['delay'] < steps:
                    arr[s + p['delay']][post] += we
    rec = [p for p in projs if p['pre'] == 'neurons']
    for p in rec:
        for (pre, post, wm, we) in p['synapses']:
            assert we == b2l_w_eff(wm, p['sign_mode'], p['w_exp'], p['num_weight_bits'])
    lastspike = [None] * n
    U = [[] for _ in range(n)]; V = [[] for _ in range(n)]; VP = [[] for _ in range(n)]
    spikes = []
    for t in range(steps):
        for i in range(n):
            u[i] += arr[t][i]
        newspk = []
        for i in range(n):
            U[i].append(u[i])
            refractory = lastspike[i] is not None and (t - lastspike[i]) < refr
            if not refractory:
                v[i] = trunc_decay(v[i], dv) + u[i]
            u[i] = trunc_decay(u[i], du)   # carry into t+1
            VP[i].append(v[i])
            if not refractory and v[i] > vth:
                newspk.append(i); lastspike[i] = t; v[i] = 0
            V[i].append(v[i])
            assert abs(U[i][-1]) < 2**31 and abs(VP[i][-1]) < 2**31
        for i in newspk:
            spikes.append([t, i])
            for p in rec:
                for (pre, post, wm, we) in p['synapses']:
                    if pre == i and t + 1 + p['delay'] < steps:
                        arr[t + 1 + p['delay']][post] += we
    return U, V, VP, spikes

def lava_wrap(x):
    if x > 2**23:
        x -= 2**24
    elif x <= -2**23:
        x += 2**24
    return x

def sim_lava(case, feedback=None):
    nb = case['neuron']; n = nb['n']; steps = case['steps']
    du_eff, dv = nb['du'] + 1, nb['dv']
    assert nb['du_eff'] == du_eff and nb['dv_eff'] == dv
    vth = nb['vth_mant'] * 64
    bias = [m << e for m, e in zip(nb['bias_mant'], nb['bias_exp'])]
    assert bias == nb['bias_eff']
    u = list(case['initial']['u']); v = list(case['initial']['v'])
    act = [[0] * n for _ in range(steps)]
    for (s, i, a) in case.get('activation_in', []):
        act[s][i] += a
    U = [[] for _ in range(n)]; V = [[] for _ in range(n)]; VP = [[] for _ in range(n)]
    spikes = []
    VMAX = 2**23 - 1
    for t in range(steps):
        newspk = []
        for i in range(n):
            uu = trunc_decay(u[i], du_eff) + (act[t][i] << 6)
            assert -3 * 2**23 < uu <= 3 * 2**23   # single wrap suffices (as in Lava)
            u[i] = lava_wrap(uu)
            vv = trunc_decay(v[i], dv) + u[i] + bias[i]
            v[i] = max(-VMAX, min(VMAX, vv))
            U[i].append(u[i]); VP[i].append(v[i])
            if v[i] > vth:
                newspk.append(i); v[i] = 0
            V[i].append(v[i])
        for i in newspk:
            spikes.append([t, i])
        if feedback:
            feedback(t, newspk, act)
    return U, V, VP, spikes

def expected_block(U, V, VP, spikes):
    n = len(U)
    spikes = sorted(spikes)
    return {
        'n_spikes': len(spikes),
        'spikes': spikes,
        'spike_steps': [[s for s, i in spikes if i == k] for k in range(n)],
        'u': U, 'v': V, 'v_pre_reset': VP,
    }

def run_case(case, **kw):
    if case['source'] == 'brian2_loihi':
        return sim_b2l(case)
    return sim_lava(case, **kw)
