// Rows grouped by a key in one pass: loaders that hand each parent its children look them up
// in the map instead of filtering the whole list once per parent (issue 19: that was
// parents × children comparisons on every request). Map.groupBy arrived in Node 21; the
// server runs Node 20.
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
