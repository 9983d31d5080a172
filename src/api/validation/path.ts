// Field paths rendered as k8s.io/apimachinery/pkg/util/validation/field.Path does:
// `spec.template.spec.containers[0].ports[1]`, map keys as `data[key]`.

export function child(path: string, ...names: string[]): string {
  let p = path;
  for (const n of names) p = p ? `${p}.${n}` : n;
  return p;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}
