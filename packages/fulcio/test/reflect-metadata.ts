// @peculiar/x509's dependency injection container checks for the Reflect metadata API at load
// time; these tests only need it to exist, so a minimal per-target store is enough.
type MetadataStore = Map<unknown, unknown>;
const stores = new WeakMap<object, MetadataStore>();

function store(target: object): MetadataStore {
  let map = stores.get(target);
  if (!map) {
    map = new Map();
    stores.set(target, map);
  }
  return map;
}

const reflect = Reflect as unknown as Record<string, unknown>;
if (typeof reflect.getMetadata !== 'function') {
  reflect.defineMetadata = (key: unknown, value: unknown, target: object) => store(target).set(key, value);
  reflect.getOwnMetadata = (key: unknown, target: object) => stores.get(target)?.get(key);
  reflect.getMetadata = (key: unknown, target: object) => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      const value = stores.get(t)?.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  reflect.metadata = (key: unknown, value: unknown) => (target: object) => {
    store(target).set(key, value);
  };
}
