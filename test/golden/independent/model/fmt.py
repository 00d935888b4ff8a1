import json
def _scalar_or_flat(x):
    return not isinstance(x, (list, dict)) or (isinstance(x, list) and all(not isinstance(y, (list, dict)) for y in x))
def dump(obj, ind=0, key=None):
    sp = ' ' * ind
    if isinstance(obj, dict):
        items = [' ' * (ind + 1) + json.dumps(k) + ': ' + dump(v, ind + 1, k) for k, v in obj.items()]
        return '{\n' + ',\n'.join(items) + '\n' + sp + '}'
    if isinstance(obj, list):
        if key in ('u', 'v', 'v_pre_reset') and obj and isinstance(obj[0], list):
            return '[\n' + ',\n'.join(' ' * (ind + 1) + json.dumps(r, separators=(',', ':')) for r in obj) + '\n' + sp + ']'
        if all(_scalar_or_flat(x) for x in obj):
            return json.dumps(obj, separators=(',', ':'))
        return '[\n' + ',\n'.join(' ' * (ind + 1) + dump(x, ind + 1) for x in obj) + '\n' + sp + ']'
    return json.dumps(obj, ensure_ascii=False)
